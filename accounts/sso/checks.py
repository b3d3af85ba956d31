"""Start-up checks of the single sign-on settings (run by manage.py check and at start)."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.core.exceptions import ImproperlyConfigured

from accounts.sso.roles import parse_role_map


@register()
def sso_settings(app_configs, **kwargs):
    """With OIDC_ISSUER set, the client id and secret are needed and the role map must parse."""
    if not settings.OIDC_ISSUER:
        return []
    problems = []
    for name in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
        if not getattr(settings, name):
            problems.append(Error(f"OIDC_ISSUER is set but {name} is not.", id="sso.E001"))
    try:
        parse_role_map(settings.OIDC_ROLE_MAP)
    except ImproperlyConfigured as exc:
        problems.append(Error(str(exc), id="sso.E002"))
    if not settings.OIDC_ISSUER.startswith("https://") and not settings.DEBUG:
        problems.append(
            Warning("OIDC_ISSUER should be an https:// address in production.", id="sso.W001")
        )
    if settings.OIDC_ONLY and not settings.OIDC_BREAK_GLASS_EMAILS:
        problems.append(
            Warning(
                "OIDC_ONLY is on with no OIDC_BREAK_GLASS_EMAILS: nobody can sign in if the "
                "council's sign-in service is down.",
                id="sso.W002",
            )
        )
    return problems
