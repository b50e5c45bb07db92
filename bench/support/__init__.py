"""What the benchmarks share: a scratch installation, and `outward` run as a measured process.

A package, not a module beside the scripts: `make bench` runs every `bench/*.py`.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


def scratch_environment(folder: Path) -> dict[str, str]:
    """The environment of an installation living in `folder`: its own SQLite database and data
    folder, no broker (background work runs inline)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'outward.sqlite3'}",
        "OUTWARD_HOME": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "outward.settings",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall time
    peak_rss: int  # bytes
    cpu: float  # user + system seconds: varies less than wall time on a shared machine
    output: str


def run_outward(env: dict[str, str], *args: str, output: bool = True) -> Measured:
    """Run `outward ARGS` to the end; a failure ends the benchmark with its message."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "outward"), *args],
        env=env,
        stdout=subprocess.PIPE if output else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    out = process.stdout.read().decode() if output else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    err = process.stderr.read().decode()
    process.stderr.close()
    if output:
        process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"outward {' '.join(args)} failed ({os.waitstatus_to_exitcode(status)}):\n{err}")
    return Measured(elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, out.strip())
