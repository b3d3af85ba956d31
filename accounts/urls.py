from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.sso import views as sso_views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", sso_views.SignOutView.as_view(), name="logout"),
    # Single sign-on: the redirect URI the provider knows is /oidc/callback/ (docs/sso.md).
    path("oidc/authenticate/", sso_views.SignInStartView.as_view(), name="oidc_start"),
    path("oidc/callback/", sso_views.CallbackView.as_view(), name="oidc_callback"),
    path("no-access/", sso_views.no_access, name="no_access"),
    path("profile/", views.profile, name="profile"),
    path("profile/two-factor/", views.two_factor, name="two_factor"),
    path("profile/two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("profile/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("accessibility/", views.accessibility, name="accessibility"),
]
