"""Concurrent writers: N processes write to one store at once for a while.

    python bench/concurrency.py [--seconds 60] [--writers 8] [--db FILE]

Writers take turns at three roles, as colleagues would: **ingest** (a new
article of 10 paragraphs: cleaning and language detection, then one
write), **glossary** (open one of 12 shared concepts, think for a moment,
save a new note with the version it opened: a colleague's save in between is
a conflict) and **review** (open the shared alignment, think, then edit or
accept one of its beads with the change stamp seen: a conflict likewise).

Every operation is recorded with its outcome and latency (waits for the
store included; a writer's first operation, which loads models, is left out
of the latencies). Afterwards the store is checked against the records:

- tracebacks: operations that raised anything but the workbench's own errors;
- lost writes: an operation reported as saved whose row is not in the store
  (documents by name; glossary and review saves by the history rows of the
  writer), or history rows nobody reported;
- unreported conflicts: glossary refusals in the history that no writer was
  told about.

The baseline, measured in the same run, is one writer of each role alone for
a sixth of the time: the ratio of latencies shows what sharing the store costs.
Exit status 1 when there is a traceback, a lost write or an unreported conflict.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROLES = ("ingest", "glossary", "review")
SHARED_CONCEPTS = 12
MIN_OPERATIONS = 6     # each writer goes on past the deadline until it has done this many
WORDS = {
    "en": "the workers union strike city rent wage miners port meeting party struggle against bosses".split(),
    "es": "los obreros sindicato huelga ciudad alquiler salario mineros puerto reunión partido lucha".split(),
    "de": "die Arbeiter Gewerkschaft Streik Stadt Miete Lohn Bergleute Hafen Versammlung Partei Kampf".split(),
}


def article(rng: random.Random, lang: str, paragraphs: int = 10) -> str:
    words = WORDS[lang]
    return "\n\n".join(" ".join(" ".join(rng.choice(words) for _ in range(14)).capitalize() + "."
                                for _ in range(3)) for _ in range(paragraphs)) + "\n"


def prepare(db: Path, folder: Path) -> int:
    """A store with the shared glossary and one aligned pair; returns the alignment id."""
    from workbench import review
    from workbench.glossary.termbase import ensure_shared_glossary
    from workbench.settings import load_settings
    from workbench.store import Store

    rng = random.Random(1)
    with Store.open(db) as store:
        ensure_shared_glossary(store, load_settings(db=db))
        src = [p for p in article(rng, "en", 40).split("\n\n") if p.strip()]
        tgt = [p for p in article(rng, "es", 40).split("\n\n") if p.strip()]
        return review.align_texts(store, src, tgt, "en", "es", title="shared pair", user="setup")


# ----------------------------------------------------------------------------- one writer

def writer(name: str, role: str, db: str, folder: str, alignment_id: int, seconds: float, out: str) -> None:
    from workbench.store import Store

    rng = random.Random(name)
    records, waits = [], []
    with Store.open(db, on_wait=waits.append) as store:
        shared = [c.id for c in store.glossary.current().concepts[:SHARED_CONCEPTS]]
        act = {"ingest": _ingest, "glossary": _glossary, "review": _review}[role]
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline or n < MIN_OPERATIONS:
            n += 1
            started = time.monotonic()
            outcome, detail = _attempt(act, store, name, n, rng, Path(folder), alignment_id, shared)
            records.append({"role": role, "n": n, "outcome": outcome, "detail": detail,
                            "latency": time.monotonic() - started})
    Path(out).write_text(json.dumps({"name": name, "role": role, "records": records, "waits": len(waits)}))


def _attempt(act, store, name, n, rng, folder, alignment_id, shared):
    from workbench.errors import ConflictError, StoreBusyError, WorkbenchError

    try:
        return "saved", act(store, name, n, rng, folder, alignment_id, shared)
    except ConflictError as exc:
        return "conflict", str(exc)[:200]
    except StoreBusyError as exc:
        return "busy", str(exc)
    except WorkbenchError as exc:
        return "refused", str(exc)
    except Exception:  # noqa: BLE001 - what the bench counts: anything else is a traceback
        return "traceback", traceback.format_exc()


def _ingest(store, name, n, rng, folder, _aid, _shared):
    from workbench.library import ingest_files

    path = folder / f"{name}-{n}.txt"
    path.write_text(f"# {name} article {n}\n\n" + article(rng, rng.choice(list(WORDS))), encoding="utf-8")
    ingest_files(store, [path], user=name)
    return path.name


def _glossary(store, name, n, rng, _folder, _aid, shared):
    concept = store.glossary.get(rng.choice(shared))
    time.sleep(rng.uniform(0, 0.05))   # reading the concept before saving
    saved = store.glossary.save(replace(concept, note=f"{name} note {n}"), expected_version=concept.version,
                                user=name)
    return f"{saved.id} v{saved.version}"


def _review(store, name, n, rng, _folder, alignment_id, _shared):
    from workbench import review

    seen = store.alignments.get(alignment_id).updated_at
    position = rng.randrange(store.alignments.count(alignment_id))
    time.sleep(rng.uniform(0, 0.05))   # reading the bead before acting
    if rng.random() < 0.5:
        review.edit_target(store, alignment_id, position, f"{name} edit {n}", name, seen=seen)
        return f"edit {position}"
    review.accept(store, alignment_id, position, name, seen=seen)
    return f"accept {position}"


# ----------------------------------------------------------------------------- a run and its check

def run_writers(db: Path, folder: Path, alignment_id: int, roles: list[str], seconds: float, tag: str) -> list[dict]:
    context = multiprocessing.get_context("spawn")
    outs, procs = [], []
    for i, role in enumerate(roles):
        name = f"{tag}{i}-{role}"
        outs.append(folder / f"{name}.json")
        procs.append(context.Process(target=writer, args=(name, role, str(db), str(folder), alignment_id, seconds,
                                                          str(outs[-1]))))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return [json.loads(o.read_text()) if o.exists() else {"name": str(o), "records": [], "crashed": True}
            for o in outs]


def check(db: Path | str, results: list[dict]) -> dict:
    """Compare what each writer was told with what the store holds (SQLite or PostgreSQL)."""
    from workbench.store import Store

    store = Store.open(db)
    conn = store.connection
    problems = {"tracebacks": 0, "lost": 0, "unreported_conflicts": 0, "crashed_writers": 0}
    for r in results:
        problems["crashed_writers"] += bool(r.get("crashed"))
        saved = [x for x in r["records"] if x["outcome"] == "saved"]
        problems["tracebacks"] += sum(x["outcome"] == "traceback" for x in r["records"])
        told_conflicts = sum(x["outcome"] == "conflict" for x in r["records"])
        if r.get("role") == "ingest":
            stored = {row[0] for row in conn.execute("SELECT source_name FROM documents WHERE source_name LIKE ?",
                                                     (r["name"] + "-%",))}
            told = {x["detail"] for x in saved}
            problems["lost"] += len(told - stored) + len(stored - told)
        elif r.get("role") == "glossary":
            rows = dict(conn.execute('SELECT action, count(*) FROM glossary_history WHERE "user" = ? '
                                     "GROUP BY action", (r["name"],)).fetchall())
            problems["lost"] += abs(rows.get("updated", 0) - len(saved))
            problems["unreported_conflicts"] += max(0, rows.get("refused", 0) - told_conflicts)
        elif r.get("role") == "review":
            rows = conn.execute('SELECT count(*) FROM alignment_history WHERE "user" = ?',
                                (r["name"],)).fetchone()[0]
            problems["lost"] += abs(rows - len(saved))
    # PostgreSQL checks its own pages; SQLite's file is checked here
    problems["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0] if store.dialect == "sqlite" else "ok"
    store.close()
    return problems


def summary(results: list[dict]) -> dict:
    out = {}
    for role in ROLES:
        records = [x for r in results if r.get("role") == role for x in r["records"]]
        if not records:
            continue
        # a writer's first operation loads models and caches (lingua's loads per set of languages): counted,
        # but left out of the latencies
        latencies = sorted(x["latency"] for x in records if x["n"] > 1) or [x["latency"] for x in records]
        out[role] = {"ops": len(records), **{k: sum(x["outcome"] == k for x in records)
                                             for k in ("saved", "conflict", "busy", "refused", "traceback")},
                     "median_ms": 1000 * statistics.median(latencies),
                     "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]}
    out["waits_announced"] = sum(r.get("waits", 0) for r in results)
    return out


def print_table(title: str, stats: dict, baseline: dict | None = None) -> None:
    print(f"\n{title}")
    print(f"{'role':9s} {'ops':>5s} {'saved':>6s} {'confl':>6s} {'busy':>5s} {'refus':>6s} {'trace':>6s} "
          f"{'median ms':>10s} {'p95 ms':>8s}" + ("  median/alone" if baseline else ""))
    for role in ROLES:
        s = stats.get(role)
        if not s:
            continue
        ratio = ""
        if baseline and role in baseline:
            ratio = f"  {s['median_ms'] / baseline[role]['median_ms']:.1f}x"
        print(f"{role:9s} {s['ops']:5d} {s['saved']:6d} {s['conflict']:6d} {s['busy']:5d} {s['refused']:6d} "
              f"{s['traceback']:6d} {s['median_ms']:10.1f} {s['p95_ms']:8.1f}{ratio}")
    print(f"waits announced ('{_wait_message()}'): {stats['waits_announced']}")


def _wait_message() -> str:
    from workbench.store import WAIT_MESSAGE

    return WAIT_MESSAGE


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the writers run (default 60)")
    parser.add_argument("--writers", type=int, default=8, help="concurrent writer processes (default 8)")
    parser.add_argument("--db", help="store file or postgresql:// URL (default: a new file in a temporary folder)")
    args = parser.parse_args(argv)
    from workbench.store.dialect import is_url

    with tempfile.TemporaryDirectory(prefix="workbench-concurrency-") as tmp:
        folder = Path(tmp)
        db = args.db if args.db and is_url(args.db) else Path(args.db) if args.db else folder / "concurrency.sqlite3"
        alone_s = max(args.seconds / 6, 2.0)
        base, stats, problems = measure(db, folder, args.writers, args.seconds, alone_s)
    print_table(f"baseline: one writer per role alone, {alone_s:.0f} s", base)
    print_table(f"{args.writers} writers at once, {args.seconds:.0f} s", stats, base)
    return report_problems(problems)


def measure(db: Path | str, folder: Path, writers: int, seconds: float, alone_s: float) -> tuple[dict, dict, dict]:
    """One writer per role alone, then ``writers`` at once, on one new store; the
    latency tables of both, and the problems the check found."""
    alignment_id = prepare(db, folder)
    alone = run_writers(db, folder, alignment_id, list(ROLES), alone_s, "alone")
    together = run_writers(db, folder, alignment_id, [ROLES[i % 3] for i in range(writers)], seconds, "w")
    problems = check(db, alone + together)
    problems["first_traceback"] = next((x["detail"] for r in together + alone for x in r["records"]
                                        if x["outcome"] == "traceback"), None)
    return summary(alone), summary(together), problems


def report_problems(problems: dict) -> int:
    """Print the check's line (and the first traceback); exit status 1 when anything is wrong."""
    print(f"\ntracebacks {problems['tracebacks']}, lost writes {problems['lost']}, unreported conflicts "
          f"{problems['unreported_conflicts']}, crashed writers {problems['crashed_writers']}, "
          f"integrity {problems['integrity']}")
    if problems.get("first_traceback"):
        print(problems["first_traceback"], file=sys.stderr)
    bad = problems["tracebacks"] or problems["lost"] or problems["unreported_conflicts"] or \
        problems["crashed_writers"] or problems["integrity"] != "ok"
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
