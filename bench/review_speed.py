"""Review page speed on the demo corpus: opening a 100-bead alignment and one review action.

    python bench/review_speed.py [--rounds 5] [--baseline-page FILE] [--profile 25]

The alignment: the sentence-level alignment of the demo corpus's English → German
articles, joined until it has at least 100 beads. Each round opens it in a fresh
session (the Review page's full run, as after a reload) and accepts one bead.

Baseline, measured in the same run on the same store: the Review page as it was
before this round's speed work (``--baseline-page``, default: that version taken
from git, commit ``BASELINE_COMMIT``), with Streamlit's garbage collection after
every run, as the app was served then. This branch runs without it, as
``workbench app`` serves it now. Streamlit's AppTest runs the whole script for every
click, so the fragment's gain (a click reruns only the beads) is not in these
numbers; the browser test (``tests/test_browser.py -s``) prints the times a user
sees. ``--profile N``: the N functions that took longest (cumulative) during this
branch's accept clicks, to see where a click's time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASELINE_COMMIT = "15eefad"   # main before the second round of review speed work (issue 17)
MIN_BEADS = 100


def app_copy(folder: Path, review_page: str | None) -> str:
    """The app's entry file and pages in ``folder``; the Review page replaced when given."""
    shutil.copytree(ROOT / "workbench" / "app" / "views", folder / "views")
    shutil.copy(ROOT / "workbench" / "app" / "main.py", folder / "main.py")
    if review_page is not None:
        (folder / "views" / "review.py").write_text(review_page, encoding="utf-8")
    return str(folder / "main.py")


def baseline_page(path: str | None) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8")
    return subprocess.run(["git", "show", f"{BASELINE_COMMIT}:workbench/app/views/review.py"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout


def build_alignment(db: str) -> tuple[int, int]:
    """The demo's English → German articles, sentence by sentence, joined to >= MIN_BEADS beads."""
    from workbench import review
    from workbench.store import Store

    with Store.open(db) as store:
        pairs = [p for p in store.documents.pairs() if (p.source_lang, p.target_lang) == ("en", "de")]
        source, target = [], []
        for pair in pairs:
            source += [p.text for p in store.documents.get(pair.source_id).paragraphs]
            target += [p.text for p in store.documents.get(pair.target_id).paragraphs]
            aid = review.align_texts(store, source, target, "en", "de", unit="sentence",
                                     title="bench: demo en-de articles", user="bench")
            beads = store.alignments.progress(aid).total
            if beads >= MIN_BEADS:
                return aid, beads
    raise SystemExit(f"the demo corpus has fewer than {MIN_BEADS} en-de sentence beads")


def measure(main: str, aid: int, rounds: int, first_bead: int, gc_after_run: bool,
            profiler=None) -> tuple[list[float], list[float]]:
    """Seconds per fresh-session open and per accept click (on beads from ``first_bead``)."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    config.set_option("runner.postScriptGC", gc_after_run)
    opens, actions = [], []
    for r in range(rounds):
        at = AppTest.from_file(main, default_timeout=600)
        at.query_params["alignment"] = str(aid)
        start = time.perf_counter()
        at.run()
        opens.append(time.perf_counter() - start)
        assert not at.exception, at.exception
        start = time.perf_counter()
        with profiled(profiler):
            at.button(key=f"acc-{aid}-{first_bead + r}").click().run()
        actions.append(time.perf_counter() - start)
        assert not at.exception and not at.error, (at.exception, at.error)
    return opens, actions


@contextlib.contextmanager
def profiled(profiler):
    """Profile the script runs started inside (AppTest runs them on a thread of its own)."""
    if profiler is None:
        yield
        return
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def run_profiled(self, *args, **kwargs):
        profiler.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.disable()

    script_runner.ScriptRunner._run_script = run_profiled
    try:
        yield
    finally:
        script_runner.ScriptRunner._run_script = original


def summary(times: list[float]) -> str:
    warm = times[1:] or times
    return (f"first {times[0] * 1000:.0f} ms, then median {statistics.median(warm) * 1000:.0f} ms "
            f"(range {min(warm) * 1000:.0f}-{max(warm) * 1000:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-page", help="the Review page file to compare with")
    parser.add_argument("--profile", type=int, metavar="N", help="print the N slowest functions of this branch's clicks")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="review-speed-"))
    os.environ.update(WORKBENCH_DB=str(work / "bench.sqlite3"), WORKBENCH_CORPUS=str(ROOT / "corpus"),
                      WORKBENCH_DATA_DIR=str(work / "data"), WORKBENCH_USER="bench")
    try:
        from streamlit.testing.v1 import AppTest

        current = app_copy(work / "current", None)
        before = app_copy(work / "before", baseline_page(args.baseline_page))
        AppTest.from_file(current, default_timeout=600).run()        # first start: the demo corpus
        aid, beads = build_alignment(os.environ["WORKBENCH_DB"])
        for main_file in (before, current):   # the language models and each page's caches: not in "first"
            warm_up = AppTest.from_file(main_file, default_timeout=600)
            warm_up.query_params["alignment"] = str(aid)
            warm_up.run()
        print(f"alignment {aid}: {beads} beads, 20 shown a page; {args.rounds} rounds each")
        results = {}
        variants = (("baseline (page before)", before, True), ("this branch", current, False))
        for i, (name, main_file, gc_after_run) in enumerate(variants):
            results[name] = measure(main_file, aid, args.rounds, i * args.rounds, gc_after_run)
            opens, actions = results[name]
            print(f"{name:24s} open: {summary(opens)}")
            print(f"{name:24s} accept click: {summary(actions)}")
        (b_open, b_act), (c_open, c_act) = results.values()
        print(f"ratio baseline/this branch (warm medians): open "
              f"{statistics.median(b_open[1:]) / statistics.median(c_open[1:]):.2f}x, accept "
              f"{statistics.median(b_act[1:]) / statistics.median(c_act[1:]):.2f}x")
        if args.profile:   # extra rounds: the profiler's own cost stays out of the numbers above
            profiler = cProfile.Profile()
            measure(current, aid, 3, 2 * args.rounds, False, profiler)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
