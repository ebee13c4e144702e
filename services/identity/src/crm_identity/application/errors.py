"""Outcomes the API maps to HTTP statuses; raised by the command handlers."""


class AuthenticationFailed(Exception):
    """401: wrong credentials, inactive account, bad refresh token."""


class TooManyLoginAttempts(Exception):
    """429: this client address tried too often (for this username, or at all) lately."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"too many login attempts; retry in {retry_after_seconds} s")
        self.retry_after_seconds = retry_after_seconds


class PasswordHashingBusy(Exception):
    """503: more passwords wait to be checked than this process queues; retry later."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"too many logins at once; retry in {retry_after_seconds} s")
        self.retry_after_seconds = retry_after_seconds


class NotFound(Exception):
    """404: the record does not exist or the caller may not see it."""


class Forbidden(Exception):
    """403: the caller sees the record but lacks the function permission."""


class Conflict(Exception):
    """409: the change collides with existing data (a taken username or org id)."""
