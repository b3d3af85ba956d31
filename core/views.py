"""Pages every app shares (the CSRF failure page, the health check for load balancers), and
`posted`, how every form view reads a POST."""

import contextlib
import logging
from uuid import uuid4

from django.contrib.auth.decorators import login_not_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.health import run_checks


def posted(request):
    """The submitted data on POST (even if empty, so an empty form shows its errors)."""
    return request.POST if request.method == "POST" else None


def csrf_failure(request, reason=""):
    """A plain-language page for an expired or missing CSRF token (403)."""
    return render(request, "403_csrf.html", status=403)


log = logging.getLogger("core.health")


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def storage_ok() -> bool:
    """Whether uploads can be stored: write and delete a small probe file."""
    probe = f"healthz/probe-{uuid4().hex}"
    try:
        default_storage.delete(default_storage.save(probe, ContentFile(b"ok")))
    # Any failure (a full or read-only disk, object storage refusing) means the same to
    # a load balancer: this server cannot take uploads.
    except Exception:
        log.exception("storage health probe failed")
        with contextlib.suppress(Exception):
            default_storage.delete(probe)  # a partial probe, if the write got that far
        return False
    return True


@login_not_required
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, uploads can be stored and the
    registered checks (core/health.py: the queue's backlog) pass; 503 saying which is
    failing when not."""
    health = {
        "database": "ok" if database_ok() else "unreachable",
        "storage": "ok" if storage_ok() else "unwritable",
    }
    healthy = health == {"database": "ok", "storage": "ok"}
    if health["database"] == "ok":
        checks_ok, more = run_checks()
        healthy = healthy and checks_ok
        health.update(more)
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **health}, status=200 if healthy else 503
    )
