"""The API's only way in: `Authorization: Bearer <token>`. No session, so no CSRF surface."""

import logging

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import api_token_check, api_token_note_use

log = logging.getLogger("api.tokens")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after Bearer, one space."))
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from exc
        token = api_token_check(key)
        if token is None:
            log.warning("API token refused path=%s", request.path)
            raise exceptions.AuthenticationFailed(_("The token is not valid, or has expired."))
        if not token.user.is_active:
            log.warning("API token refused: user inactive token=%s", token.prefix)
            raise exceptions.AuthenticationFailed(_("The token's account is deactivated."))
        api_token_note_use(token)
        log.info(
            "API token used token=%s user=%s method=%s path=%s",
            token.prefix,
            token.user_id,
            request.method,
            request.path,
        )
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword  # makes unauthenticated answers 401 with WWW-Authenticate


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}
