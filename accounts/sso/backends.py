"""The two ways to sign in: a password (unless OIDC_ONLY keeps it for the break-glass list)
and the council's OpenID provider, through mozilla-django-oidc's backend and its hooks.

The provider's ID token is the only source of claims (Entra's userinfo endpoint does not
return app roles). Its signature is checked against the provider's published keys, and its
issuer, audience, expiry and nonce, with OIDC_LEEWAY_SECONDS of clock skew allowed.
"""

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.sso import provider
from accounts.sso.refusals import SignInRefused
from accounts.sso.roles import parse_role_map, roles_from_claims, user_roles_sync

PROVIDER_BACKEND = "accounts.sso.backends.CouncilAccountBackend"


def password_allowed(email: str) -> bool:
    """Whether this e-mail address may sign in with a password (OIDC_ONLY: break-glass only)."""
    if not (settings.OIDC_ONLY and provider.enabled()):
        return True
    return (email or "").strip().lower() in settings.OIDC_BREAK_GLASS_EMAILS


class PasswordBackend(ModelBackend):
    """Django's password sign-in, refused for everyone off the break-glass list when
    OIDC_ONLY is on (here, so the admin's own sign-in page is covered too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and not password_allowed(username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def subject_of(claims: dict) -> str:
    """The person's stable id at the provider: Entra's object id, else the subject."""
    return str(claims.get("oid") or claims.get("sub") or "")


def email_of(claims: dict) -> str:
    email = claims.get("email") or ""
    if not email and "@" in (claims.get("preferred_username") or ""):
        email = claims["preferred_username"]
    return email.strip().lower()


def email_verified(claims: dict) -> bool:
    """Whether the provider vouches for the e-mail address (OIDC, or Entra's xms_edov)."""
    return claims.get("email_verified") is True or claims.get("xms_edov") is True


class CouncilAccountBackend(OIDCAuthenticationBackend):
    """Signs a person in from the provider's ID token and keeps their account in step."""

    def __init__(self, *args, **kwargs):
        # No network here: Django builds every backend for every password sign-in too.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    @staticmethod
    def get_settings(attr, *args):
        return provider.library_setting(attr, *args)

    def authenticate(self, request, **kwargs):
        """Only the callback view signs in through the provider (see sign_in)."""
        return None

    def get_user(self, user_id):
        # The library's get_user skips the is_active check Django's backends make, which
        # would keep a person switched off in admin signed in until their session ended.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    # The flow ---------------------------------------------------------------------------

    def sign_in(self, request, *, nonce: str, code_verifier: str | None):
        """Exchange the code, check the ID token, find or make the person: (user, claims)."""
        self.request = request
        self.OIDC_RP_CLIENT_ID = settings.OIDC_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = provider.SIGNING_ALGORITHM
        self.OIDC_OP_TOKEN_ENDPOINT = provider.discovery()["token_endpoint"]
        payload = {
            "client_id": settings.OIDC_CLIENT_ID,
            "client_secret": settings.OIDC_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": request.GET.get("code", ""),
            "redirect_uri": request.build_absolute_uri(reverse("oidc_callback")),
        }
        if code_verifier is not None:
            payload["code_verifier"] = code_verifier
        try:
            tokens = self.get_token(payload)
        except requests.HTTPError as exc:
            raise SignInRefused("code", detail=str(exc)[:150]) from exc
        except (requests.RequestException, ValueError) as exc:
            raise SignInRefused("unavailable", detail=str(exc)[:150]) from exc
        id_token = tokens.get("id_token")
        if not id_token:
            raise SignInRefused("code", detail="no ID token in the answer")
        claims = self.verify_token(id_token, nonce=nonce)
        self.store_tokens(tokens.get("access_token"), id_token)
        with transaction.atomic():
            user = self.get_or_create_user(tokens.get("access_token"), id_token, claims)
        if user is None:
            raise SignInRefused("not_registered", email=email_of(claims))
        return user, claims

    def verify_token(self, token, **kwargs):
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise SignInRefused("bad_token", detail=str(exc)) from exc
        if header.get("alg") != provider.SIGNING_ALGORITHM:
            raise SignInRefused("bad_token", detail=f"alg {header.get('alg')!r}")
        key = provider.signing_key(header.get("kid"))
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[provider.SIGNING_ALGORITHM],
                audience=settings.OIDC_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise SignInRefused("expired", detail=str(exc)) from exc
        except jwt.InvalidAudienceError as exc:
            raise SignInRefused("audience", detail=str(exc)) from exc
        except jwt.InvalidIssuerError as exc:
            raise SignInRefused("issuer", detail=str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise SignInRefused("bad_token", detail=str(exc)) from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != settings.OIDC_CLIENT_ID:
            raise SignInRefused("audience", detail=f"azp {claims.get('azp')!r}")
        if claims.get("nonce") != kwargs.get("nonce"):
            raise SignInRefused("nonce")
        return claims

    # mozilla-django-oidc's hooks ------------------------------------------------------------

    def get_userinfo(self, access_token, id_token, payload):
        return payload

    def verify_claims(self, claims):
        return bool(subject_of(claims))

    def describe_user_by_claims(self, claims):
        return f"subject {subject_of(claims)}"

    def filter_users_by_claims(self, claims):
        """The person with this subject; at a first sign-in, the account with the same
        e-mail address, only when the provider says the address is verified."""
        users = self.UserModel.objects.select_for_update()
        by_subject = users.filter(oidc_subject=subject_of(claims))
        if by_subject.exists():
            return by_subject
        email = email_of(claims)
        same_email = list(users.filter(email__iexact=email)) if email else []
        if not same_email:
            return self.UserModel.objects.none()
        if same_email[0].oidc_subject:
            raise SignInRefused("subject_mismatch", user=same_email[0], email=email)
        if not email_verified(claims):
            raise SignInRefused("link_needed", user=same_email[0], email=email)
        return same_email

    def create_user(self, claims):
        email = email_of(claims)
        if not email:
            raise SignInRefused("no_email", detail=f"subject {subject_of(claims)}")
        user = self.UserModel.objects.create_user(
            email, None, full_name=(claims.get("name") or email)[:150]
        )
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """Link the subject, stamp the sign-in, and make the roles follow the role claim."""
        if not user.is_active:
            raise SignInRefused("inactive", user=user, email=user.email)
        changed = ["last_provider_sign_in"]
        if (user.oidc_subject, user.oidc_issuer) != (subject_of(claims), settings.OIDC_ISSUER):
            # The first sign-in links the account: a change the history keeps.
            user.oidc_subject = subject_of(claims)
            user.oidc_issuer = settings.OIDC_ISSUER
            changed += ["oidc_subject", "oidc_issuer"]
        user.last_provider_sign_in = timezone.now()
        user.save(update_fields=changed)
        roles = roles_from_claims(
            claims,
            claim=settings.OIDC_ROLE_CLAIM,
            role_map=parse_role_map(settings.OIDC_ROLE_MAP),
        )
        user_roles_sync(user=user, roles=roles)
        return user
