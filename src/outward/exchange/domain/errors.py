"""What went wrong in an import: one `RowError` per bad cell, all of them reported together."""

from dataclasses import dataclass

from outward.core.errors import InputError

# Enough to fix a file by; the count of the rest is still reported.
MAX_LISTED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    """A problem in one cell (or line, or the header): `line N: column: message`."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"line {self.line}: {self.column}: {self.message}"
        return f"line {self.line}: {self.message}"

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}


class ImportFailed(InputError):
    """The file (or rows) had problems; nothing was stored. `.errors` lists them by line."""

    def __init__(self, errors: list[RowError], *, total: int | None = None, kind: str = ""):
        total = total if total is not None else len(errors)
        self.kind = kind
        listed = sorted(errors, key=lambda error: error.line)
        lines = [str(error) for error in listed]
        if total > len(listed):
            lines.append(f"… and {total - len(listed)} more problems")
        what = f"{kind} " if kind else ""
        noun = "problem" if total == 1 else "problems"
        header = f"{what}import failed with {total} {noun}; nothing was stored:"
        super().__init__("\n".join([header, *lines]), errors=listed, total=total)


class ErrorCollector:
    """Collects the errors of one import: the first MAX_LISTED_ERRORS, and how many in all."""

    def __init__(self, limit: int = MAX_LISTED_ERRORS):
        self.limit = limit
        self.listed: list[RowError] = []
        self.count = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.count += 1
        if len(self.listed) < self.limit:
            self.listed.append(RowError(line, column, message))

    def __bool__(self) -> bool:
        return self.count > 0

    def failure(self, kind: str) -> ImportFailed:
        return ImportFailed(self.listed, total=self.count, kind=kind)
