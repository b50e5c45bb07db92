"""Files written whole or not at all: a temporary file beside the target, renamed at the end."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from outward.core.errors import InputError


@contextmanager
def written_whole(path: Path, *, binary: bool = True) -> Iterator[IO]:
    """Open a temporary file beside `path`; it replaces `path` only if the body succeeds.

    A failed write leaves an earlier file of that name as it was, and no partial one.
    """
    if path.is_dir():
        raise InputError(f"{path}: is a directory; name a file to write")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc
    try:
        mode, encoding = ("wb", None) if binary else ("w", "utf-8")
        with os.fdopen(handle, mode, encoding=encoding) as out:
            yield out
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc
    finally:
        Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
