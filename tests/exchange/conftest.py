import io

import pytest

from outward.exchange.domain import ImportFailed, import_file


def csv_bytes(text: str, *, bom: bool = False) -> io.BytesIO:
    data = text.replace("\n", "\r\n").encode()
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


@pytest.fixture
def import_csv():
    """Import CSV text (lines joined by newlines) as the given kind."""

    def _import(kind: str, text: str, **kwargs):
        return import_file(kind=kind, file=csv_bytes(text), filename=f"{kind}.csv", **kwargs)

    return _import


@pytest.fixture
def failing_csv(import_csv):
    """The error lines of an import that must fail."""

    def _errors(kind: str, text: str, **kwargs) -> list[str]:
        with pytest.raises(ImportFailed) as failure:
            import_csv(kind, text, **kwargs)
        return [str(error) for error in failure.value.errors]

    return _errors
