"""Whether this session has jobs to watch for, so the banner's query runs only then.

Every page shows the "Your downloads" banner when the person has jobs finished since they
last looked, which would cost every page a query. A page that starts a job marks the
session (`watch`); only a marked session asks; Your downloads unmarks it once nothing is
waiting, running or unseen. A job that finishes after the session ended is e-mailed (if
it was long) and listed on Your downloads, without the banner.
"""

KEY = "jobs_watch"


def watch(request) -> None:
    request.session[KEY] = True


def watching(request) -> bool:
    return bool(getattr(request, "session", None) and request.session.get(KEY))


def unwatch(request) -> None:
    request.session.pop(KEY, None)
