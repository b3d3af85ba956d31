"""The base of the list pages' filter sets."""

import django_filters


class PerRequestFilterSet(django_filters.FilterSet):
    """A FilterSet whose instances may set choices or messages on their own filters.

    django-filter builds a filter's form field once and keeps it on the filter, and an
    instance's filters are deep copies of the class's. A field built on the class's own
    filters (an OpenAPI schema generator reading the filters does this) would then be
    copied into every instance, and the choices and messages an instance sets would be
    ignored. Each instance drops those copies and builds its fields from its own filters.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            filter_.__dict__.pop("_field", None)
