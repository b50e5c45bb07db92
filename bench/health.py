"""Benchmark of the channel-health engine on the large demo data set (SQLite).

    .venv/bin/python bench/health.py [--db var/bench-large.sqlite3] [--period 2026] [--runs 3]

Builds the database with `outward demo --size large` when it is missing, then prints:
the median wall time of `outward health --period P --format json` (goal ≤ 5 s); the dashboard
view's server time and SQL query count as a manager (goal ≤ 250 ms); its trend section
(goal ≤ 300 ms); the manager's home page for the largest portfolio (goal ≤ 150 ms, and its
size); `health_report`, the dashboard's path and `health_trend` themselves; and, as the floor,
hand-written SQL through the plain `sqlite3` module computing per-partner revenue actuals and
pro-rated revenue targets from the deals (goal: `health_report` within 3× of it, taken over
back-to-back pairs of runs).
"""

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def _outward(*args: str, db: Path, capture: bool = True) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "outward", *args],
        env=environment,
        capture_output=capture,
        text=True,
        check=True,
    )


def _median_seconds(function, runs: int) -> tuple[float, object]:
    """Median wall time (the machine may be shared: see also `_median_cpu`)."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _median_cpu(function, runs: int) -> float:
    """Median CPU time of this process (SQLite runs in-process, so its work counts too)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times)


class QueryCounter:
    """Counts the SQL statements run on a connection (robust to request signals)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def reference_loop() -> float:
    """Median time of a fixed pure-Python loop: how fast the machine runs at the moment.

    Shared virtual machines change speed by up to 1.8× for minutes at a time; the figures
    below are read against this one (printed before and after them)."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _verdict(measured: float, goal: float) -> str:
    return "met" if measured <= goal else "NOT met"


def build_if_missing(db: Path) -> None:
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {db} with `outward demo --size large` (takes a while) …", flush=True)
    started = time.perf_counter()
    _outward("migrate", "--noinput", "-v0", db=db)
    _outward("demo", "--size", "large", db=db, capture=False)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


FLOOR_SQL = """
WITH actual AS (
    SELECT partner_id, SUM(amount) AS revenue
    FROM sales_deal
    WHERE stage = 'won' AND close_date >= :start AND close_date <= :last_day
    GROUP BY partner_id
), target AS (
    SELECT partner_id,
           SUM(CAST(value AS REAL) * (MIN(last_month, :last) - MAX(first_month, :first) + 1)
               / (last_month - first_month + 1)) AS target
    FROM targets_target
    WHERE metric = 'revenue' AND first_month <= :last AND last_month >= :first
    GROUP BY partner_id
)
SELECT p.id, p.partner_id, COALESCE(actual.revenue, 0), target.target
FROM partners_partner p
LEFT JOIN actual ON actual.partner_id = p.id
LEFT JOIN target ON target.partner_id = p.id
ORDER BY p.partner_id
"""


def floor(db: Path, period, as_of) -> list:
    """Per-partner revenue actuals and pro-rated targets, hand-written SQL, no ORM."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            FLOOR_SQL,
            {
                "start": period.start.isoformat(),
                "last_day": min(period.end, as_of).isoformat(),
                "first": period.first,
                "last": period.last,
            },
        ).fetchall()
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=PROJECT / "var" / "bench-large.sqlite3")
    parser.add_argument("--period", default="2026")
    parser.add_argument("--runs", type=int, default=3, help="runs of the command (median)")
    parser.add_argument("--view-runs", type=int, default=5, help="in-process runs (median)")
    args = parser.parse_args()
    db = args.db.resolve()
    build_if_missing(db)

    print(f"machine speed: reference loop {reference_loop() * 1000:.0f} ms", flush=True)
    cli_time, _ = _median_seconds(
        lambda: _outward("health", "--period", args.period, "--format", "json", db=db), args.runs
    )
    print(
        f"outward health --period {args.period} --format json: median {cli_time:.2f} s "
        f"over {args.runs} runs (goal ≤ 5 s)"
    )

    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outward.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from outward.core.models import Role, User
    from outward.core.periods import Period
    from outward.core.tenancy import partner_scope
    from outward.health.domain import health_report, health_trend
    from outward.partners.models import Partner

    as_of = timezone.localdate()
    period = Period.parse(args.period)
    with partner_scope(None):
        partners = Partner.objects.count()
    print(f"data: {partners} partners, as of {as_of}")

    def report():
        with partner_scope(None):
            return health_report(period=args.period, as_of=as_of)

    def summary():
        with partner_scope(None):
            return health_report(period=args.period, as_of=as_of, detail=False)

    def trend():
        with partner_scope(None):
            return health_trend(quarters=8, as_of=as_of)

    def count_queries(function) -> int:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            function()
        return counter.count

    report()  # warm the connection and the page cache
    queries = count_queries(report)
    report_time, _ = _median_seconds(report, args.view_runs)
    report_cpu = _median_cpu(report, args.view_runs)
    print(
        f"health_report: median {report_time * 1000:.0f} ms wall, {report_cpu * 1000:.0f} ms "
        f"CPU, {queries} SQL queries at {partners} partners"
    )
    queries = count_queries(summary)
    summary_time, _ = _median_seconds(summary, args.view_runs)
    print(
        f"health_report without objective entries (the dashboard's path): median "
        f"{summary_time * 1000:.0f} ms wall, {queries} SQL queries"
    )
    queries = count_queries(trend)
    trend_time, _ = _median_seconds(trend, args.view_runs)
    trend_cpu = _median_cpu(trend, args.view_runs)
    print(
        f"health_trend (8 quarters): median {trend_time * 1000:.0f} ms wall, "
        f"{trend_cpu * 1000:.0f} ms CPU, {queries} SQL queries"
    )

    url = reverse("health:dashboard")
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).first()
    client = Client()
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")

    def page():
        response = client.get(url, {"period": args.period}, secure=True)
        assert response.status_code == 200, response.status_code
        return response

    page()
    queries = count_queries(page)
    page_time, _ = _median_seconds(page, args.view_runs)
    page_cpu = _median_cpu(page, args.view_runs)
    print(
        f"dashboard view ({url}?period={args.period}) as {manager.role}: median "
        f"{page_time * 1000:.0f} ms wall, {page_cpu * 1000:.0f} ms CPU, {queries} SQL "
        f"queries (goal ≤ 250 ms: {_verdict(page_time, 0.25)})"
    )
    trend_url = reverse("health:trend")

    # The dashboard loads its trend section in a second request.
    def trend_page():
        response = client.get(trend_url, {"period": args.period}, secure=True)
        assert response.status_code == 200, response.status_code

    queries = count_queries(trend_page)
    trend_page_time, _ = _median_seconds(trend_page, args.view_runs)
    print(
        f"dashboard trend section ({trend_url}): median "
        f"{trend_page_time * 1000:.0f} ms wall, {queries} SQL queries "
        f"(goal ≤ 300 ms: {_verdict(trend_page_time, 0.3)})"
    )

    # The manager with the largest portfolio: the home page judges all of it.
    with partner_scope(None):
        biggest = (
            Partner.objects.exclude(manager_email="")
            .values("manager_email")
            .annotate(partners=Count("pk"))
            .order_by("-partners")
            .first()
        )
    owner = User.objects.filter(email__iexact=biggest["manager_email"]).first()
    if owner is None:
        print(f"no user for the largest portfolio ({biggest['manager_email']}): home skipped")
    else:
        home_client = Client()
        home_client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

        def home():
            response = home_client.get("/", secure=True)
            assert response.status_code == 200, response.status_code
            return response

        size = len(home().content)
        queries = count_queries(home)
        home_time, _ = _median_seconds(home, args.view_runs)
        home_cpu = _median_cpu(home, args.view_runs)
        print(
            f"manager home (/) for a portfolio of {biggest['partners']} partners: median "
            f"{home_time * 1000:.0f} ms wall, {home_cpu * 1000:.0f} ms CPU, {queries} SQL "
            f"queries, {size / 1024:.0f} KB (goal ≤ 150 ms: {_verdict(home_time, 0.15)})"
        )

    floor_time, rows = _median_seconds(lambda: floor(db, period, as_of), args.view_runs)
    floor_cpu = _median_cpu(lambda: floor(db, period, as_of), args.view_runs)
    print(
        f"floor (plain sqlite3, revenue actuals + pro-rated targets): median "
        f"{floor_time * 1000:.0f} ms wall, {floor_cpu * 1000:.0f} ms CPU for {len(rows)} partners"
    )
    # The machine's load moves both by 20 % and more between phases: the ratio is also taken
    # pair by pair, each report run right after a floor run, so the load weighs on both alike.
    pairs = []
    for _ in range(args.view_runs):
        floor_run, _ = _median_seconds(lambda: floor(db, period, as_of), 1)
        report_run, _ = _median_seconds(report, 1)
        pairs.append(report_run / floor_run)
    paired = statistics.median(pairs)
    print(
        f"ratio health_report / floor: {report_time / floor_time:.1f}× of the medians above, "
        f"{report_cpu / floor_cpu:.1f}× CPU; median of {len(pairs)} back-to-back pairs "
        f"{paired:.1f}× (goal ≤ 3×: {_verdict(paired, 3)})"
    )
    print(f"machine speed: reference loop {reference_loop() * 1000:.0f} ms (at the start: above)")


if __name__ == "__main__":
    main()
