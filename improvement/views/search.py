"""The search page: /search/?q=words, over everything the user may read."""

from django.shortcuts import render

from core.access import require
from improvement.selectors.search import MIN_QUERY_LENGTH, clean_query, is_searchable, search


def search_page(request):
    require(request.user, "improvement.read")
    query = clean_query(request.GET.get("q"))
    groups = search(request.user, query)
    context = {
        "query": query,
        "searched": is_searchable(query),
        "min_length": MIN_QUERY_LENGTH,
        "groups": groups,
        "total": sum(group.count for group in groups),
    }
    return render(request, "improvement/search.html", context)
