"""The home page: what the signed-in person needs first, by role."""

from django.shortcuts import render

from accounts.names import greeting_name
from core import roles
from improvement.selectors.home import home_sections


def home(request):
    user = request.user
    context = {
        "sections": home_sections(user),
        "has_role": roles.has_any_role(user),
        "greeting_name": greeting_name(user.full_name),
    }
    return render(request, "improvement/home.html", context)
