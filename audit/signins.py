"""Sign-ins, sign-outs, failed sign-ins and lock-outs, recorded as SignInEvent rows.

Django's auth signals and django-axes' lock-out signal feed one small table that the
audit trail reads beside the history of records. Connected in AuditConfig.ready().
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.history import client_ip, person_name
from audit.models import SignInEvent

USER_AGENT_LENGTH = SignInEvent._meta.get_field("user_agent").max_length
EMAIL_LENGTH = SignInEvent._meta.get_field("email").max_length


# A request signed in through the council's provider carries how (accounts/sso/views.py):
# {"method": ..., "auth_time": ..., "amr": ...}; a password sign-in carries nothing.
SIGN_IN_DETAILS_ATTRIBUTE = "sign_in_details"


def sign_in_event_record(
    *,
    kind: str,
    request=None,
    user=None,
    email: str = "",
    method: str = "",
    auth_time=None,
    amr: str = "",
    reason: str = "",
) -> SignInEvent:
    """Record one sign-in event, with the address and browser of the request if there is one."""
    email = (email or getattr(user, "email", "") or "").strip()[:EMAIL_LENGTH]
    if user is None and email:
        # A failed attempt names an account by what was typed; link it when it exists.
        user = get_user_model().objects.filter(email__iexact=email).first()
    meta = getattr(request, "META", {})
    return SignInEvent.objects.create(
        kind=kind,
        email=email,
        user=user,
        user_name=person_name(user),
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(meta.get("HTTP_USER_AGENT") or "")[:USER_AGENT_LENGTH],
        method=method,
        auth_time=auth_time,
        amr=amr[:100],
        reason=reason[:200],
    )


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def signed_in(sender, request, user, **kwargs):
    details = getattr(request, SIGN_IN_DETAILS_ATTRIBUTE, None) or {
        "method": SignInEvent.Method.PASSWORD
    }
    sign_in_event_record(kind=SignInEvent.Kind.SIGNED_IN, request=request, user=user, **details)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:  # signing out of an already expired session changes nothing
        sign_in_event_record(kind=SignInEvent.Kind.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username") or credentials.get("email") or ""
    sign_in_event_record(
        kind=SignInEvent.Kind.FAILED,
        request=request,
        email=str(typed),
        method=SignInEvent.Method.PASSWORD,
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def locked_out(sender, request, username=None, **kwargs):
    # The address as typed on the form; axes passes it lower-cased (accounts/lockout.py),
    # or not at all when it locked by address.
    typed = getattr(request, "POST", {}).get("username", "") or username or ""
    sign_in_event_record(kind=SignInEvent.Kind.LOCKED_OUT, request=request, email=typed)
