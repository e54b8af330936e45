"""Fragments page speed on a long pasted text: the run a translator waits for when she picks
a name to add (the Name box) and when she adds it, each timed as Streamlit's AppTest runs it.

    python bench/fragments_speed.py [--rounds 10]

The text is every English article of the demo corpus pasted as one (about 140 paragraphs).
Baseline, measured in the same run on the same kind of store: the Fragments page of
``--baseline`` (default ``BASELINE_COMMIT``: main before an add analysed again only
the paragraphs where the added name is written; it analysed the whole text again, as the glossary
changed). ``--baseline 6da6771`` is main before the analysis was kept between runs at all.
The machine is shared: compare the two columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASELINE_COMMIT = "76426e9"   # main before an add analysed only the added name's paragraphs


def app_copy(folder: Path, commit: str | None) -> str:
    """The app's entry, its pages as this tree has them or (``commit``) the Fragments page as it was."""
    from review_speed import app_copy as copy_with_review_page   # this folder's review bench

    entry = copy_with_review_page(folder, None)
    if commit is not None:
        page = subprocess.run(["git", "show", f"{commit}:workbench/app/views/fragments.py"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
        (folder / "views" / "fragments.py").write_text(page, encoding="utf-8")
    return entry


def long_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*/*.en.md")))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(main: str, rounds: int) -> dict[str, list[float]]:
    """Milliseconds of each pick of a name and each add on the Fragments page served from ``main``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()   # each variant starts as a fresh server would
    at = AppTest.from_file(main, default_timeout=300)
    at.run()
    at.switch_page("views/fragments.py").run()
    at.text_area(key="fragments_text").input(long_text()).run()
    times: dict[str, list[float]] = {"pick a name": [], "add it": []}
    for _ in range(rounds):
        names = at.selectbox(key="fragments_add_name")
        pick = names.options[-1] if names.value != names.options[-1] else names.options[0]
        times["pick a name"].append(timed(lambda: names.set_value(pick).run()))
        [add_as] = [s for s in at.selectbox if (s.key or "").startswith("fragments_subject-")]
        add_as.set_value("organisations")
        button = at.button(key="FormSubmitter:fragments_add-Add to the glossary")
        times["add it"].append(timed(lambda: button.click().run()))
        assert not at.exception, at.exception
        assert any("Added" in s.value for s in at.success), [m.value for m in at.get("alert")]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--baseline", default=BASELINE_COMMIT, help="the commit whose Fragments page is the baseline")
    args = parser.parse_args()
    from glossary_page_speed import report   # this folder's glossary bench: the same two columns

    work = Path(tempfile.mkdtemp(prefix="fragments-speed-"))
    try:
        variants = {"baseline": app_copy(work / "base", args.baseline), "branch": app_copy(work / "branch", None)}
        print(f"baseline: the Fragments page of {args.baseline}; load average at start: {os.getloadavg()[0]:.1f}")
        results: dict[str, dict[str, list[float]]] = {}
        for name, entry in variants.items():   # each on a fresh store with the demo glossary
            os.environ.update(WORKBENCH_DB=str(work / f"{name}.sqlite3"), WORKBENCH_DATA_DIR=str(work / name),
                              WORKBENCH_USER="bench", WORKBENCH_CORPUS=str(ROOT / "corpus"))
            results[name] = measure(entry, args.rounds)
        for action in ("pick a name", "add it"):
            report(f"{action:11}", results["baseline"][action], results["branch"][action])
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
