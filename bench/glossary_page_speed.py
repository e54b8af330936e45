"""Glossary page speed on the shared glossary (800 concepts): the actions a terminologist
repeats, each timed as Streamlit's AppTest runs it (the whole script, server side).

    python bench/glossary_page_speed.py [--rounds 5]

- save: type a new definition of "regime union" and press Save (a save and the rerun it
  asks for: two script runs);
- search: type another search ("regime union", "strike", "union", …: one run).

Baseline, measured in the same run on the same store: the Glossary page of
``BASELINE_COMMIT`` (main before this change), which read the whole glossary from the
store and searched every term on every run. This branch reads it once per change of the
glossary (its stamp) and keeps each search's result for that state. The browser adds its
own drawing and the network on top of these numbers; the machine is shared, so compare
the two columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASELINE_COMMIT = "d21ac55"
SEARCHES = ("regime union", "strike", "union", "lockout", "sindicato", "regime union")


def app_copy(folder: Path, glossary_page: str | None) -> str:
    """The app's entry file and pages in ``folder``; the Glossary page replaced when given."""
    from review_speed import app_copy as copy_with_review_page   # this folder's review bench

    entry = copy_with_review_page(folder, None)
    if glossary_page is not None:
        (folder / "views" / "glossary.py").write_text(glossary_page, encoding="utf-8")
    return entry


def baseline_page() -> str:
    return subprocess.run(["git", "show", f"{BASELINE_COMMIT}:workbench/app/views/glossary.py"], cwd=ROOT,
                          check=True, capture_output=True, text=True).stdout


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(main: str, rounds: int, tag: str) -> dict[str, list[float]]:
    """Milliseconds of each save and each search on the Glossary page served from ``main``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()   # each variant starts as a fresh server would
    at = AppTest.from_file(main, default_timeout=300)
    at.run()
    at.switch_page("views/glossary.py").run()
    at.text_input(key="glossary_search").input("regime union").run()
    times: dict[str, list[float]] = {"save": [], "search": []}
    for n in range(rounds):
        [editor] = [t for t in at.text_area if (t.key or "").startswith("def-regime-union-")]
        editor.input(f"A trade union tied to the state ({tag}, round {n}).")
        [save] = [b for b in at.get("form_submit_button") if b.label == "Save"]
        times["save"].append(timed(lambda: save.click().run()))
        assert not at.exception, at.exception
        assert any("Saved 'regime-union'" in s.value for s in at.success), [s.value for s in at.success]
        for text in SEARCHES:
            times["search"].append(timed(lambda: at.text_input(key="glossary_search").input(text).run()))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="glossary-speed-"))
    os.environ.update(WORKBENCH_DB=str(work / "bench.sqlite3"), WORKBENCH_DATA_DIR=str(work / "data"),
                      WORKBENCH_USER="bench", WORKBENCH_CORPUS=str(ROOT / "corpus"))
    try:
        variants = {"baseline (main " + BASELINE_COMMIT + ")": app_copy(work / "base", baseline_page()),
                    "this branch": app_copy(work / "branch", None)}
        results = {}
        for round_ in range(2):   # interleaved: the shared machine's load falls on both alike
            for name, entry in variants.items():
                for action, values in measure(entry, args.rounds, f"{name} {round_}").items():
                    results.setdefault(name, {}).setdefault(action, []).extend(values)
        base, branch = results.values()
        for action in ("save", "search"):
            b, n = statistics.median(base[action]), statistics.median(branch[action])
            print(f"{action:6} median ms: baseline {b:.0f} (range {min(base[action]):.0f}-{max(base[action]):.0f}), "
                  f"this branch {n:.0f} (range {min(branch[action]):.0f}-{max(branch[action]):.0f}); "
                  f"ratio {b / n:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
