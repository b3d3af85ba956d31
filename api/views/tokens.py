"""Profile pages: a person's API tokens, making one (its key shown once) and revoking one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from api.forms import ApiTokenForm
from api.models import ApiToken
from api.services import api_token_create, api_token_revoke
from core.access import get_visible_or_404, require
from core.forms import add_errors
from core.views import posted


def api_tokens(request):
    """The person's tokens and a form for a new one; after creating, the key, once."""
    require(request.user, "improvement.read")
    form = ApiTokenForm(posted(request))
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_days=form.cleaned_data["expires_days"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = ApiTokenForm()
    tokens = ApiToken.objects.visible_to(request.user)
    context = {"form": form, "issued": issued, "tokens": tokens}
    # The key is in this page only: answered to the POST, never stored, never redirected to.
    return render(request, "api/token_list.html", context, status=201 if issued else 200)


@require_POST
def api_token_revoke_view(request, pk: int):
    token = get_visible_or_404(ApiToken.objects, request.user, pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, f"The token “{token.name}” has been revoked. It no longer works.")
    return redirect("api_tokens")
