"""The Translate page in Chromium at 1024x768 and 1280x900: a finished job's downloads stay
clickable while the pointer rests on any button (a hover help is drawn above its button, and
the export button's help covered the download of the machine translation above it).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import io

import pytest

from tests.test_browser import _idle, _launch, _required_chromium, _shot, serve_app
from tests.tinyargos import argos_environ, build_package
from workbench import review
from workbench.ingest import ingest_bytes
from workbench.library import store_document
from workbench.store import Store

pytestmark = pytest.mark.browser

# the download buttons (and any other button with a label) whose middle is under something else
COVERED_BUTTONS = """() => [...document.querySelectorAll('button')].filter(b => {
    const r = b.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom < 60 || r.top > innerHeight || !b.innerText.trim()
        || getComputedStyle(b).visibility !== 'visible')
        return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && !b.contains(hit);
}).map(b => b.innerText.trim())"""


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("The dockers strike", level=1)
    document.add_paragraph("The workers of the port met on Monday and voted to strike.")
    document.add_paragraph("The union asked for patience, but the assembly refused.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the multiselect labelled ``label``."""
    page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input").click()
    page.get_by_role("option", name=option).click()
    page.keyboard.press("Escape")
    _idle(page)


def _hover_every_button(page) -> dict[str, list[str]]:
    """For each labelled button on the screen: the buttons covered while the pointer rests on it."""
    covered = {}
    # a table's toolbar buttons come and go with the pointer over the table: the list is taken
    # with the pointer away and without them (it held one more button when the pointer rested
    # on the results table, and the loop then waited for a button that had gone)
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    for button in page.locator('[data-testid="stMain"] button:not([data-testid="stElementToolbar"] button)').all():
        name = button.inner_text().strip()
        if not name or not button.is_visible():
            continue
        button.scroll_into_view_if_needed()
        button.hover()
        page.wait_for_timeout(700)          # a help appears after a short delay
        covered[name] = page.evaluate(COVERED_BUTTONS)
    return covered


def test_no_hover_help_covers_a_download_of_a_finished_job(tmp_path):
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    argos = argos_environ(tmp_path / "argos")
    build_package(argos["ARGOS_PACKAGES_DIR"], "en", "es")
    db = tmp_path / "translate.sqlite3"
    with Store.open(db) as store:
        store_document(store, ingest_bytes(_docx(), "dockers.docx"), "en", original=_docx())
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty), **argos) as url, \
            sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
            page.goto(f"{url}/translate", wait_until="domcontentloaded")
            page.get_by_role("button", name="Start or resume translation").wait_for(timeout=90_000)
            _idle(page)
            _pick(page, "Documents", "The dockers strike")
            _pick(page, "To", "es")
            page.get_by_role("button", name="Start or resume translation").click()
            page.get_by_text("segments (new job)").wait_for(timeout=120_000)
            _idle(page)
            with Store.open(db) as store:   # she post-edited it (the export offers only what was)
                [item] = store.jobs.items(1)
                review.accept(store, store.alignments.latest(item.pair_id, "paragraph"), 0, "ana")
            page.get_by_role("button", name="Export the post-edited documents").click()
            page.get_by_role("button", name="Download dockers.es.docx (post-edited)").wait_for(timeout=60_000)
            _idle(page)
            for width, height in ((1024, 768), (1280, 900)):
                page.set_viewport_size({"width": width, "height": height})
                covered = _hover_every_button(page)
                _shot(page, tmp_path, f"translate-{width}.png")
                assert "Download dockers.es.docx" in covered and "Export the post-edited documents" in covered
                assert {name: found for name, found in covered.items() if found} == {}, width
            # F5: a new session keeps her picks and the job's downloads (the address holds them)
            assert "job=1" in page.url and "to=es" in page.url
            page.reload(wait_until="domcontentloaded")
            page.get_by_text("segments (finished)").wait_for(timeout=90_000)
            page.get_by_role("button", name="Download dockers.es.docx").wait_for(timeout=60_000)
            picks = page.locator('[data-testid="stMultiSelect"]')
            assert "The dockers strike" in picks.filter(has_text="Documents").inner_text()
            assert "es" in picks.filter(has_text="To").inner_text().split()
            _shot(page, tmp_path, "translate-reloaded.png")
        finally:
            browser.close()
