"""Small middleware of our own: the request-size cap, headers Django does not set, request
logging, and the busy page for a write that could not get the database's lock."""

import logging
import time

from django.conf import settings
from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

request_log = logging.getLogger("improvement.requests")
busy_log = logging.getLogger("core.busy")
size_log = logging.getLogger("core.request_size")

# SQLite's words for a write that waited its whole busy timeout for the lock.
BUSY_MESSAGES = ("database is locked", "database table is locked")
RETRY_AFTER_SECONDS = 10


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than REQUEST_MAX_BYTES with 413, judged by its
    Content-Length before anything reads the body, so nothing is spooled to disk.

    Django reads no more than the Content-Length it is given, so a body that lies about
    its size cannot get past. DATA_UPLOAD_MAX_MEMORY_SIZE still caps the non-file fields.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django then reads no body at all
        limit = settings.REQUEST_MAX_BYTES
        if length <= limit:
            return self.get_response(request)
        size_log.warning(
            "request body too large: refused",
            extra={"method": request.method, "path": request.path, "content_length": length},
        )
        megabytes = 1024 * 1024
        context = {
            "limit_mb": limit // megabytes,
            "file_limit_mb": settings.EVIDENCE_MAX_BYTES // megabytes,
        }
        return render(request, "413.html", context, status=413)


class SessionIdleMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    Sessions end after SESSION_COOKIE_AGE (30 minutes) without a request. Django's
    SESSION_SAVE_EVERY_REQUEST would write the session row on every page; marking the
    session as used once a minute gives the same timeout to within that minute, with one
    write a minute rather than one a request (fewer queries, fewer writers on SQLite).
    """

    REFRESH_SECONDS = 60
    KEY = "_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now
        return response

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs):
        """Signing in writes the session anyway: it counts as the minute's write."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())


class PermissionsPolicyMiddleware:
    """Switch off browser features the app never uses (camera, microphone, location...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreForSignedInMiddleware:
    """Tell browsers and proxies to keep no copy of anything a signed-in person is sent.

    Pages, exports and evidence downloads hold plan details, some confidential; a shared
    computer's cache or the back button after signing out must not show them. Static files
    (answered by whitenoise before this runs) and pages for people not signed in keep
    their caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # Cache-Control: ..., no-store, private
            response.headers["Pragma"] = "no-cache"  # for HTTP/1.0 caches
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


class DatabaseBusyMiddleware:
    """A write that timed out waiting for SQLite's lock gets "The system is busy" (503).

    The service's transaction was rolled back, so nothing is half-saved; the page says so
    and asks the user to go back (the browser keeps what they typed) and try again. Other
    database errors are not ours to explain and go on to the 500 page. Only errors raised
    by a view arrive here: Django turns one raised in another middleware (such as the
    session save after the page) into its 500 page first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, OperationalError) and is_lock_timeout(exception)):
            return None
        user = getattr(request, "user", None)
        busy_log.warning(
            "database busy: change not saved",
            extra={
                "method": request.method,
                "path": request.path,
                "error": str(exception),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        response = render(request, "503_busy.html", status=503)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def is_lock_timeout(error: OperationalError) -> bool:
    return str(error).strip().lower().startswith(BUSY_MESSAGES)
