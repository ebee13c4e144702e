"""Outcomes the API maps to HTTP statuses; raised by the command handlers."""


class AuthenticationFailed(Exception):
    """401: wrong credentials, locked or inactive account, bad refresh token."""


class NotFound(Exception):
    """404: the record does not exist or the caller may not see it."""


class Forbidden(Exception):
    """403: the caller sees the record but lacks the function permission."""


class Conflict(Exception):
    """409: the change collides with existing data (a taken username or org id)."""
