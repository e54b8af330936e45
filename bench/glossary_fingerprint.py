"""Benchmark: the glossary fingerprint a job's planning records, hashed once per glossary object
(as now) against every concept hashed on each planning (as before), in the same run (journey 3).

A translation job records the state of the glossary it enforces (``glossary.fingerprint``), and
a later job takes its machine translations only with the same state. Before, every planning
hashed every concept (serialised whole, about 1 MB of JSON for the project's 802 concepts); a
glossary is immutable, so the hash is now made once per glossary object, and the app keeps one
object (and one engine) per glossary state from job to job.

Two measurements, each way, in turn, round after round (``--repeat``), the order swapped every
round; the best of each and the ratio are printed:

  fingerprint   ``fingerprint(engine)`` ``--calls`` times with one engine (now) against the
                hash made from the concepts each time (before);
  planning      ``prepare_job`` of a new one-document job (a new article each time, so each
                is planned: TM look-up, earlier jobs' translations, chunks), ``--jobs`` jobs a
                round on one store and one engine (as the app plans one job after another).

The engine is the word-for-word stand-in behind the glossary enforcer: planning translates
nothing, so no model is needed. The glossary is ``glossaries/political-terms.toml`` (our own).

    .venv/bin/python bench/glossary_fingerprint.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBJECTS = ["The workers", "The union", "The assembly", "A delegation", "The committee", "The miners"]
VERBS = ["voted to strike", "met in the square", "refused the offer", "published a statement"]


def article(n: int, rng: random.Random) -> str:
    paras = [" ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)}, said {n * 100 + p * 10 + s} delegates."
                      for s in range(4)) for p in range(5)]
    return "\n\n".join(paras) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    ap.add_argument("--calls", type=int, default=20, help="fingerprints a round and way (default 20)")
    ap.add_argument("--jobs", type=int, default=8, help="jobs planned a round and way (default 8)")
    args = ap.parse_args()

    from workbench.glossary import load_glossary
    from workbench.ingest import ingest_text
    from workbench.store import Store
    from workbench.translate import jobs
    from workbench.translate.engine import StandInEngine
    from workbench.translate.glossary import GlossaryEnforcer, content_fingerprint, fingerprint

    glossary = load_glossary(ROOT / "glossaries" / "political-terms.toml")
    engine = GlossaryEnforcer(StandInEngine({("en", "es"): {"the": "la", "strike": "huelga"}}), glossary)

    def before(e) -> str:   # as each planning hashed it before
        return content_fingerprint(e.glossary, e.n_best)

    start = time.perf_counter()
    first = fingerprint(engine)   # the one hash of this glossary object: what a process's first planning pays
    first_s = time.perf_counter() - start
    assert before(engine) == first
    print(f"{len(glossary.concepts)} concepts; the first fingerprint of the glossary object {first_s * 1000:.1f} ms; "
          f"load average {os.getloadavg()[0]:.2f}")
    work = Path(tempfile.mkdtemp(prefix="bench-fingerprint-"))
    rng = random.Random(1)
    counter = iter(range(10**6))
    times: dict[str, dict[str, list[float]]] = {"fingerprint": {"now": [], "before": []},
                                                "planning": {"now": [], "before": []}}
    try:
        with Store.open(work / "store.sqlite3") as store:
            for r in range(args.repeat):
                order = [("now", fingerprint), ("before", before)]
                for label, how in (order if r % 2 == 0 else order[::-1]):
                    start = time.perf_counter()
                    for _ in range(args.calls):
                        how(engine)
                    times["fingerprint"][label].append((time.perf_counter() - start) / args.calls)
                    jobs.fingerprint = how   # what find_or_plan calls
                    try:
                        spent = 0.0
                        for _ in range(args.jobs):
                            n = next(counter)
                            doc_id = store.documents.add(ingest_text(article(n, rng), source_name=f"a{n}.txt"),
                                                         lang="en", lang_confidence=1.0, user="bench")[0]
                            start = time.perf_counter()
                            jobs.prepare_job(store, jobs.JobRequest((doc_id,), ("es",), "en"), engine)
                            spent += time.perf_counter() - start
                    finally:
                        jobs.fingerprint = fingerprint
                    times["planning"][label].append(spent / args.jobs)
                    print(f"  round {r + 1} {label:6s} fingerprint {times['fingerprint'][label][-1] * 1e6:9.1f} us, "
                          f"planning a job {times['planning'][label][-1] * 1000:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for what, by in times.items():
        now, was = min(by["now"]), min(by["before"])
        ratios = [b / a for a, b in zip(by["now"], by["before"])]
        print(f"{what}: best now {now * 1000:.3f} ms, before {was * 1000:.1f} ms; before/now = {was / now:,.0f}x "
              f"(per round {min(ratios):,.0f}-{max(ratios):,.0f}x)")


if __name__ == "__main__":
    main()
