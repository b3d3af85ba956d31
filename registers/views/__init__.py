"""The registers' pages: inspections and recommendations."""


def querystring_without_page(request) -> str:
    """The register's filters as submitted (empty ones too), for page links and "filtered"."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def filtered_list_context(request, filterset, page) -> dict:
    """What a register's list template needs: the filter, its form and one page of rows."""
    query = querystring_without_page(request)
    return {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page,
        "elided_page_range": page.elided_page_range,
        "querystring": query,
        "filtered": bool(query),
    }
