"""Calling the API as someone: a real token made through the service, sent as a header."""

from api.services import api_token_create


def bearer(user) -> dict:
    """Test-client keyword arguments carrying a fresh token of `user`."""
    key = api_token_create(user=user, name="tests").key
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
