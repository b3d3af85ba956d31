from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from accounts import forms
from accounts import two_factor as two_factor_setup


class SignInView(auth_views.LoginView):
    form_class = forms.SignInForm
    redirect_authenticated_user = True


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
    """Staff set up the authenticator app that Django admin asks for."""
    if not request.user.is_staff:
        raise PermissionDenied
    device = two_factor_setup.pending_device(request.user)
    form = forms.OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = two_factor_setup.confirm_device(device, form.cleaned_data["token"])
        if problem is None:
            messages.success(request, "Your authenticator app is set up")
            return redirect("profile")
        form.add_error("token", problem)
    context = {
        "form": form,
        "qr_code": two_factor_setup.qr_code_data_uri(device),
        "secret": two_factor_setup.manual_key(device),
        "has_confirmed": request.user.totpdevice_set.filter(confirmed=True).exists(),
    }
    return render(request, "accounts/two_factor.html", context)
