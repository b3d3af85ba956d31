from crispy_forms_gds.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms

from accounts.models import User
from accounts.sso.backends import password_allowed
from core.forms import GovForm, GovFormMixin, GovModelForm


class SignInForm(GovFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password. Both are case-sensitive "
        "for the password only.",
        "inactive": "This account has been switched off. Ask your system administrator.",
        "council_account_only": "Sign in with your council account. Signing in with a "
        "password is only for the emergency administrator accounts.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and not password_allowed(username):
            raise forms.ValidationError(
                self.error_messages["council_account_only"], code="council_account_only"
            )
        return super().clean()

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "E-mail address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}
        )


class PasswordChangeForm(GovFormMixin, auth_forms.PasswordChangeForm):
    submit_label = "Change password"


class PasswordResetForm(GovFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send reset link"

    def get_users(self, email):
        # With OIDC_ONLY, only the break-glass administrators have passwords to reset.
        return (user for user in super().get_users(email) if password_allowed(user.email))


class SetPasswordForm(GovFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Set password"


class ProfileForm(GovModelForm):
    submit_label = "Save preferences"

    class Meta:
        model = User
        fields = ["wants_reminders", "notice_delivery"]
        widgets = {"notice_delivery": forms.RadioSelect}


class OneTimeCodeForm(GovForm):
    submit_label = "Confirm"
    token = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )


CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "class": "govuk-input--width-5",
}


def current_code_field() -> forms.CharField:
    """A code from the authenticator app already set up: proof it is its owner asking."""
    return forms.CharField(
        label="Code from the authenticator app you use now",
        max_length=8,
        required=False,  # the service says when it is needed, so the message is one
        widget=forms.TextInput(attrs=dict(CODE_WIDGET_ATTRS)),
    )


class ReplaceDeviceForm(OneTimeCodeForm):
    """Confirm a new app in place of the confirmed one: a code from each."""

    submit_label = "Replace authenticator app"
    field_order = ["current_token", "token"]
    current_token = current_code_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].label = "Code from your new authenticator app"


class RemoveDeviceForm(GovForm):
    submit_label = "Remove authenticator app"
    prefix = "remove"  # its field shares a name with the replace form's, on the same page
    current_token = current_code_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [
            Submit(
                "submit",
                self.submit_label,
                css_class="govuk-button--warning",
                css_id="remove-submit",  # the replace form's button has the default id
            )
        ]
