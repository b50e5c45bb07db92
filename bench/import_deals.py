"""Benchmark: `outward import deals` on a million rows against a bare `executemany` floor.

Generates partners, accounts and deals as CSV in a temporary folder, imports the partners and
accounts into a fresh SQLite database (untimed), then times `outward import deals FILE` as a
subprocess and records its peak RSS. The floor loads the same CSV rows into a bare SQLite table
with the plain sqlite3 module's `executemany` in one transaction; a second figure loads them into
a copy of the real deals table (same indexes and unique key) to show what the indexes cost.

    python bench/import_deals.py [--rows 1000000] [--keep]
"""

import argparse
import csv
import random
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from support import run_outward, scratch_environment

PARTNERS = 2_000
ACCOUNTS = 100_000
STAGES = ("open", "won", "lost")
LINES = ("Cloud Suite", "Edge", "Analytics", "Security", "")


def write_inputs(folder: Path, rows: int) -> Path:
    rng = random.Random(42)
    with open(folder / "partners.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["partner_id", "name", "tier", "country"])
        for n in range(PARTNERS):
            writer.writerow([f"P{n:05d}", f"Partner {n}", "Gold", "DE"])
    accounts = min(ACCOUNTS, max(rows // 10, 1))
    with open(folder / "accounts.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["account_id", "name", "country", "employees"])
        for n in range(accounts):
            writer.writerow([f"A{n:07d}", f"Account {n}", "DE", 10 + n % 5000])
    deals = folder / "deals.csv"
    with open(deals, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["deal_id", "partner_id", "account_id", "amount", "stage", "close_date", "product_line"]
        )
        for n in range(rows):
            writer.writerow(
                [
                    f"D{n:08d}",
                    f"P{rng.randrange(PARTNERS):05d}",
                    f"A{rng.randrange(accounts):07d}" if n % 7 else "",
                    f"{rng.randrange(100, 2_000_000)}.{rng.randrange(100):02d}",
                    STAGES[n % 3],
                    f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    LINES[n % 5],
                ]
            )
    return deals


def outward(env: dict, *args: str) -> tuple[float, int, str]:
    """Run `outward ARGS`; return wall seconds, peak RSS in bytes and its output."""
    measured = run_outward(env, *args)
    return measured.seconds, measured.peak_rss, measured.output


def floor(deals: Path, database: Path, ddl: str | None) -> float:
    """Seconds to read the CSV and executemany its rows into a table, in one transaction."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    if ddl:
        for statement in ddl:
            connection.execute(statement)
    else:
        connection.execute(
            "CREATE TABLE sales_deal (deal_id TEXT, partner_id INTEGER, account_id INTEGER, "
            "amount DECIMAL, stage TEXT, close_date DATE, product_line TEXT)"
        )
    started = time.perf_counter()
    with open(deals, newline="") as source:
        reader = csv.reader(source)
        next(reader)
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO sales_deal (deal_id, partner_id, account_id, amount, stage, close_date, "
            "product_line) VALUES (?, ?, ?, ?, ?, ?, ?)",
            reader,
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def deal_table_ddl(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    rows = connection.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'sales_deal' AND sql IS NOT NULL "
        "AND type IN ('table', 'index')"  # the table and its indexes, not its triggers
    ).fetchall()
    connection.close()
    return [sql for (sql,) in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="outward-bench-"))
    try:
        database = folder / "outward.sqlite3"
        env = scratch_environment(folder)
        print(f"generating {args.rows:,} deals in {folder} …", flush=True)
        deals = write_inputs(folder, args.rows)
        size = deals.stat().st_size
        outward(env, "migrate", "--noinput", "-v0")
        outward(env, "import", "partners", str(folder / "partners.csv"))
        outward(env, "import", "accounts", str(folder / "accounts.csv"))

        seconds, rss, message = outward(env, "import", "deals", str(deals))
        rate = args.rows / seconds
        again, _, message_again = outward(env, "import", "deals", str(deals))
        bare = floor(deals, folder / "floor.sqlite3", None)
        indexed = floor(deals, folder / "floor-indexed.sqlite3", deal_table_ddl(database))

        print(f"file:                       {size / 1e6:.1f} MB, {args.rows:,} deals")
        print(f"outward import deals:       {seconds:.2f} s = {rate:,.0f} rows/s   ({message})")
        print(f"  peak RSS:                 {rss / 2**20:.0f} MiB")
        print(
            f"  again (all updates):      {again:.2f} s = {args.rows / again:,.0f} rows/s"
            f"   ({message_again})"
        )
        print(f"floor, bare table:          {bare:.2f} s = {args.rows / bare:,.0f} rows/s")
        print(f"floor, deals table+indexes: {indexed:.2f} s = {args.rows / indexed:,.0f} rows/s")
        print(f"ratio import / bare floor:  {seconds / bare:.2f}×")
        print(f"ratio import / indexed:     {seconds / indexed:.2f}×")
        goals = [
            ("≥ 50,000 rows/s", rate >= 50_000),
            ("peak RSS < 1 GiB", rss < 2**30),
            ("within 3× of the bare floor", seconds <= 3 * bare),
        ]
        for goal, met in goals:
            print(f"goal {goal}: {'met' if met else 'NOT met'}")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"(this script's own peak RSS: {own / 2**20:.0f} MiB)")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
