"""`outward serve` without SECRET_KEY makes a random key once, keeps it owner-only, reuses it."""

import os
import socket
import stat
import subprocess
import sys
import time

from outward.env import ensure_secret_key


def test_ensure_secret_key_creates_an_owner_only_key_once(tmp_path):
    path = tmp_path / "data" / "secret_key"
    first = ensure_secret_key(path)
    second = ensure_secret_key(path)
    assert (first == second, len(first) >= 50, stat.S_IMODE(path.stat().st_mode)) == (
        True,
        True,
        0o600,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_without_secret_key_stores_one_that_later_commands_use(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment |= {
        "OUTWARD_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "outward", "serve", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "secret_key").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = (tmp_path / "secret_key").read_text().strip()
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "outward",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert (shown.stdout.strip().splitlines()[-1], mode) == (
        stored,
        0o600,
    )
