"""Small middleware of our own: headers Django does not set, and request logging."""

import logging
import time

from django.conf import settings

request_log = logging.getLogger("improvement.requests")


class PermissionsPolicyMiddleware:
    """Switch off browser features the app never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequestLogMiddleware:
    """One log line per request: method, path, status, time, user id.

    Query strings are left out because search boxes and filters can hold names, and
    users are logged by id, not e-mail, so the logs hold no personal data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
