"""Sign-in through the council's provider: start, callback (every refusal a clear page and a
failed sign-in in the audit trail, never a server error), the no-access page and sign-out.

The start view is mozilla-django-oidc's (state, nonce and PKCE kept in the session); the
callback is ours over its backend, so each refusal keeps its reason.
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.sso import provider
from accounts.sso.backends import PROVIDER_BACKEND, CouncilAccountBackend
from accounts.sso.refusals import SignInRefused
from audit.models import SignInEvent
from audit.signins import SIGN_IN_DETAILS_ATTRIBUTE, sign_in_event_record
from core.admin_site import PROVIDER_MFA_SESSION_KEY
from core.roles import role_names

SIGN_IN_METHOD_KEY = "sign_in_method"
REFUSAL_STATUS = {"unavailable": 503}


def refused(request, refusal: SignInRefused):
    """The refusal page, after writing the failed sign-in to the audit trail."""
    sign_in_event_record(
        kind=SignInEvent.Kind.FAILED,
        request=request,
        user=refusal.user,
        email=refusal.email,
        method=SignInEvent.Method.PROVIDER,
        reason=refusal.audit_reason,
    )
    status = REFUSAL_STATUS.get(refusal.code, 403)
    return render(request, "accounts/sso_refused.html", {"refusal": refusal}, status=status)


@method_decorator(login_not_required, name="dispatch")
class SignInStartView(OIDCAuthenticationRequestView):
    """Send the person to the provider, with a fresh state, nonce and PKCE challenge."""

    get_settings = staticmethod(provider.library_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoints are read in get(), not at start-up

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider.discovery()["authorization_endpoint"]
        except SignInRefused as refusal:
            return refused(request, refusal)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_CLIENT_ID
        return super().get(request)


def _take_state(request) -> dict:
    """The nonce and PKCE verifier of the sign-in this answer belongs to, used once."""
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    if not state or state not in states:
        raise SignInRefused("state", detail="state not started in this browser or used")
    entry = states.pop(state)
    request.session["oidc_states"] = states
    return entry


def _details(claims: dict) -> dict:
    """How the provider checked the person, for the sign-in event."""
    auth_time = claims.get("auth_time")
    amr = claims.get("amr") or []
    return {
        "method": SignInEvent.Method.PROVIDER,
        "auth_time": datetime.fromtimestamp(auth_time, UTC)
        if isinstance(auth_time, int | float)
        else None,
        "amr": " ".join(str(item) for item in amr) if isinstance(amr, list) else str(amr),
    }


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: sign the person in, or say plainly why not."""

    get_settings = staticmethod(provider.library_setting)

    def get(self, request):
        if not provider.enabled():
            raise Http404
        try:
            if request.GET.get("error"):
                request.session.get("oidc_states", {}).pop(request.GET.get("state", ""), None)
                request.session.modified = True
                detail = request.GET.get("error_description") or request.GET["error"]
                raise SignInRefused("provider_error", detail=detail[:150])
            entry = _take_state(request)
            user, claims = CouncilAccountBackend().sign_in(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except SignInRefused as refusal:
            return refused(request, refusal)
        next_url = request.session.get("oidc_login_next")
        details = _details(claims)
        setattr(request, SIGN_IN_DETAILS_ATTRIBUTE, details)
        auth.login(request, user, backend=PROVIDER_BACKEND)
        request.session[SIGN_IN_METHOD_KEY] = SignInEvent.Method.PROVIDER
        request.session[PROVIDER_MFA_SESSION_KEY] = "mfa" in details["amr"].split()
        if not (role_names(user) or user.is_staff):
            return redirect("no_access")
        return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def no_access(request):
    """For a person signed in whose role claim gives no role in the tracker."""
    contact = settings.OIDC_ACCESS_CONTACT or (
        "your council's administrator for the improvement plan tracker"
    )
    return render(request, "accounts/no_access.html", {"contact": contact})


def provider_sign_out_url(request) -> str | None:
    """The provider's end-session address for a session begun there (None otherwise)."""
    if request.session.get(SIGN_IN_METHOD_KEY) != SignInEvent.Method.PROVIDER:
        return None
    if not provider.enabled():
        return None
    try:
        endpoint = provider.discovery().get("end_session_endpoint")
    except SignInRefused:
        return None  # the local session still ends
    if not endpoint:
        return None
    params = {
        "client_id": settings.OIDC_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    if request.session.get("oidc_id_token"):
        params["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}?{urlencode(params)}"


class SignOutView(auth_views.LogoutView):
    """Ends the session here and, for a provider sign-in, at the provider too."""

    def post(self, request, *args, **kwargs):
        end_session = provider_sign_out_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(end_session) if end_session else response
