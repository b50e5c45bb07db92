"""Errors that carry a message for the user rather than a stack trace."""


class InputError(Exception):
    """Bad input from a user: a file, an argument or a form. Exit status 2, HTTP 400.

    `errors` are the single problems (e.g. an import's rows), `total` how many there were in
    all when only the first ones are listed.
    """

    def __init__(self, message: str, *, errors: list | None = None, total: int | None = None):
        super().__init__(message)
        self.errors = errors or []
        self.total = len(self.errors) if total is None else total
