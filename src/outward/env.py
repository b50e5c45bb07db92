"""Typed readers for settings from the environment that fail loudly on a bad value."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false)")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envcurrency(name: str) -> str:
    """A currency as pages show it: an ISO code (EUR, USD) or a symbol (€, $); empty: none."""
    raw = os.environ.get(name, "").strip()
    if raw and (len(raw) > 3 or any(c.isdigit() or c.isspace() or c in ".,-" for c in raw)):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a currency: write a code such as EUR or a symbol such as €"
        )
    return raw


def stored_secret_key(path: Path) -> str:
    """The secret key kept in the data folder, or "" when there is none yet."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def ensure_secret_key(path: Path) -> str:
    """The stored secret key; on first use a random one, stored readable by its owner only."""
    key = stored_secret_key(path)
    if key:
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        return stored_secret_key(path)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(key + "\n")
    return key
