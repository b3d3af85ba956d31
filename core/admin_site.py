"""Django admin that asks staff for a one-time password when ADMIN_REQUIRE_OTP is on."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

OTP_LOGIN_TEMPLATE = OTPAdminSite.login_template
# Set in the session by a sign-in through the council's provider whose ID token says it
# checked a second factor (amr "mfa"); see accounts/sso/views.py and docs/sso.md.
PROVIDER_MFA_SESSION_KEY = "provider_mfa"


def provider_mfa(request) -> bool:
    """Whether the provider's multi-factor sign-in stands for the admin's one-time password."""
    return bool(
        settings.OIDC_MFA_SATISFIES_ADMIN_OTP and request.session.get(PROVIDER_MFA_SESSION_KEY)
    )


class ConfirmedDeviceOTPForm(OTPAdminAuthenticationForm):
    """django-otp's admin sign-in, taking codes only from confirmed devices.

    django-otp loads the device named in the form by its id without asking whether it was
    confirmed, so the unconfirmed one the set-up page makes (whose key that page shows to
    anyone with the password) would otherwise open Django admin.
    """

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        return device if device is not None and device.confirmed else None


class TrackerAdminSite(OTPAdminSite):
    site_header = "Improvement plan tracker administration"
    site_title = "Improvement plan tracker admin"
    index_title = "People, reference data and records"

    def __init__(self, name="admin"):
        AdminSite.__init__(self, name)

    @property
    def login_form(self):
        return ConfirmedDeviceOTPForm if settings.ADMIN_REQUIRE_OTP else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTP_LOGIN_TEMPLATE if settings.ADMIN_REQUIRE_OTP else None

    def has_permission(self, request):
        allowed = AdminSite.has_permission(self, request)
        if allowed and settings.ADMIN_REQUIRE_OTP:
            return request.user.is_verified() or provider_mfa(request)
        return allowed
