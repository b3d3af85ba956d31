from django.urls import reverse

from jobs.selectors import unseen_count


def downloads(request):
    """The banner's figure: the user's jobs finished since they last looked (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if request.path == reverse("downloads"):
        return {}
    return {"unseen_downloads": unseen_count(user)}
