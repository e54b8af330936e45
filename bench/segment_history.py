"""Planning speed on a store with many old jobs: the look-up of older translations.

    python bench/segment_history.py [--jobs 300] [--segments 400] [--hits 2000] [--rounds 5] [--store URL]

Every translation planning that finds exact TM hits asks the store for the job segments
with the same sources made under older segmentation rules (``JobsRepo.older_translations``),
so that an old machine translation confirmed unchanged is not reused as if current. On a
store upgraded from before the rules version, every old segment is such a row.

The store: ``--jobs`` finished jobs of ``--segments`` machine-translated segments each
(generated sentences, rules version 1), and ``--hits`` sources to look up, half of them
present in old jobs. Baseline, measured in the same run on the same rows: the store as
it was before migration 0836, without the index on the segments' source (dropped after
the timed rounds with it). ``--store``: a PostgreSQL URL instead of a temporary SQLite file
(its tables are dropped and made anew: use a throw-away database).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("strike union wage council workers factory miners general assembly rent housing "
         "delegates picket ballot contract hours safety pension shift district press").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))) + f" {n}."


def fill(store, jobs: int, segments: int, rng: random.Random) -> list[str]:
    """Old finished jobs (rules 1); returns every source written."""
    from workbench.store import utc_now

    sources = []
    now = utc_now()
    with store.transaction() as conn:
        for job in range(1, jobs + 1):
            conn.execute("INSERT INTO translation_jobs (id, signature, status, src_lang, targets, settings, "
                         "created_at, created_by, updated_at) VALUES (?, ?, 'done', 'en', 'de', '{}', ?, 'bench', ?)",
                         (job, f"sig{job}", now, now))
            conn.execute("INSERT INTO translation_job_items (id, job_id, idx, source_name, src_lang, tgt_lang, "
                         "status) VALUES (?, ?, 0, ?, 'en', 'de', 'done')", (job, job, f"old{job}.txt"))
            rows = []
            for idx in range(segments):
                source = sentence(rng, job * segments + idx)
                sources.append(source)
                rows.append((job, job, idx, source, "maschinell " + source))
            conn.executemany("INSERT INTO translation_segments (job_id, item_id, idx, para_idx, start, \"end\", "
                             "source, target, origin, rules) VALUES (?, ?, ?, 0, 0, 1, ?, ?, 'mt', 1)", rows)
    return sources


def timed(store, wanted: list[str], rounds: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        found = len(store.jobs.older_translations("en", "de", wanted, 2))
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--segments", type=int, default=400)
    parser.add_argument("--hits", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", help="a PostgreSQL URL (throw-away database) instead of SQLite")
    args = parser.parse_args()

    from workbench.store import Store

    rng = random.Random(836)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(args.store or Path(folder) / "bench.db")
        if args.store:
            with store.transaction() as conn:
                for table in ("translation_segments", "translation_job_items", "translation_jobs"):
                    conn.execute(f"DELETE FROM {table}")
        start = time.perf_counter()
        sources = fill(store, args.jobs, args.segments, rng)
        if args.store:   # as autovacuum would after a bulk load: the planner's statistics
            with store.transaction() as conn:
                conn.execute("ANALYZE")
        print(f"store: {store.dialect}, {args.jobs} old jobs, {len(sources):,} segments "
              f"(filled in {time.perf_counter() - start:.1f} s)")
        wanted = rng.sample(sources, args.hits // 2) + [sentence(rng, -i) for i in range(args.hits - args.hits // 2)]
        with_index, found = timed(store, wanted, args.rounds)
        with store.transaction() as conn:
            conn.execute("DROP INDEX translation_segments_source")
        without, found_before = timed(store, wanted, args.rounds)
        if found != found_before:
            print(f"different results: {found} rows with the index, {found_before} without")
            return 1
        print(f"older translations of {args.hits:,} TM hits ({found:,} old rows found), median of {args.rounds}:")
        print(f"  without the index (before migration 0836, baseline): {without * 1000:9.1f} ms")
        print(f"  with the index (this version):                       {with_index * 1000:9.1f} ms")
        print(f"  ratio baseline / this version: {without / with_index:.1f}x")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
