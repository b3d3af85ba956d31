from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts import forms
from accounts import two_factor as two_factor_setup
from accounts.invitations import invitation_days, invitation_tokens
from accounts.sso import provider


class SignInView(auth_views.LoginView):
    """E-mail and password, below the council account button when single sign-on is on.

    With OIDC_ONLY the password form is shown only on request (?password=1), for the
    break-glass administrators; the backend refuses everyone else (accounts/sso/backends.py).
    """

    form_class = forms.SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sso = provider.enabled()
        break_glass_only = sso and settings.OIDC_ONLY
        asked = self.request.method == "POST" or self.request.GET.get("password") == "1"
        return {
            **context,
            "sso_enabled": sso,
            "show_password": not break_glass_only or asked,
            "password_only_break_glass": break_glass_only,
        }


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation's one-time link: choose a password (Django's reset page, own token)."""

    form_class = forms.SetPasswordForm
    token_generator = invitation_tokens
    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("password_reset_complete")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation_days": invitation_days()}


def profile(request):
    """The signed-in person's details and reminder preference."""
    form = forms.ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your preferences have been saved")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_not_required
def accessibility(request):
    return render(request, "accounts/accessibility.html")


def two_factor(request):
    """Staff set up the authenticator app that Django admin asks for, or replace it.

    Replacing a confirmed app needs a code from it as well as one from the new app.
    """
    if not request.user.is_staff:
        raise PermissionDenied
    device = two_factor_setup.pending_device(request.user)
    has_confirmed = two_factor_setup.has_confirmed_device(request.user)
    form_class = forms.ReplaceDeviceForm if has_confirmed else forms.OneTimeCodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problems = two_factor_setup.confirm_device(
            device,
            form.cleaned_data["token"],
            current_token=form.cleaned_data.get("current_token", ""),
            request=request,
        )
        if not problems:
            done = "replaced" if has_confirmed else "set up"
            messages.success(request, f"Your authenticator app is {done}")
            return redirect("profile")
        for field, problem in problems.items():
            form.add_error(field, problem)
    return _two_factor_page(request, device, form, has_confirmed=has_confirmed)


@require_POST
def two_factor_remove(request):
    """Staff remove their authenticator app, with a code from it."""
    if not request.user.is_staff:
        raise PermissionDenied
    if not two_factor_setup.has_confirmed_device(request.user):
        return redirect("two_factor")
    form = forms.RemoveDeviceForm(request.POST)
    if form.is_valid():
        problems = two_factor_setup.remove_devices(
            request.user, current_token=form.cleaned_data["current_token"], request=request
        )
        if not problems:
            messages.success(request, "Your authenticator app is removed")
            return redirect("profile")
        for field, problem in problems.items():
            form.add_error(field, problem)
    device = two_factor_setup.pending_device(request.user)
    return _two_factor_page(
        request, device, forms.ReplaceDeviceForm(), has_confirmed=True, remove_form=form
    )


def _two_factor_page(request, device, form, *, has_confirmed, remove_form=None):
    context = {
        "form": form,
        "remove_form": remove_form or forms.RemoveDeviceForm(),
        "error_form": remove_form if remove_form is not None else form,
        "qr_code": two_factor_setup.qr_code_data_uri(device),
        "secret": two_factor_setup.manual_key(device),
        "has_confirmed": has_confirmed,
    }
    return render(request, "accounts/two_factor.html", context)
