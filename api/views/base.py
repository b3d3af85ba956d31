"""What every API view shares: bearer tokens only, the read permission the pages ask,
the per-token rate limit, cursor pages, `updated_since` and streamed CSV."""

from rest_framework import viewsets
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer

from api import csv
from api.authentication import BearerTokenAuthentication
from api.filters import UpdatedSinceFilter, UserFilterBackend
from api.pagination import IdCursorPagination
from api.throttling import TokenRateThrottle
from core.access import allowed
from core.clock import today


class CanRead(BasePermission):
    """The permission every reading page asks (improvement/rules.py)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and allowed(
            request.user, "improvement.read"
        )


class TokenOnly:
    """Token authentication and nothing else. DRF marks its views `login_required = False`,
    so Django's sign-in redirect does not apply: no token answers 401."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [CanRead]
    throttle_classes = [TokenRateThrottle]


class ReadOnlyApiViewSet(TokenOnly, viewsets.ReadOnlyModelViewSet):
    pagination_class = IdCursorPagination
    renderer_classes = [JSONRenderer, csv.CSVRenderer]
    filter_backends = [UpdatedSinceFilter, UserFilterBackend]
    lookup_value_regex = "[0-9]+"
    csv_name = "records"
    selector = None  # a function of the user giving the visible queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema asks only for the model
            return self.serializer_class.Meta.model.objects.none()
        return type(self).selector(self.request.user)

    def filterset_kwargs(self) -> dict:
        """Extra arguments a web list's FilterSet needs (the user, for instance)."""
        return {}

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset  # one record is fetched by id, whatever the list's filters
        return super().filter_queryset(queryset)

    def csv_attach(self):
        """A function filling a CSV chunk's related rows in place of the prefetches."""
        return None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "on": today()}

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            context = self.get_serializer_context()
            return csv.stream(
                queryset, self.get_serializer_class(), context, self.csv_name, self.csv_attach()
            )
        return super().list(request, *args, **kwargs)
