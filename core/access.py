"""The one way views fetch a record: scoped by visible_to (404 if hidden), then a rule (403).

No view calls get_object_or_404 or Model.objects.get itself (tests/core/test_access.py
checks), so none can forget the scope.
"""

import rules
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404


def allowed(user, perm: str, obj=None) -> bool:
    """Whether the `rules` permission holds.

    Asks the rule itself rather than user.has_perm, which lets superusers through every
    check: the design gives administrators no part in posting updates, verifying or
    answering challenges.
    """
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None) -> None:
    """Answer 403 unless the user holds the permission (on the object, if given)."""
    if not allowed(user, perm, obj):
        raise PermissionDenied


def get_visible_or_404(queryset, user, **lookup):
    """Fetch from `queryset.visible_to(user)`; a hidden object is indistinguishable from none."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def get_allowed_or_404(queryset, user, perm: str, **lookup):
    """A record the user may see (404 otherwise) and holds `perm` on (403 otherwise)."""
    obj = get_visible_or_404(queryset, user, **lookup)
    require(user, perm, obj)
    return obj


def get_selected_or_404(selector, *args, **kwargs):
    """Call a selector that fetches one record scoped to the user (a detail page's, with
    everything prefetched); the record missing or hidden answers 404."""
    try:
        return selector(*args, **kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
