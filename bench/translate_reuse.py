"""Benchmark: yesterday's batch again with one more document, with and without taking earlier
jobs' machine translations (journey 3).

A store holds a finished job over ``--docs`` documents (en->es). Its file is copied, and the same
second job (those documents and one more) is run on each copy, in the same process and round:

  (reuse)    as the workbench plans it: the sentences the first job translated with the same
             model, settings, rules and glossary are taken from it; only the new document's go
             to the engine;
  (baseline) ``reuse_mt=False``: every sentence goes to the engine again, as before.

Each is timed as ``translate_files`` (storing the files, planning, MT, finishing, rendering the
outputs) with a fresh engine (its model loaded in the call, as a new ``workbench translate``
process would), in turn, round after round (``--repeat``), the order swapped every round; the best
round of each and their ratio are printed, with the per-round ratios. The outputs of the first
documents are checked to be byte-identical both ways.

The model is built by ``tests/tinyargos.py`` (random weights). ``--size tiny`` (default: the test
model, two layers, d_model 16) translates far faster than a real model, so storing, rendering and
writing the outputs (the same both ways) dominate and the ratio understates what a real model
gains; ``--size base`` has a real Argos model's shape (as ``bench/translate.py --size base``):
slow on a small machine, so use fewer documents. The text is our own generated sentences, each
distinct.

    .venv/bin/python bench/translate_reuse.py --docs 12 --paragraphs 6 --repeat 3
    .venv/bin/python bench/translate_reuse.py --size base --docs 4 --paragraphs 3 --repeat 2
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

from tests.tinyargos import argos_environ, build_package  # noqa: E402

SUBJECTS = ["The workers", "The union", "The assembly", "A delegation", "The committee", "The miners",
            "The dockers", "The teachers", "The nurses", "The tenants"]
VERBS = ["voted to strike", "met in the square", "refused the offer", "published a statement",
         "travelled to the capital", "called for solidarity", "occupied the factory", "rejected the cuts"]
SIZES = {   # as bench/translate.py's
    "tiny": dict(layers=2),
    "base": dict(layers=6, d_model=512, ffn=2048, heads=8, eos_bias=4.6, vocab_size=32000, quantization="int8"),
}
TAILS = ["on Monday", "after a long debate", "despite the police", "in four languages", "for the third time"]


def documents(n: int, paragraphs: int, seed: int = 1) -> list[str]:
    """n texts of ``paragraphs`` paragraphs of three to five sentences, every sentence distinct."""
    rng = random.Random(seed)
    counter = iter(range(10**9))
    texts = []
    for _ in range(n):
        paras = [" ".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}, "
                          f"said {next(counter) + 2} delegates{rng.choice('..!?')}"
                          for _ in range(rng.randint(3, 5))) for _ in range(paragraphs)]
        texts.append("\n\n".join(paras) + "\n")
    return texts


def _engine(threads: int):
    from workbench.settings import load_settings
    from workbench.translate.argos import ArgosOptions
    from workbench.translate.factory import build_engine

    return build_engine(load_settings(), None, ArgosOptions(intra_threads=threads))


def _second_job(db: Path, paths: list[Path], out: Path, threads: int, reuse: bool) -> tuple[float, int, int]:
    """(seconds, segments taken from earlier jobs, distinct sentences given to the engine)."""
    from workbench.store import Store
    from workbench.translate.batch import translate_files

    start = time.perf_counter()
    with Store.open(db) as store:
        result = translate_files(store, _engine(threads), paths, ["es"], "en", out_dir=out, reuse_mt=reuse)
        seconds = time.perf_counter() - start
        sent = {s.source for segs in store.jobs.job_segments(result.job_id).values() for s in segs
                if s.chunk is not None}
    return seconds, result.reused, len(sent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=12, help="documents of the first job (default 12)")
    ap.add_argument("--paragraphs", type=int, default=6, help="paragraphs a document (default 6)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    ap.add_argument("--size", choices=sorted(SIZES), default="tiny", help="model shape (default tiny)")
    ap.add_argument("--threads", type=int, default=1, help="model threads (default 1: a shared machine)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-reuse-"))
    try:
        os.environ.update(argos_environ(work / "argos"))
        os.environ.update(WORKBENCH_DATA_DIR=str(work / "data"), WORKBENCH_USER="bench")
        build_package(os.environ["ARGOS_PACKAGES_DIR"], "en", "es", **SIZES[args.size])
        paths = []
        for n, text in enumerate(documents(args.docs + 1, args.paragraphs)):
            paths.append(work / f"article-{n:02d}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        sentences = sum(t.count(" delegates") for t in documents(args.docs + 1, args.paragraphs))
        print(f"{args.docs} documents, then {args.docs + 1}: {sentences} sentences in all; "
              f"{args.size} model, {args.threads} thread(s); load average {os.getloadavg()[0]:.2f}")
        times: dict[str, list[float]] = {"reuse": [], "baseline": []}
        for r in range(args.repeat):
            first = work / f"round{r}.sqlite3"
            from workbench.store import Store
            from workbench.translate.batch import translate_files

            with Store.open(first) as store:
                translate_files(store, _engine(args.threads), paths[:-1], ["es"], "en")
            copy = work / f"round{r}-baseline.sqlite3"
            shutil.copyfile(first, copy)
            order = [("reuse", first, True), ("baseline", copy, False)]
            for label, db, reuse in (order if r % 2 == 0 else order[::-1]):
                seconds, reused, sent = _second_job(db, paths, work / f"out-{label}-{r}", args.threads, reuse)
                times[label].append(seconds)
                print(f"  round {r + 1} {label:8s} {seconds:6.2f} s  ({reused} segments taken from earlier jobs, "
                      f"{sent} sentences given to the engine)")
            for p in (work / f"out-reuse-{r}").iterdir():
                if p.name.startswith(f"article-{args.docs:02d}.") or p.name.endswith(".report.json"):
                    continue   # the new document; the reports differ by the count of reused segments
                assert p.read_bytes() == (work / f"out-baseline-{r}" / p.name).read_bytes(), p.name
        best = {k: min(v) for k, v in times.items()}
        ratios = [b / a for a, b in zip(times["reuse"], times["baseline"])]
        print(f"best: reuse {best['reuse']:.2f} s, baseline {best['baseline']:.2f} s; "
              f"baseline/reuse = {best['baseline'] / best['reuse']:.1f}x "
              f"(per round {min(ratios):.1f}-{max(ratios):.1f}x); outputs of the first documents identical")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
