"""Glossary page speed on the shared glossary (800 concepts): the actions a terminologist
repeats, each timed as Streamlit's AppTest runs it (the whole script, server side), and
with ``--browser`` the Save as a translator sees it in Chromium.

    python bench/glossary_page_speed.py [--rounds 5] [--browser [--saves 10]]

- save: type a new definition of "regime union" and press Save (the baseline saves in one
  script run and asks for a rerun to draw the new version: two runs; this branch saves in
  Save's callback, before the one run that draws it);
- search: type another search ("regime union", "strike", "union", …: one run);
- ``--browser``: both pages served by ``streamlit run`` as ``workbench app`` serves them,
  each open in Chromium at 1280x900; their saves alternate (the shared machine's load falls
  on both alike), each timed in the page from the click to the frame that shows
  "Saved … as version N" with the run finished.

Baseline, measured in the same run on the same kind of store: the Glossary page of
``BASELINE_COMMIT`` (main before this change). The machine is shared, so compare the
two columns of one run, not runs.
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
BASELINE_COMMIT = "ebfb0ed"   # main before Save became a callback
SEARCHES = ("regime union", "strike", "union", "lockout", "sindicato", "regime union")


def app_copy(folder: Path, glossary_page: str | None) -> str:
    """The app's entry file and pages in ``folder``; the Glossary page replaced when given."""
    from review_speed import app_copy as copy_with_review_page   # this folder's review bench

    entry = copy_with_review_page(folder, None)
    if glossary_page is not None:
        (folder / "views" / "glossary.py").write_text(glossary_page, encoding="utf-8")
    return entry


def baseline_page() -> str:
    """Main's Glossary page, with main's way of caching the glossary (a whole read at each change
    of its stamp) put into the page: this branch's runtime reads only the changed concepts."""
    def at_baseline(path: str) -> str:
        return subprocess.run(["git", "show", f"{BASELINE_COMMIT}:{path}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout

    page, runtime = at_baseline("workbench/app/views/glossary.py"), at_baseline("workbench/app/runtime.py")
    cache = runtime[runtime.index("@st.cache_resource(max_entries=4"):runtime.index("@contextmanager\ndef user_errors")]
    page = page.replace("from workbench.app.runtime import current_glossary, open_store",
                        "from workbench.app.runtime import open_store")
    return page.replace('st.title("Glossary")', cache + 'st.title("Glossary")', 1)


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


# In the page: from the click on Save to the frame that shows the expected message with no
# script run going on (polling from Python would add its own delay).
ARM_TIMER = """expected => { window.__wbTimed = new Promise(resolve => {
  let t0 = null;
  document.addEventListener("click", () => { t0 = t0 ?? performance.now(); }, {capture: true, once: true});
  const done = () => document.body.innerText.includes(expected)
    && !document.querySelector('[data-testid="stStatusWidget"]');
  const observer = new MutationObserver(() => {
    if (t0 !== null && done()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}); }"""


@contextlib.contextmanager
def served(entry: str, folder: Path):
    """``entry`` served by ``streamlit run`` on a free local port with its own store; yields its address."""
    import socket
    import urllib.request

    from workbench.cli.serve import streamlit_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, WORKBENCH_DB=str(folder / "bench.sqlite3"), WORKBENCH_DATA_DIR=str(folder / "data"))
    with open(folder / "streamlit.log", "w") as log:
        server = subprocess.Popen(streamlit_command(entry, port, "127.0.0.1"), env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


def regime_union_open(browser, url: str):
    """A Chromium page at 1280x900 on the Glossary with "regime union" open for editing."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/glossary", wait_until="domcontentloaded")
    page.get_by_role("textbox", name="Search terms, ids and definitions").fill("regime union", timeout=180_000)
    page.keyboard.press("Enter")
    page.get_by_text("regime union · version").wait_for(timeout=120_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000)
    return page


def browser_saves(variants: dict[str, str], work: Path, saves: int) -> dict[str, list[float]]:
    """Milliseconds of each Save in Chromium, the variants' saves alternating."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {name: [] for name in variants}
    with contextlib.ExitStack() as stack:
        urls = {name: stack.enter_context(served(entry, work / f"served-{n}"))
                for n, (name, entry) in enumerate(variants.items())}
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        stack.callback(browser.close)
        pages = {name: regime_union_open(browser, url) for name, url in urls.items()}
        for n in range(saves):
            for name, page in pages.items():
                page.get_by_role("textbox", name="Definition", exact=True).fill(f"A union tied to the state ({n}).")
                page.evaluate(ARM_TIMER, f"Saved 'regime-union' as version {n + 2}.")
                page.get_by_role("button", name="Save", exact=True).click()
                times[name].append(page.evaluate("() => window.__wbTimed"))
    return times


def report(action: str, base: list[float], branch: list[float]) -> None:
    b, n = statistics.median(base), statistics.median(branch)
    print(f"{action:14} median ms: baseline {b:.0f} (range {min(base):.0f}-{max(base):.0f}), "
          f"this branch {n:.0f} (range {min(branch):.0f}-{max(branch):.0f}); ratio {b / n:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time Save in Chromium")
    parser.add_argument("--saves", type=int, default=10, help="saves of each page in Chromium")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="glossary-speed-"))
    os.environ.update(WORKBENCH_DB=str(work / "bench.sqlite3"), WORKBENCH_DATA_DIR=str(work / "data"),
                      WORKBENCH_USER="bench", WORKBENCH_CORPUS=str(ROOT / "corpus"))
    try:
        variants = {"baseline (main " + BASELINE_COMMIT + ")": app_copy(work / "base", baseline_page()),
                    "this branch": app_copy(work / "branch", None)}
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        results = {}
        for round_ in range(2):   # interleaved: the shared machine's load falls on both alike
            for name, entry in variants.items():
                for action, values in measure(entry, args.rounds, f"{name} {round_}").items():
                    results.setdefault(name, {}).setdefault(action, []).extend(values)
        base, branch = results.values()
        for action in ("save", "search"):
            report(f"AppTest {action}", base[action], branch[action])
        if args.browser:
            base, branch = browser_saves(variants, work, args.saves).values()
            report("Chromium save", base, branch)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
