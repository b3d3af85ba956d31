"""The registers' pages: inspections and recommendations."""


def querystring_without_page(request) -> str:
    """The register's filters as submitted (empty ones too), for page links and "filtered"."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
