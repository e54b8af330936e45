"""Journeys walked in Chromium at 1024x768, where only a browser shows what a translator
trips over (controls pushed off the screen, state the browser keeps).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import (_idle, _launch, _required_chromium, _shot, count_runs, demo_store_file,  # noqa: F401
                                run_of, running_app, settled)

pytestmark = pytest.mark.browser

SOURCE = ["Dockers in Valencia stop work",
          "On Monday morning the dock workers of Valencia walked out after the port cut the night shift.",
          "By noon more than four hundred workers had joined the picket at the gate."]
TARGET = ["Los estibadores de Valencia paran el trabajo",
          "El lunes por la mañana los trabajadores del puerto de Valencia pararon después de que el puerto "
          "suprimiera el turno de noche.",
          "A mediodía más de cuatrocientos trabajadores se habían sumado al piquete en la puerta."]


def _two_files(tmp_path):
    """A plain-text source and a Word target, as a translator would upload them."""
    import docx

    source = tmp_path / "dockers.en.txt"
    source.write_text("\n\n".join(SOURCE) + "\n", encoding="utf-8")
    target = tmp_path / "estibadores.es.docx"
    document = docx.Document()
    document.add_heading(TARGET[0], 1)
    for paragraph in TARGET[1:]:
        document.add_paragraph(paragraph)
    document.save(str(target))
    return [str(source), str(target)]


CHOOSER_NOW = """() => JSON.stringify({open: !!document.querySelector('.st-key-review_chooser details[open]'),
  tab: [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].map(t => t.innerText),
  chips: document.querySelectorAll('[data-testid="stFileChip"]').length})"""


def _see_the_uploads(page, tmp_path) -> None:
    """Wait for the two files' chips. Once in a fresh-clone run they stayed hidden after the
    upload's run (the chooser folded, or its first tab shown again): what the page and the
    server showed is printed, and she unfolds the chooser and its upload tab again, as she would."""
    try:
        page.get_by_text("estibadores.es.docx").wait_for(timeout=30_000)
        return
    except Exception:
        log = (tmp_path / "streamlit.log").read_text(errors="replace")[-3000:]
        print("the chooser after the upload:", page.evaluate(CHOOSER_NOW), "server log:", log)
    if not page.locator(".st-key-review_chooser details[open]").count():
        run_of(page, lambda: page.get_by_text("Open or align another pair").click())
    page.get_by_role("tab", name="Upload two files").click()
    page.get_by_text("estibadores.es.docx").wait_for(timeout=30_000)


def test_aligning_two_uploads_from_an_open_alignment_shows_the_new_beads_at_1024x768(running_app, tmp_path):
    """With a stored pair open, she unfolds the chooser, uploads a .txt and a .docx and aligns
    them: the chooser folds away and the new alignment's current bead is on the screen
    (the unfolded chooser stayed open and filled the 768 px, every bead below it)."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            count_runs(page)
            page.goto(running_app, wait_until="domcontentloaded")
            page.get_by_role("button", name="Align", exact=True).click(timeout=90_000)
            page.locator(".st-key-wb_current mark").first.wait_for(timeout=120_000)
            page.wait_for_url(re.compile(r"alignment=1$"), timeout=30_000)
            _idle(page)
            page.get_by_text("Open or align another pair").click()
            page.get_by_role("tab", name="Upload two files").click()
            # the uploader hands the app its files in one run once both are sent: a click on
            # "Align" before that run aligns nothing ("Choose exactly two files")
            run_of(page, lambda: page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
                _two_files(tmp_path)))
            _see_the_uploads(page, tmp_path)
            assert page.locator('[data-testid="stFileChip"]').count() == 2
            page.get_by_role("button", name="Align the two files").click()
            page.wait_for_url(re.compile(r"alignment=2$"), timeout=120_000)
            page.locator(".st-key-wb_current").get_by_text("Dockers in Valencia stop work").wait_for(timeout=60_000)
            _idle(page)
            settled(page, ".st-key-wb_current")
            _shot(page, tmp_path, "upload-aligned-1024x768.png")
            assert page.locator(".st-key-review_chooser details[open]").count() == 0
            box = page.locator(".st-key-wb_current").bounding_box()
            assert box is not None and box["y"] < 768 - 100, box     # its text and Accept are on the screen
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
