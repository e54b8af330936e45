"""Journey 1 walked in Chromium by a translator who works a whole document by keyboard only:
open a saved alignment, j/k/n, a, e to edit, Enter/Esc, m/s, export. At 1280x900 and 1024x768,
screenshots kept (WORKBENCH_SCREENSHOTS copies them to look at), the repeated actions timed
(printed: the machine's load makes tight limits meaningless).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import pytest

from tests.test_browser import (_idle, _launch, _required_chromium, _shot, count_runs, runs, serve_app, settled,
                                wait_for_run)
from tests.test_review_journey15 import stored_alignment
from workbench import review
from workbench.store import Store

pytestmark = pytest.mark.browser

USER = "browser-test"   # the app's user in serve_app


def _current(page):
    return page.locator(".st-key-wb_current")


def _meta(page) -> str:
    return _current(page).locator(".wb-meta").first.inner_text()


def _no_traceback(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")[:2000]


def _on_screen(page, height: int) -> None:
    """The current bead is drawn whole inside the window."""
    settled(page, ".st-key-wb_current")
    box = _current(page).bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box


def _two_alignments(db) -> tuple[int, int]:
    """(one where she confirmed #0-#5 and stopped at #6, one she worked on after it)."""
    first, second = stored_alignment(db), stored_alignment(db)
    with Store.open(db) as store:
        review.accept_many(store, first, list(range(6)), USER)
        review.accept(store, second, 0, USER)
    return first, second


def _app_page(browser, url: str, width: int = 1024, height: int = 768):
    page = browser.new_page(viewport={"width": width, "height": height})
    count_runs(page)
    page.goto(url, wait_until="domcontentloaded")
    _current(page).locator("textarea").wait_for(timeout=120_000)
    _idle(page)
    return page


@pytest.fixture
def two_alignments_app(tmp_path):
    """The app on a store of two upload alignments (no demo corpus), and their ids."""
    db = tmp_path / "journey16.sqlite3"
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    ids = _two_alignments(db)
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url:
        yield url, db, ids


def test_open_saved_alignment_lands_on_her_bead_scrolled_into_view(two_alignments_app, tmp_path):
    """From the chooser's Saved alignments she opens the article she stopped in at #6: it opens
    at #6, on the 768 px screen (it opened at #0's page top, or at the first unreviewed bead)."""
    url, db, (first, second) = two_alignments_app
    with __import__("playwright.sync_api").sync_api.sync_playwright() as p:
        browser = _launch(p, _required_chromium())
        try:
            page = _app_page(browser, url)
            assert _meta(page).startswith("#1 ·"), _meta(page)      # the one worked on last
            page.get_by_text("Open or align another pair").click()
            page.get_by_role("tab", name="Saved alignments").click()
            page.get_by_role("combobox", name="Alignment").click()
            page.get_by_role("option", name=f"{first} · Dockers · sentence · 6/8 reviewed").click()
            _idle(page)
            before = runs(page)
            page.locator(".st-key-review_open_saved button").click()
            wait_for_run(page, before)
            _current(page).locator(f'[class*="st-key-edit-{first}-6-"]').wait_for(timeout=60_000)
            _on_screen(page, 768)
            _shot(page, tmp_path, "j16-open-saved-1024x768.png")
            _no_traceback(page)
        finally:
            browser.close()
