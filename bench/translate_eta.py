"""Benchmark: how far a translation job's first ETAs are from the time it really took to finish.

Each job (``--paragraphs``, one job a number) is planned and run with ``run_job`` on the bench's
random-weight Argos model (``bench/translate.py``'s ``--size base``: the shape of a real model,
slow; ``tiny`` for a quick look), with the engine's default settings, in this process. Every
progress tick is recorded: its time, the sentences and characters done, and the ETA the job
gave. The real time left at a tick is the job's end minus the tick; for the first three ticks the
script prints what the job said and, on the same ticks (so the same timings, no run-to-run
noise), what the ETA of main before ``workbench/translate/eta.py`` would have said: time per
sentence since the job's start (its model load included) x sentences left. The job's own ETA
(``run_job``'s: time per unit of work, a sentence's characters plus a fixed cost, since its model
was loaded, x work left) is printed with the range it shows while it is rough.

A ratio is said / real: 1.0 is right, 2.0 says twice the time left.

    .venv/bin/python bench/translate_eta.py --size base --paragraphs 8 12 16 24

Measured 2026-12-07, base size, two rounds of four jobs (29-90 sentences, 3.2-10.3 s) on two
shared cores at load 4.6-5.2: the first ETA (after the 4 shortest sentences) was 0.54-27.6x the
real time left by main's way and 0.52-30.4x by the work's (its range held the real time in 3 of
8 jobs); the second 0.31-1.70x by main's way, 0.34-1.83x by the work's. The first is far off
where one of the first sentences is decoded to the length limit (the random model's beams never
end: that sentence alone took 5.5 s in the 8-paragraph text), which neither sentences nor
characters foresee.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.translate import SIZES, load_average, make_paragraphs  # noqa: E402
from tests.tinyargos import argos_environ, build_package  # noqa: E402


def run_one(store, engine, paragraphs: int, seed: int) -> dict:
    from workbench.ingest import ingest_text
    from workbench.translate.eta import work_of
    from workbench.translate.jobs import JobRequest, prepare_job, run_job

    text = "\n\n".join(make_paragraphs(paragraphs, seed=seed)) + "\n"
    doc_id, _ = store.documents.add(ingest_text(text, source_name=f"article-{seed}.txt"), lang="en")
    job = prepare_job(store, JobRequest((doc_id,), ("es",), "en"), engine)
    work = store.jobs.pending_work(job.id)
    costs = [work_of(w.sources) for w in work]
    sentences = [len(w.rows) for w in work]
    ticks = []
    start = time.monotonic()

    def tick(progress, eta):
        ticks.append((time.monotonic() - start, progress.done, eta))

    run_job(store, job.id, engine, tick)
    end = time.monotonic() - start
    return {"costs": costs, "sentences": sentences, "ticks": ticks[1:], "end": end}


def report(paragraphs: int, run: dict, ticks: int = 3) -> None:
    from workbench.translate.eta import eta_text

    costs, sentences, end = run["costs"], run["sentences"], run["end"]
    total = sum(sentences)
    print(f"job of {paragraphs} paragraphs: {total} sentences in {len(costs)} chunks {sentences}, "
          f"{sum(costs)} work, {end:.1f} s")
    for k, (at, done, said) in enumerate(run["ticks"][:ticks]):
        real = end - at
        by_sentences = at / done * (total - done)   # main's way, from the job's start
        if hasattr(said, "low"):
            job = (f"'{eta_text(said)}' = {said.seconds:.1f} s ({said.seconds / real:.2f}, "
                   f"range {said.low / real:.2f}-{said.high / real:.2f})")
        else:   # a number: the ETA of a checkout before workbench/translate/eta.py
            job = f"{said:.1f} s ({said / real:.2f})"
        print(f"  tick {k + 1} at {at:.1f} s, {done}/{total} sentences: real {real:.1f} s left; "
              f"by sentences from the start {by_sentences:.1f} s ({by_sentences / real:.2f}); the job said {job}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[8, 12, 16, 24])
    parser.add_argument("--size", choices=sorted(SIZES), default="base")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(argos_environ(Path(tmp) / "argos"))
        from workbench.store import Store
        from workbench.translate.argos import ArgosEngine, ArgosOptions
        from workbench.translate.models import read_package

        package = read_package(build_package(os.environ["ARGOS_PACKAGES_DIR"], "en", "es", **SIZES[args.size]))
        print(f"Argos model en->es, size {args.size}; engine defaults; load average {load_average()}.")
        for seed, paragraphs in enumerate(args.paragraphs, start=1):
            engine = ArgosEngine([package], ArgosOptions())   # a fresh engine a job: it loads its model
            with Store.open(Path(tmp) / f"job-{seed}.sqlite3") as store:
                report(paragraphs, run_one(store, engine, paragraphs, seed))
        print(f"load average {load_average()}.")


if __name__ == "__main__":
    main()
