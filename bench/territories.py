"""Benchmark: territory assignment, coverage and incremental re-assignment on SQLite.

Builds a temporary database with 2,000 territories (World > 6 regions > 60 countries >
600 subdivisions > segments by industry and size, plus metro areas by postal prefix, mixed
priorities), 500 partners covering some of them, and 1,000,000 accounts (untimed; accounts
are written with the plain sqlite3 module). Then times, as subprocesses with their peak RSS:

- `outward territories assign --format json` (goal ≤ 60 s, ≤ 2 GiB), and once more (stable:
  nothing moves);
- `outward territories coverage --format json` (goal ≤ 5 s);
- `outward territories assign --territory KEY` after one subdivision's criteria change
  (goal ≤ 5 s, ≤ 1% of the accounts concerned);

and, in this process, the naive way — each account of a 20,000-account sample tested against
every territory's chain of criteria — scaled to all accounts (goal: assign ≥ 50× faster).

    python bench/territories.py [--accounts 1000000] [--sample 20000] [--keep]
"""

import argparse
import csv
import json
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pycountry

from outward.territories.domain.matching import Account, Criteria, Node, admits
from support import run_outward, scratch_environment

REGIONS = ("EMEA", "NA", "LATAM", "APAC", "MEA", "NORDICS")
INDUSTRIES = (
    "Manufacturing",
    "Retail",
    "Healthcare",
    "Finance",
    "Energy",
    "Public Sector",
    "Media",
    "Logistics",
    "Education",
    "Telecom",
)


def geography(rng: random.Random) -> list[tuple[str, list[str]]]:
    """60 countries with at least 10 subdivisions each, and 10 of their subdivisions."""
    countries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        found = pycountry.subdivisions.get(country_code=country.alpha_2) or []
        codes = sorted(s.code for s in found)
        if len(codes) >= 10:
            countries.append((country.alpha_2, rng.sample(codes, 10)))
    return rng.sample(countries, 60)


def territory_rows(countries: list[tuple[str, list[str]]], rng: random.Random) -> list[dict]:
    rows = [{"territory_id": "T-WORLD", "name": "World"}]

    def add(key, name, parent, **criteria):
        rows.append({"territory_id": key, "name": name, "parent_id": parent, **criteria})

    for number, region in enumerate(REGIONS):
        mine = countries[number * 10 : (number + 1) * 10]
        add(f"T-{region}", region, "T-WORLD", countries=";".join(c for c, _ in mine))
        for country, subdivisions in mine:
            add(f"T-{country}", country, f"T-{region}", countries=country)
            for code in subdivisions:
                add(f"T-{code}", code, f"T-{country}", subdivisions=code)
                add(
                    f"T-{code}-ENT",
                    f"{code} enterprise",
                    f"T-{code}",
                    min_employees=1000,
                    priority=1,
                )
                add(
                    f"T-{code}-IND",
                    f"{code} industries",
                    f"T-{code}",
                    industries=";".join(rng.sample(INDUSTRIES, 3)),
                    max_employees=rng.choice(("", 999, 5000)),
                )
    metros = 2000 - len(rows)
    for number in range(metros):
        country, _ = countries[number % len(countries)]
        prefixes = ";".join(sorted({f"{rng.randrange(10)}{rng.randrange(10)}" for _ in range(2)}))
        key = f"T-{country}-M{number:03d}"
        add(key, f"Metro {number}", f"T-{country}", postal_prefixes=prefixes)
    return rows


def write_inputs(folder: Path, rng: random.Random) -> tuple[list, list[dict]]:
    countries = geography(rng)
    rows = territory_rows(countries, rng)
    with open(folder / "territories.csv", "w", newline="") as out:
        columns = list(dict.fromkeys(name for row in rows for name in row))
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        writer.writerows(rows)
    with open(folder / "partners.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["partner_id", "name"])
        writer.writerows([f"P{n:04d}", f"Partner {n}"] for n in range(500))
    # Some territories get several partners (crowding), many none (white space).
    with open(folder / "partner-territories.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["partner_id", "territory_id"])
        keys = [row["territory_id"] for row in rows[7:]]
        links = {(f"P{n % 500:04d}", rng.choice(keys[: len(keys) // 2])) for n in range(1500)}
        writer.writerows(sorted(links))
    return countries, rows


def write_accounts(database: Path, countries: list, count: int, rng: random.Random) -> None:
    weights = [rng.random() ** 2 + 0.05 for _ in countries]
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("BEGIN")

    def accounts():
        for n in range(count):
            country, subdivisions = rng.choices(countries, weights)[0]
            missing = rng.random()
            yield (
                n + 1,
                f"A{(n * 7919) % count:07d}",
                f"Account {n}",
                country,
                "" if missing < 0.02 else rng.choice(subdivisions),
                "" if missing > 0.97 else f"{rng.randrange(100):02d} {rng.randrange(1000):03d}",
                "" if 0.5 < missing < 0.53 else rng.choice(INDUSTRIES).upper(),
                None if 0.1 < missing < 0.12 else max(1, int(rng.lognormvariate(4.5, 1.6))),
            )

    connection.executemany(
        "INSERT INTO sales_account (id, account_id, name, country, subdivision, postal_code, "
        "industry, employees) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        accounts(),
    )
    connection.execute("COMMIT")
    connection.close()


CPU: dict[str, float] = {}  # CPU seconds (user + system) of the last run of each command


def outward(env: dict, *args: str, output: bool = True) -> tuple[float, int, str]:
    """Run `outward ARGS`; return wall seconds, peak RSS in bytes and its output (its CPU
    seconds go to `CPU`: the machine may be shared, and CPU time varies less than wall time)."""
    measured = run_outward(env, *args, output=output)
    CPU[args[1] if len(args) > 1 else args[0]] = measured.cpu
    return measured.seconds, measured.peak_rss, measured.output


def _nodes(rows: list[dict]) -> list[Node]:
    def whole(value):
        return None if value in (None, "") else int(value)

    def listed(value):
        return [item for item in (value or "").split(";") if item]

    return [
        Node(
            territory_id=row["territory_id"],
            parent_id=row.get("parent_id") or None,
            priority=int(row.get("priority") or 0),
            criteria=Criteria.of(
                countries=listed(row.get("countries")),
                subdivisions=listed(row.get("subdivisions")),
                postal_prefixes=listed(row.get("postal_prefixes")),
                industries=listed(row.get("industries")),
                min_employees=whole(row.get("min_employees")),
                max_employees=whole(row.get("max_employees")),
            ),
        )
        for row in rows
    ]


def naive(database: Path, rows: list[dict], sample: int) -> tuple[float, dict[str, str | None]]:
    """Each sampled account tested against every territory's chain: seconds and answers."""
    nodes = _nodes(rows)
    by_id = {node.territory_id: node for node in nodes}
    chains = []
    for node in nodes:
        chain, current = [], node
        while current is not None:
            chain.append(current.criteria)
            current = by_id.get(current.parent_id)
        chains.append((len(chain), node, chain))
    connection = sqlite3.connect(database)
    accounts = connection.execute(
        "SELECT account_id, country, subdivision, postal_code, industry, employees "
        "FROM sales_account ORDER BY id LIMIT ?",
        (sample,),
    ).fetchall()
    connection.close()
    started = time.perf_counter()
    answers = {}
    for key, *fields in accounts:
        account = Account(*fields)
        best = None
        for depth, node, chain in chains:
            if all(admits(criteria, account) for criteria in chain):
                rank = (-depth, -node.priority, node.territory_id)
                best = rank if best is None or rank < best else best
        answers[key] = best[2] if best else None
    return time.perf_counter() - started, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    rng = random.Random(8)
    folder = Path(tempfile.mkdtemp(prefix="outward-bench-"))
    try:
        database = folder / "outward.sqlite3"
        env = scratch_environment(folder)
        print(f"building {args.accounts:,} accounts, 2,000 territories in {folder} …", flush=True)
        countries, rows = write_inputs(folder, rng)
        outward(env, "migrate", "--noinput", "-v0")
        for kind in ("territories", "partners", "partner-territories"):
            outward(env, "import", kind, str(folder / f"{kind}.csv"))
        write_accounts(database, countries, args.accounts, rng)

        assign_s, assign_rss, _ = outward(
            env, "territories", "assign", "--format", "json", output=False
        )
        assign_cpu = CPU["assign"]
        again_s, _, again = outward(env, "territories", "assign", "--format", "json")
        document = json.loads(again)
        again = None
        assigned = len(document["assignments"])
        answer = {row["account_id"]: row["territory_id"] for row in document["assignments"]}
        document = None
        coverage_s, coverage_rss, coverage = outward(
            env, "territories", "coverage", "--format", "json"
        )
        white = len(json.loads(coverage)["white_space"])
        coverage_cpu = CPU["coverage"]
        _, _, _ = outward(env, "help")
        startup_cpu = CPU["help"]

        # One subdivision now takes only part of its postal codes.
        changed = next(row["territory_id"] for row in rows if row.get("subdivisions"))
        connection = sqlite3.connect(database)
        connection.execute(
            "UPDATE territories_territory SET postal_prefixes = ? WHERE territory_id = ?",
            (json.dumps(["1", "2", "3"]), changed),
        )
        connection.commit()
        connection.close()
        incremental_s, incremental_rss, headline = outward(
            env, "territories", "assign", "--territory", changed
        )
        incremental_cpu = CPU["assign"]
        headline = headline.splitlines()[0]
        concerned = int(headline.split(" accounts")[0].replace(",", ""))

        naive_s, naive_answers = naive(database, rows, args.sample)
        agree = sum(answer.get(key) == territory for key, territory in naive_answers.items())
        naive_scaled = naive_s * args.accounts / len(naive_answers)
        ratio = naive_scaled / assign_s

        print(f"territories:                 {len(rows):,}; accounts: {args.accounts:,}")
        print(
            f"assign (json):               {assign_s:.2f} s, peak RSS {assign_rss / 2**20:.0f} MiB"
        )
        print(f"  CPU:                       {assign_cpu:.2f} s")
        print(f"  assigned / unassigned:     {assigned:,} / {args.accounts - assigned:,}")
        print(f"assign again (nothing moves):{again_s:6.2f} s")
        print(
            f"coverage (json):             {coverage_s:.2f} s, "
            f"peak RSS {coverage_rss / 2**20:.0f} MiB"
        )
        print(f"  CPU:                       {coverage_cpu:.2f} s")
        print(f"  white space territories:   {white:,}")
        print(
            f"incremental after {changed}: {incremental_s:.2f} s, peak RSS "
            f"{incremental_rss / 2**20:.0f} MiB"
        )
        print(f"  CPU:                       {incremental_cpu:.2f} s")
        print(f"  {headline} ({concerned / args.accounts:.2%} of the accounts concerned)")
        print(f"(start-up alone, `outward help`: {startup_cpu:.2f} s CPU)")
        print(
            f"naive, {len(naive_answers):,} accounts:     {naive_s:.2f} s, scaled to "
            f"{args.accounts:,}: {naive_scaled:.0f} s"
        )
        print(f"  naive agrees with assign:  {agree:,} of {len(naive_answers):,}")
        print(f"ratio naive / assign:        {ratio:.0f}×")
        goals = [
            ("assign ≤ 60 s", assign_s <= 60),
            ("assign peak RSS ≤ 2 GiB", assign_rss <= 2 * 2**30),
            ("coverage ≤ 5 s", coverage_s <= 5),
            ("incremental ≤ 5 s", incremental_s <= 5),
            ("incremental concerns ≤ 1% of accounts", concerned <= args.accounts / 100),
            ("≥ 50× faster than naive", ratio >= 50),
            ("naive and assign agree", agree == len(naive_answers)),
        ]
        for goal, met in goals:
            print(f"goal {goal}: {'met' if met else 'NOT met'}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
