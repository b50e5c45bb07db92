"""Load benchmark: `outward serve` under 50 users, then the same while 300,000 deals import.

    .venv/bin/python bench/load.py [--database-url URL] [--users 50] [--seconds 30]
                                   [--rows 300000] [--think 1-3] [--spawn-rate 10]
                                   [--workers 2] [--threads 4]

Builds a fresh small demo (SQLite in a temporary folder by default; `--database-url` names a
PostgreSQL database, which is flushed first), starts `outward serve` on a free port and runs a
bounded load with its own threaded client (two `requests` sessions per user, pages and API):
logging in, the partner search `/partners/?q=…`, a partner page, the dashboard `/health/`, and
API lists with a token. Like locust's users, each waits a random `--think` seconds between two
steps (`0`: none, the saturation run) and they start `--spawn-rate` per second. As a browser
does, a user sends a GET once more when the server closed the idle kept-alive connection just
as it went out (the API session of a user often idles longer than the server's 5 s keep-alive);
those are counted and printed, never hidden. It prints requests, errors and p50/p95/p99 per
page; then the same users, all started, for exactly as long as `outward import deals` loads a
generated file of `--rows` new deals, and the import's time and exit status. Goal: 0 errors and
p95 ≤ 1 s for every page. The load client runs on the same machine as the server, so both share
its cores.
"""

import argparse
import csv
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

BIN = Path(sys.executable).parent
PASSWORD = "outward-demo"
MANAGER = "manager@outward.example"
PARTNER_USER = "partner@peakcrest-software.de"
ADMIN = "admin@outward.example"
SEARCHES = ("soft", "tech", "data", "cloud", "gmbh", "sys", "net", "a")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def outward(*args: str, env: dict, capture: bool = True) -> str:
    done = subprocess.run(
        [str(BIN / "outward"), *args], env=env, capture_output=capture, text=True, check=True
    )
    return done.stdout or ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo(env: dict, flush: bool) -> tuple[str, str]:
    """A fresh small demo; the API tokens of the vendor admin and of a partner user."""
    outward("migrate", "--noinput", "-v0", env=env)
    if flush:
        outward("flush", "--noinput", env=env)
    outward("demo", "--size", "small", "--today", "2026-06-15", env=env)
    admin = outward("tokens", "create", ADMIN, env=env).strip()
    partner = outward("tokens", "create", PARTNER_USER, env=env).strip()
    return admin, partner


def write_deals(path: Path, rows: int) -> None:
    """New deals (keys the demo does not use) of the demo's partners and accounts."""
    rng = random.Random(7)
    stages = ("open", "won", "lost")
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["deal_id", "partner_id", "account_id", "amount", "stage", "close_date"])
        writer.writerows(
            (
                f"LOAD{n:08d}",
                f"P{1 + rng.randrange(120):05d}",
                f"A{1 + rng.randrange(5000):07d}" if n % 5 else "",
                f"{rng.randrange(100, 500_000)}.00",
                stages[n % 3],
                f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
            )
            for n in range(rows)
        )


def wait_until_serving(base: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"outward serve exited with {process.returncode}")
        try:
            if requests.get(f"{base}/login/", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise SystemExit("outward serve did not answer within 60 s")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.retried: dict[str, int] = defaultdict(int)
        self.samples: dict[str, str] = {}

    def clear(self) -> None:
        with self.lock:
            for figures in (self.times, self.errors, self.retried, self.samples):
                figures.clear()

    def record(self, page: str, seconds: float, error: str | None, retried: bool = False) -> None:
        with self.lock:
            self.times[page].append(seconds)
            self.retried[page] += retried
            if error:
                self.errors[page] += 1
                self.samples.setdefault(page, error)


def timed(recorder: Recorder, page: str, call, expect=(200,)):
    started = time.perf_counter()
    try:
        response = call()
    except requests.RequestException as exc:
        recorder.record(page, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"[:300])
        return None
    error = None if response.status_code in expect else f"HTTP {response.status_code}"
    retried = bool(
        response.raw is not None and response.raw.retries and response.raw.retries.history
    )
    recorder.record(page, time.perf_counter() - started, error, retried)
    return response


def browser_session() -> requests.Session:
    """A user's connection pool. Like a browser, it sends a GET once more when the server closed
    the kept-alive connection just as the request went out (no answer had begun); such requests
    are counted as retried, and their time includes both tries. Nothing else is retried."""
    session = requests.Session()
    once = Retry(total=1, connect=0, read=1, status=0, other=0, redirect=0, allowed_methods={"GET"})
    session.mount("http://", HTTPAdapter(max_retries=once))
    return session


def log_in(session: requests.Session, base: str, recorder: Recorder, username: str) -> None:
    form = timed(recorder, "login (GET)", lambda: session.get(f"{base}/login/", timeout=60))
    match = CSRF.search(form.text) if form is not None else None
    if match is None:
        return
    data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": match[1]}
    timed(
        recorder,
        "login (POST)",
        lambda: session.post(
            f"{base}/login/",
            data=data,
            headers={"Referer": f"{base}/login/"},
            allow_redirects=False,
            timeout=60,
        ),
        expect=(302,),
    )


def user_loop(number: int, base: str, tokens, recorder: Recorder, stop: threading.Event, think):
    rng = random.Random(number)
    session, api = browser_session(), browser_session()
    api.headers["Authorization"] = f"Bearer {tokens[number % 2]}"
    log_in(session, base, recorder, MANAGER)
    while not stop.wait(rng.uniform(*think)):
        choice = rng.random()
        if choice < 0.1:
            session.cookies.clear()
            log_in(session, base, recorder, MANAGER)
        elif choice < 0.35:
            term = rng.choice(SEARCHES)
            timed(recorder, "partner search", lambda t=term: session.get(f"{base}/partners/?q={t}"))
        elif choice < 0.55:
            key = f"P{1 + rng.randrange(120):05d}"
            timed(recorder, "partner page", lambda k=key: session.get(f"{base}/partners/{k}/"))
        elif choice < 0.7:
            timed(recorder, "dashboard /health/", lambda: session.get(f"{base}/health/"))
        else:
            kind = rng.choice(("deals", "partners", "objectives"))
            timed(recorder, f"API /{kind}/", lambda k=kind: api.get(f"{base}/api/v1/{k}/"))


def run_load(base: str, tokens, options, during=None) -> tuple[Recorder, float]:
    """The users' requests for `options.seconds`, or, given `during`, from the moment every user
    has started until `during()` returns; and how long that was."""
    recorder = Recorder()
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=user_loop, args=(n, base, tokens, recorder, stop, options.think), daemon=True
        )
        for n in range(options.users)
    ]
    started = time.monotonic()
    for number, thread in enumerate(threads):
        time.sleep(max(0.0, started + number / options.spawn_rate - time.monotonic()))
        thread.start()
    if during is None:
        time.sleep(max(0.0, started + options.seconds - time.monotonic()))
        seconds = options.seconds
    else:
        recorder.clear()  # only what the users asked while `during` ran, all of them started
        began = time.monotonic()
        during()
        seconds = time.monotonic() - began
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return recorder, seconds


def serve_options(options) -> list[str]:
    chosen = {"--workers": options.workers, "--threads": options.threads}
    return [text for name, value in chosen.items() if value for text in (name, value)]


def think_range(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def percentile(values: list[float], share: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def report(title: str, recorder: Recorder, seconds: float) -> None:
    print(f"\n{title}")
    print(f"  {'page':<22}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    total = errors = retried = 0
    for page in sorted(recorder.times):
        times = recorder.times[page]
        total += len(times)
        errors += recorder.errors[page]
        retried += recorder.retried[page]
        p50, p95, p99 = (percentile(times, share) * 1000 for share in (0.5, 0.95, 0.99))
        row = f"  {page:<22}{len(times):>9}{recorder.errors[page]:>8}{p50:>9.0f}{p95:>9.0f}"
        print(row + f"{p99:>9.0f}")
    print(f"  all: {total} requests ({total / seconds:.0f}/s), {errors} errors")
    print(f"  sent once more after the server closed an idle kept-alive connection: {retried}")
    for page, sample in sorted(recorder.samples.items()):
        print(f"  first error of {page}: {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL database to flush and use")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--think", type=think_range, default=(1.0, 3.0), help="seconds: 1-3")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--workers", help="outward serve --workers (its default: 2)")
    parser.add_argument("--threads", help="outward serve --threads (its default: 4)")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="outward-load-"))
    database_url = options.database_url or f"sqlite:///{folder / 'load.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, "OUTWARD_HOME": str(folder)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = None
    try:
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"building the small demo on {engine} …", flush=True)
        tokens = build_demo(env, flush=bool(options.database_url))
        deals = folder / "deals.csv"
        write_deals(deals, options.rows)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(BIN / "outward"), "serve", "--port", str(port), *serve_options(options)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_serving(base, server)
        recorder, seconds = run_load(base, tokens, options)
        pace = (
            "no pause"
            if options.think == (0, 0)
            else "{:g}-{:g} s between steps".format(*options.think)
        )
        title = (
            f"{engine}: {options.users} users ({pace}) for {seconds:.0f} s, "
            f"outward serve {' '.join(serve_options(options)) or 'with its defaults'}"
        )
        report(title, recorder, seconds)

        imported: dict = {}

        def import_deals() -> None:
            done = subprocess.run(
                [str(BIN / "outward"), "import", "deals", str(deals)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            imported.update(status=done.returncode, said=done.stderr.strip().splitlines()[-1:])

        recorder, seconds = run_load(base, tokens, options, during=import_deals)
        report(
            f"{engine}: the same users for as long as `outward import deals` loads "
            f"{options.rows:,} rows",
            recorder,
            seconds,
        )
        print(f"  import: exit {imported['status']} after {seconds:.1f} s")
        if imported["status"]:
            print(f"  import said: {imported['said']}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
