"""An action's own history: every change to it and to what hangs off it."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit import selectors as trail
from audit.views import with_record_urls
from core.access import get_allowed_or_404
from core.pagination import page_number
from improvement.models import Action
from improvement.selectors.history import action_scopes


@require_GET
def action_history(request, pk: int):
    """Every change to one action and to what hangs off it, with who, when and what."""
    action = get_allowed_or_404(
        Action.objects.select_related("priority__plan"),
        request.user,
        "improvement.view_action_history",
        pk=pk,
    )
    number = page_number(request)
    rows = trail.audit_rows(scopes=action_scopes(action.pk), limit=number * 50 + 1)
    page = with_record_urls(trail.audit_page(rows, request.user, number))
    return render(
        request,
        "improvement/audit/action_history.html",
        {"action": action, "page": page, "querystring": ""},
    )
