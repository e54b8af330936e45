"""Many users on one PostgreSQL store, with SQLite under the same load as the baseline.

    python bench/concurrency_pg.py [--seconds 60] [--users 20] [--db postgresql://user@host/db]

Without ``--db`` (or ``$WORKBENCH_TEST_PG``) it runs itself under ``.ci/with-postgres``,
on a private throw-away server.

The users are those of ``bench/concurrency.py`` (each its own process, taking
turns at ingest, glossary edits with expected versions, and review actions with
change stamps). The same run is made twice in this process: on a fresh schema
of the PostgreSQL database (dropped afterwards), then on a new SQLite file (the
named baseline). For each store it prints every role's operations, outcomes,
median and p95 latency, then the check: lost writes and unreported conflicts
must be 0. Exit status 1 when either store has a problem.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from concurrency import ROLES, measure, print_table, report_problems  # noqa: E402


def fresh_schema(url: str) -> tuple[str, str]:
    """A new, empty schema on the server; returns its name and the store URL using it."""
    import psycopg

    from workbench.store.postgres import schema_url

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return schema, schema_url(url, schema)


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def compare(pg: dict, lite: dict) -> None:
    print("\nPostgreSQL / SQLite, same users and seconds")
    print(f"{'role':9s} {'ops pg':>7s} {'ops lite':>9s} {'median pg/lite':>15s} {'p95 pg/lite':>12s}")
    for role in ROLES:
        if role in pg and role in lite:
            print(f"{role:9s} {pg[role]['ops']:7d} {lite[role]['ops']:9d} "
                  f"{pg[role]['median_ms'] / lite[role]['median_ms']:14.2f}x "
                  f"{pg[role]['p95_ms'] / lite[role]['p95_ms']:11.2f}x")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("WORKBENCH_TEST_PG"),
                        help="PostgreSQL URL (default: $WORKBENCH_TEST_PG, as .ci/with-postgres sets it)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the users work (default 60)")
    parser.add_argument("--users", type=int, default=20, help="concurrent users, one process each (default 20)")
    args = parser.parse_args(argv)
    if not args.db:   # no server named: start a private one for this run (needs Debian's postgresql)
        script = str(ROOT / ".ci" / "with-postgres")
        os.execv(script, [script, sys.executable, __file__, *(sys.argv[1:] if argv is None else argv)])
    alone_s = max(args.seconds / 6, 2.0)
    schema, url = fresh_schema(args.db)
    try:
        with tempfile.TemporaryDirectory(prefix="workbench-concurrency-pg-") as tmp:
            pg = measure(url, Path(tmp), args.users, args.seconds, alone_s)
        with tempfile.TemporaryDirectory(prefix="workbench-concurrency-lite-") as tmp:
            lite = measure(Path(tmp) / "baseline.sqlite3", Path(tmp), args.users, args.seconds, alone_s)
    finally:
        drop_schema(args.db, schema)
    status = 0
    for name, (base, stats, problems) in (("PostgreSQL", pg), ("SQLite (baseline)", lite)):
        print(f"\n===== {name}")
        print_table(f"one user per role alone, {alone_s:.0f} s", base)
        print_table(f"{args.users} users at once, {args.seconds:.0f} s", stats, base)
        status |= report_problems(problems)
    compare(pg[1], lite[1])
    return status


if __name__ == "__main__":
    sys.exit(main())
