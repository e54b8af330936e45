"""Review page keys in Chromium: this tree's key script against another commit's, in one run.

    python bench/review_keys.py [--baseline main] [--presses 20] [--rounds 4]

Two servers, one of this tree and one of ``--baseline`` (its files taken with ``git archive``,
imported before this tree's), each on its own copy of one store: a stored pair of 30
paragraphs (our own sentences), aligned. Each is opened in Chromium at 1024x768, and the
rounds alternate between them (the machine's load falls on both alike). Timed, from the
key press until the page shows its effect (Python's clock around Playwright's waits):

* ``j``/``k``: the next (previous) bead is the current one, its run over;
* ``o`` (this tree only: the baseline has no such key): the chooser unfolded and its
  "Open saved alignment" focused; ``Esc``: the chooser folded again, its run over;
* the baseline's way to the chooser, for comparison: a click on its title until
  "Open saved alignment" shows (a click folds it again, not timed).

Medians and 90th percentiles in milliseconds are printed. Needs Chromium and Playwright, found
as the browser tests find them (``tests/test_browser.py``).
"""

from __future__ import annotations

import argparse
import contextlib
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

SOURCE = [f"Report {n}: the strike committee of the port met again and counted {n * 7} workers at the gates."
          for n in range(1, 31)]
TARGET = [f"Informe {n}: el comité de huelga del puerto se reunió otra vez y contó {n * 7} obreros en las puertas."
          for n in range(1, 31)]
CURRENT_META = ("n => { const m = document.querySelector('.st-key-wb_current .wb-meta');"
                " return !!m && m.innerText.startsWith('#' + n + ' '); }")
OPEN_FOCUSED = "() => document.activeElement && document.activeElement.innerText.trim() === 'Open saved alignment'"
FOLDED = "() => !document.querySelector('.st-key-review_chooser details[open]')"


def make_store(db: Path) -> int:
    from workbench import review
    from workbench.ingest import ingest_text
    from workbench.store import Store

    with Store.open(db) as store:
        a, _ = store.documents.add(ingest_text("\n\n".join(SOURCE), source_name="report.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text("\n\n".join(TARGET), source_name="informe.es.txt"), lang="es")
        pair = store.documents.add_pair(a, b, label="report en → es")
        return review.align_pair(store, pair, unit="paragraph", user="bench")


def tree_of(ref: str, folder: Path) -> Path:
    """The files of commit ``ref`` in ``folder``."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", ref, "workbench"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


@contextlib.contextmanager
def server(tree: Path, db: Path, data: Path):
    from tests.test_browser import _wait_until_up, free_port
    from workbench.cli.serve import streamlit_command

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(tree), WORKBENCH_DB=str(db), WORKBENCH_DATA_DIR=str(data),
               WORKBENCH_USER="bench", WORKBENCH_CORPUS=str(data / "no-corpus"))
    (data / "no-corpus").mkdir(parents=True)
    with open(data / "streamlit.log", "w") as log:
        process = subprocess.Popen(streamlit_command(tree / "workbench" / "app" / "main.py", port, "127.0.0.1"),
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def timed(page, press, until: str, arg=None) -> float:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from tests.test_browser import _idle

    start = time.perf_counter()
    press()
    try:
        page.wait_for_function(until, arg=arg, timeout=30_000)
    except PlaywrightTimeout:
        raise SystemExit(f"{page.url}: not seen within 30 s: {until} ({arg})") from None
    took = (time.perf_counter() - start) * 1000
    _idle(page)
    return took


def round_of(page, presses: int, with_o: bool, times: dict) -> None:
    """``presses`` j/k presses, then ``presses`` trips to the chooser and back."""
    from tests.test_browser import _idle

    for _ in range(presses):
        key, to = ("j", 1) if len(times.get("j/k", ())) % 2 == 0 else ("k", 0)   # between #0 and #1
        times.setdefault("j/k", []).append(timed(page, lambda: page.keyboard.press(key), CURRENT_META, to))
    for _ in range(presses):
        if with_o:
            times.setdefault("o", []).append(timed(page, lambda: page.keyboard.press("o"), OPEN_FOCUSED))
            times.setdefault("Esc", []).append(timed(page, lambda: page.keyboard.press("Escape"), FOLDED))
        else:
            title = page.get_by_text("Open or align another pair")
            times.setdefault("click", []).append(timed(
                page, title.click, "() => !!document.querySelector('.st-key-review_open button')"
                                   " && document.querySelector('.st-key-review_open button').offsetParent !== null"))
            title.click()
            page.wait_for_function(FOLDED, timeout=30_000)
            _idle(page)


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {statistics.median(ordered):6.0f} ms, p90 {p90:6.0f} ms ({len(ordered)} presses)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--presses", type=int, default=20, help="presses of each key per tree")
    parser.add_argument("--rounds", type=int, default=4, help="rounds the presses are spread over")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.test_browser import _chromium, _idle, _launch, count_runs

    per_round = max(1, args.presses // args.rounds)
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        tmp = Path(tmp)
        db = tmp / "store.sqlite3"
        aid = make_store(db)
        trees = {"this tree": ROOT, f"baseline {args.baseline}": tree_of(args.baseline, tmp / "baseline")}
        pages, times = {}, {name: {} for name in trees}
        p = stack.enter_context(sync_playwright())
        browser = _launch(p, _chromium())
        for n, (name, tree) in enumerate(trees.items()):
            copy = tmp / f"store{n}.sqlite3"
            shutil.copy(db, copy)
            url = stack.enter_context(server(tree, copy, tmp / f"data{n}"))
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            count_runs(page)
            page.goto(f"{url}/?alignment={aid}", wait_until="domcontentloaded")
            page.locator(".st-key-wb_current textarea").wait_for(timeout=120_000)
            _idle(page)
            pages[name] = page
        for _ in range(args.rounds):
            for name, page in pages.items():
                round_of(page, per_round, name == "this tree", times[name])
        browser.close()
    for name, measured in times.items():
        for what, values in measured.items():
            print(f"{name:>16}  {what:>5}: {summary(values)}")


if __name__ == "__main__":
    main()
