"""Real-browser smoke test: start the app with `streamlit run`, open it in
Debian's Chromium, see a demo document, keep a screenshot, align a demo pair.

Skips locally without Chromium; CI sets WORKBENCH_REQUIRE_BROWSER=1 and
installs Chromium, so there it must run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import APP_MAIN, CORPUS
from workbench.cli.serve import streamlit_command

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers_within(url: str, seconds: float, process: subprocess.Popen | None = None) -> bool:
    """Whether the local server at ``url`` (127.0.0.1 only: the tests' own app) answers 200
    within ``seconds``; False at once when ``process`` has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    if not answers_within(url, seconds, process):
        if process.poll() is not None:
            raise AssertionError(f"streamlit exited early with status {process.returncode}")
        raise AssertionError(f"the app did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def serve_app(tmp_path, **env_vars):
    """A real Streamlit server of the app on a free local port (its address is yielded),
    stopped afterwards; ``env_vars`` set the workbench's environment."""
    port = free_port()
    env = dict(os.environ, WORKBENCH_DATA_DIR=str(tmp_path / "data"), WORKBENCH_USER="browser-test", **env_vars)
    command = streamlit_command(APP_MAIN, port, "127.0.0.1")   # as `workbench app` serves it
    with open(tmp_path / "streamlit.log", "w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory) -> Path:
    """An SQLite store after the app's first start with the demo corpus (the demo documents and
    pairs, the shared glossary), made once per run: most browser tests begin there."""
    from workbench.demo import ensure_first_start
    from workbench.settings import load_settings
    from workbench.store import Store

    folder = tmp_path_factory.mktemp("demo-store")
    path = folder / "demo.sqlite3"
    settings = load_settings(db=path, user="browser-test", environ={
        "WORKBENCH_DATA_DIR": str(folder / "data"), "WORKBENCH_CORPUS": str(CORPUS)})
    with Store.open(path) as store:
        assert ensure_first_start(store, settings)
    return path


def copy_of(store_file: Path, path: Path) -> Path:
    """A test's own copy of a built SQLite store (the backup API: the copy is whole and consistent)."""
    with contextlib.closing(sqlite3.connect(store_file)) as source, \
            contextlib.closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return path


@pytest.fixture
def running_app(tmp_path, demo_store_file):
    """The app on a copy of the demo store: as after its first start, without doing it again."""
    db = copy_of(demo_store_file, tmp_path / "browser.sqlite3")
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(CORPUS)) as url:
        yield url


@pytest.fixture
def first_start_app(tmp_path):
    """The app on a new store: its first start loads the demo corpus and the shared glossary."""
    with serve_app(tmp_path, WORKBENCH_DB=str(tmp_path / "browser.sqlite3"), WORKBENCH_CORPUS=str(CORPUS)) as url:
        yield url


def _required_chromium() -> str:
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("WORKBENCH_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (WORKBENCH_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed")
    return chromium


def _launch(p, chromium: str):
    return p.chromium.launch(
        executable_path=chromium, headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"])


def test_app_shows_a_demo_document_in_chromium(first_start_app, tmp_path):
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    from workbench.demo import read_manifest

    titles = [d.title for d in read_manifest(CORPUS).documents]
    with sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(first_start_app, wait_until="domcontentloaded")
            page.get_by_role("link", name="Documents").first.click(timeout=60_000)
            try:
                page.wait_for_function(
                    "titles => titles.some(t => document.body.innerText.includes(t))", arg=titles,
                    timeout=60_000)
            except Exception:
                page.screenshot(path=str(tmp_path / "failed.png"), full_page=True)
                raise AssertionError("no demo title visible; page text: " + page.inner_text("body")[:1500])
            shot = tmp_path / "documents.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            # the first journey: align a demo pair; the beads and the reload address appear
            page.get_by_role("link", name="Review").first.click()
            page.get_by_role("button", name="Align", exact=True).click(timeout=60_000)
            page.get_by_text("beads reviewed").first.wait_for(timeout=120_000)
            page.wait_for_url("**alignment=*", timeout=30_000)
            # the beads are drawn after the progress bar, once the glossary marks are computed
            page.locator("mark.wb-ok").first.wait_for(timeout=120_000)   # glossary terms lit
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()


def _shot(page, tmp_path, name: str) -> None:
    """A screenshot kept with the test's files (and copied to WORKBENCH_SCREENSHOTS when set, to look at)."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    if os.environ.get("WORKBENCH_SCREENSHOTS"):
        shutil.copy(path, os.environ["WORKBENCH_SCREENSHOTS"])


def _reviewed(page) -> tuple[int, int]:
    """(reviewed, total) from the progress bar's text."""
    import re

    text = page.get_by_text(re.compile(r"\d+ of \d+ beads reviewed")).first.inner_text()
    done, total = re.search(r"(\d+) of (\d+) beads reviewed", text).groups()
    return int(done), int(total)


def _long_demo_alignment(db) -> tuple[int, int]:
    """The demo's English → German articles joined, aligned sentence by sentence: 100+ beads."""
    from workbench import review
    from workbench.store import Store

    with Store.open(db) as store:
        pairs = [p for p in store.documents.pairs() if (p.source_lang, p.target_lang) == ("en", "de")]
        texts = [[p.text for pair in pairs for p in store.documents.get(getattr(pair, side)).paragraphs]
                 for side in ("source_id", "target_id")]
        aid = review.align_texts(store, *texts, "en", "de", unit="sentence", user="browser-test")
        beads = store.alignments.progress(aid).total
    assert beads >= 100, beads
    return aid, beads


# On the Review page the keys' script holds keys pressed during a run and clicks for them
# later: until its keys are spent and its clicks' runs drawn, the page only looks idle
KEYS_BUSY = "(document.__wbKeysBusy && document.__wbKeysBusy())"


# The app's run is over: its root's script state, not the status widget (drawn only once a run
# has taken 500 ms: a wait on it ended in the first half second of any run)
IDLE = """() => document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state") === "notRunning"
  && !""" + KEYS_BUSY


def _idle(page) -> None:
    """Wait until the app has finished its run and the Review page's keys their work (keys
    pressed during a run may act on stale buttons)."""
    page.wait_for_function(IDLE, timeout=120_000)


# Counts the app's finished runs in the page: the app root's script state going back to
# "notRunning". A widget's rerun starts only when the server answers, so a wait that starts
# right after a click cannot tell "not started yet" from "done" by looking at the page.
COUNT_RUNS = """(() => { window.__wbRuns = 0;
  new MutationObserver(changes => { for (const change of changes) {
    if (change.target.getAttribute("data-test-script-state") === "notRunning"
        && change.oldValue !== "notRunning") window.__wbRuns += 1; } })
  .observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                      attributeFilter: ["data-test-script-state"]}); })();"""
# runs seen by the app root's state, and (on the Review page) the runs whose key script was drawn:
# the root misses a run whose "running" and "done" came in one batch (a key's run waited 15 s)
RUN_COUNT = "((window.__wbRuns ?? 0) + (document.__wbDrawnRuns ?? 0))"
RUNS_PAST = """n => """ + RUN_COUNT + """ > n
  && document.querySelector('[data-testid="stApp"]').getAttribute("data-test-script-state") === "notRunning"
  && !""" + KEYS_BUSY


def count_runs(page) -> None:
    """From the next page load on, count the app's finished runs (see ``run_of``)."""
    page.add_init_script(COUNT_RUNS)


def runs(page) -> int:
    return page.evaluate(RUN_COUNT)


# The page can miss a run: when the server's "running" and "done" come in one batch, the app root
# never shows "running". Up to this long the count is waited for; then an idle page will do.
RUN_SEEN_MS = 15_000


def wait_for_run(page, before: int) -> None:
    """Wait until the run after ``before`` (a ``runs(page)``) is over; if the page shows no such
    run within RUN_SEEN_MS, until the page is idle (the status widget gone)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(RUNS_PAST, arg=before, timeout=RUN_SEEN_MS)
    except PlaywrightTimeout:
        pass
    _idle(page)


def run_of(page, action) -> None:
    """Do ``action`` (one that makes the app run again) and wait until that run has finished."""
    before = runs(page)
    action()
    wait_for_run(page, before)


def settled(page, selector: str) -> None:
    """Wait until the element stops moving (its box the same for 10 frames): scrolling and late
    layout are over, so what a screenshot or a box check sees is what stays."""
    page.wait_for_function("""sel => new Promise(done => {
      let last = "", same = 0;
      const look = () => { const el = document.querySelector(sel); const r = el && el.getBoundingClientRect();
        const now = r ? [r.x, r.y, r.width, r.height].join() : "";
        same = now && now === last ? same + 1 : 0; last = now;
        if (same >= 10) done(true); else requestAnimationFrame(look); };
      look(); })""", arg=selector, timeout=30_000)


def _timed(what: str, start: float, times: list | None = None) -> float:
    took = time.perf_counter() - start
    if times is not None:
        times.append(took)
    print(f"browser timing: {what} {took * 1000:.0f} ms")
    return took


# In the page: from the key press to the frame that shows the progress text and the new current
# bead (both drawn by the run the key started). Polling from the test would add its own delay.
ARM_TIMER = """expected => { window.__wbTimed = new Promise(resolve => {
  let t0 = null;
  document.addEventListener("keydown", () => { t0 = t0 ?? performance.now(); }, {capture: true, once: true});
  const done = () => {
    const bar = document.querySelector('[data-testid="stProgress"]'), bead = document.querySelector('.st-key-wb_current');
    return bar && bar.textContent.includes(expected[0]) && bead && bead.textContent.includes(expected[1]);
  };
  const observer = new MutationObserver(() => {
    if (t0 !== null && done()) { observer.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}); }"""
BEADS_DRAWN = "() => !!document.querySelector('.st-key-wb_current mark')"

ICONS_OK = """() => {
  const icons = [...document.querySelectorAll('button [data-testid="stIconMaterial"]')];
  return {n: icons.length, font: document.fonts.check('24px "Material Symbols Rounded"'),
          narrow: icons.filter(i => i.getBoundingClientRect().width < 8 && i.offsetParent).length,
          raw: document.body.innerText.includes(':material/')};
}"""


def test_keyboard_review_icons_and_timings_in_chromium(running_app, tmp_path):
    """A keyboard-only review of a demo pair from its first to its last bead; the
    buttons' Material icons drawn at 1024 px; one action and one page open timed
    (printed: the machine's load makes tight limits meaningless)."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 900})
            page.goto(running_app, wait_until="domcontentloaded")
            page.get_by_role("button", name="Align", exact=True).click(timeout=90_000)
            page.locator(".st-key-wb_current mark").first.wait_for(timeout=120_000)
            page.wait_for_url("**alignment=*", timeout=30_000)
            page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=30_000)
            icons = page.evaluate(ICONS_OK)
            assert icons["n"] >= 5 and icons["font"] and not icons["narrow"] and not icons["raw"], icons
            _shot(page, tmp_path, "review-1024.png")

            address = page.url
            big, beads = _long_demo_alignment(tmp_path / "browser.sqlite3")
            opens = []
            for attempt in ("first", "second", "third"):   # a fresh session on the address: the page open
                start = time.perf_counter()
                page.goto(f"{running_app}/?alignment={big}", wait_until="domcontentloaded")
                page.wait_for_function(BEADS_DRAWN, timeout=60_000)   # checked on every frame
                _timed(f"page open of a {beads}-bead alignment ({attempt})", start, opens)
            page.goto(address, wait_until="domcontentloaded")
            page.locator(".st-key-wb_current mark").first.wait_for(timeout=60_000)

            _idle(page)
            done, total = _reviewed(page)
            assert done == 0 and total > 1
            page.locator("body").press("Escape")
            times: list[float] = []
            for step in range(total):                   # Enter: confirm the current bead, go to the next
                page.evaluate(ARM_TIMER, [f"{step + 1} of {total} beads reviewed",
                                          f"#{min(step + 1, total - 1)} ·"])
                page.keyboard.press("Enter")
                took = page.evaluate("() => window.__wbTimed") / 1000
                times.append(took)
                print(f"browser timing: confirm-and-next #{step} {took * 1000:.0f} ms")
                if step == 2:
                    _shot(page, tmp_path, "review-keys-1024.png")   # the current bead, scrolled into view
            assert _reviewed(page) == (total, total)
            print(f"browser timing: confirm-and-next over {total} beads: median "
                  f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms (target < 300); "
                  f"page open of {beads} beads: median {statistics.median(opens) * 1000:.0f} ms (target < 2000)")
            _idle(page)   # the last confirm's run drawn (a u pressed during it was lost once under load)
            page.keyboard.press("u")                    # undo the last confirm, by key
            page.get_by_text(f"{total - 1} of {total} beads reviewed").first.wait_for(timeout=30_000)
            page.set_viewport_size({"width": 1400, "height": 900})
            page.wait_for_timeout(500)
            _shot(page, tmp_path, "review-1400.png")
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
