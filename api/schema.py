"""The OpenAPI schema's errors: every operation says which error answers it may give, so
clients (and schemathesis) know a 401, 404 or 429 is part of the contract."""

from drf_spectacular.openapi import AutoSchema

ERROR = {
    "type": "object",
    "description": "`detail` says what went wrong; a refused filter names its field instead.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "A filter, date or page parameter is not valid.",
    "401": "No token, or one that is wrong, revoked, expired or whose account is off.",
    "403": "The token's user holds no role that may read plans.",
    "404": "No such record, or the token's user may not see it.",
    "429": "Too many requests for this token: wait for the seconds in Retry-After.",
}


ID_RANGE = {"minimum": 1, "maximum": 2**63 - 1}  # what the URL patterns and database take


class ApiAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                parameter["schema"].update(ID_RANGE)
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {
                        "application/json": {"schema": ERROR},
                        "text/csv": {"schema": {"type": "string"}},
                    },
                },
            )
        return responses
