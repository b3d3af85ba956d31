"""The profile's API token pages (signed in with the site's session, like the profile)."""

from django.urls import path

from api.views import tokens

urlpatterns = [
    path("profile/api-tokens/", tokens.api_tokens, name="api_tokens"),
    path(
        "profile/api-tokens/<int:pk>/revoke/",
        tokens.api_token_revoke_view,
        name="api_token_revoke",
    ),
]
