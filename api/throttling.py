"""Rate limit per token (not per user or address): REST_FRAMEWORK's `token` rate."""

from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is None:
            return None  # refused before this, by authentication
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
