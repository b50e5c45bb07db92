"""Errors that carry a message for the user rather than a stack trace."""


class InputError(Exception):
    """Bad input from a user: a file, an argument or a form. Exit status 2, HTTP 400."""

    def __init__(self, message: str, *, errors: list | None = None):
        super().__init__(message)
        self.errors = errors or []
