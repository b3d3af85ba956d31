"""Pages every app shares (the CSRF failure page, the health check for load balancers), and
`posted`, how every form view reads a POST."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def posted(request):
    """The submitted data on POST (even if empty, so an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def csrf_failure(request, reason=""):
    """A plain-language page for an expired or missing CSRF token (403)."""
    return render(request, "403_csrf.html", status=403)


@login_not_required
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
