from django.urls import reverse

from jobs.selectors import unseen_count
from jobs.watch import watching


def downloads(request):
    """The banner's figure: the user's jobs finished since they last looked (one query, only
    in a session that started a job: jobs/watch.py)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if request.path == reverse("downloads") or not watching(request):
        return {}
    return {"unseen_downloads": unseen_count(user)}
