from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A plain-language page for an expired or missing CSRF token (403)."""
    return render(request, "403_csrf.html", status=403)
