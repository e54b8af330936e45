"""Journey 1 walked in Chromium with fresh eyes: a translator uploads an English article as it
comes out of a PDF (hard-wrapped, a hyphen lost at a line end, a headline over two lines) and its
Spanish translation (two paragraphs merged into one, one sentence left out), fixes the alignment
(merge, split, move), edits a target, accepts beads with the keys, exports TMX and XLIFF and checks
them against the screen, stops the app and starts it again: everything as she left it.
At 1280x900 and 1024x768, screenshots kept (WORKBENCH_SCREENSHOTS copies them to look at), the
repeated actions timed (printed: the machine's load makes tight limits meaningless).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import re
import statistics
import time

import pytest

from tests.conftest import CORPUS
from tests.test_review_journey15 import ARTICLE, TRANSLATION, stored_alignment
from tests.test_browser import (ARM_TIMER, _reviewed, _launch, _required_chromium, _shot, count_runs, run_of, runs,
                                serve_app, settled, wait_for_run)

pytestmark = pytest.mark.browser

VIEWPORTS = [(1280, 900), (1024, 768)]
EDITS = ["volviera", "se restableciera", "regresara", "vuelva", "se restablezca", "regrese"]   # her tries

def _files(tmp_path) -> list[str]:
    paths = {"dockers.en.txt": ARTICLE, "estibadores.es.txt": TRANSLATION}
    for name, text in paths.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in paths]


def _current(page):
    return page.locator(".st-key-wb_current")


def _new_page(browser, **options):
    """A page of a context of its own that counts the app's runs (see test_browser.wait_for_run)."""
    page = browser.new_context(**options).new_page()
    count_runs(page)
    return page


def _opened(page, address: str) -> None:
    """Go to ``address`` and wait for the app's first run there to end."""
    page.goto(address, wait_until="domcontentloaded")
    wait_for_run(page, 0)


def _no_traceback(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")[:2000]


def _shots(page, tmp_path, name: str) -> None:
    """The same screen at both sizes."""
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        settled(page, ".st-key-wb_current")      # laid out again at the new width
        _shot(page, tmp_path, f"j15-{name}-{width}.png")


def _upload(page, tmp_path) -> None:
    page.get_by_text("Open or align another pair").click()
    page.get_by_role("tab", name="Upload two files").click()
    # the uploader hands the app its files in one run: a click on Align before it aligns nothing
    run_of(page, lambda: page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        _files(tmp_path)))
    page.get_by_text("estibadores.es.txt").wait_for(timeout=30_000)
    run_of(page, lambda: page.locator(".st-key-review_unit_up").get_by_text("sentence").click())
    before = runs(page)
    page.get_by_role("button", name="Align the two files").click()
    _current(page).get_by_text("Dockers of the northern port").wait_for(timeout=120_000)
    wait_for_run(page, before)


def _act(page, action, appears: str, times: list | None = None, what: str = "") -> float:
    """Do ``action`` (a key, or a callable) and wait until the current bead shows ``appears``
    (a regex) and the app is idle; the time taken is kept in ``times``."""
    start, before = time.perf_counter(), runs(page)
    page.keyboard.press(action) if isinstance(action, str) else action()
    _current(page).get_by_text(re.compile(appears)).first.wait_for(timeout=60_000)
    wait_for_run(page, before)
    took = time.perf_counter() - start
    if times is not None:
        times.append(took)
    print(f"browser timing: {what or action} {took * 1000:.0f} ms")
    return took


ON_SCREEN = """() => { const box = document.querySelector(".st-key-wb_current").getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight; }"""


def _meta(page) -> str:
    return _current(page).locator(".wb-meta").first.inner_text()


def _dump(page, label: str) -> None:
    print(f"---- {label}")
    for bead in page.locator(".wb-bead").all():
        meta = bead.locator("xpath=following-sibling::div[1]").inner_text()
        print(meta, "|", " || ".join(s.inner_text() for s in bead.locator(".wb-seg").all()))


def _accept_all_but(page, left: int, times: list) -> None:
    """Confirm the unconfirmed beads with n and Enter until ``left`` remain, timing Enter in the page
    (from the key press to the frame that shows the new count)."""
    done, total = _reviewed(page)
    while done < total - left:
        _act(page, "n", r"· auto", what="next unconfirmed (n)")
        page.evaluate(ARM_TIMER, [f"{done + 1} of {total} beads reviewed", ""])
        before = runs(page)
        page.keyboard.press("Enter")
        took = page.evaluate("() => window.__wbTimed") / 1000
        times.append(took)
        print(f"browser timing: accept+next (Enter) {took * 1000:.0f} ms")
        wait_for_run(page, before)
        done, total = _reviewed(page)


def _export(page, tmp_path, label: str) -> str:
    page.get_by_role("button", name="Export").click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label, exact=True).click()
    path = tmp_path / "downloads" / info.value.suggested_filename
    path.parent.mkdir(exist_ok=True)
    info.value.save_as(str(path))
    page.keyboard.press("Escape")
    return path.read_text(encoding="utf-8")


def _screen_beads(page) -> list[tuple[str, str, str]]:
    """(meta, source, target) of every bead drawn."""
    out = []
    for bead in page.locator(".wb-bead").all():
        meta = bead.locator("xpath=following-sibling::div[1]").inner_text()
        out.append((meta, *(s.inner_text() for s in bead.locator(".wb-seg").all())))
    return out


def _tmx_pairs(text: str) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(text.encode())
    return [tuple("".join(tuv.find("seg").itertext()) for tuv in tu.findall("tuv")) for tu in root.iter("tu")]


def _save_target(page, db, text: str, times: list) -> None:
    """Click Save target; time it until the bead's text shows ``text``; check the store has it
    and the new editor holds it (the next edit types into that one)."""
    from playwright.sync_api import expect

    start, before = time.perf_counter(), runs(page)
    _current(page).get_by_role("button", name="Save target").click()
    _current(page).locator(".wb-seg", has_text=text).wait_for(timeout=60_000)
    wait_for_run(page, before)
    times.append(time.perf_counter() - start)
    print(f"browser timing: edit-save {times[-1] * 1000:.0f} ms")
    _saved(db, 4, text)
    expect(_current(page).locator("textarea")).to_have_value(text, timeout=30_000)


def _saved(db, position: int, text: str) -> None:
    """The store holds ``text`` as the target of the upload's bead ``position`` (within 10 s)."""
    from workbench.store import Store

    for _ in range(50):
        with Store.open(db) as store:
            aid = store.alignments.list()[-1].id
            if store.alignments.bead_at(aid, position).edited_target == text:
                return
        time.sleep(0.2)
    raise AssertionError(f"not saved: {text!r}")


def _xliff_pairs(text: str) -> list[tuple[str, str]]:
    from workbench.formats.xliff import read_pairs

    return [(u.text("en"), u.text("es")) for u in read_pairs(text.encode(), "export.xlf").units]


def test_journey1_upload_fix_edit_export_and_come_back(tmp_path):
    from playwright.sync_api import sync_playwright

    db = tmp_path / "journey.sqlite3"
    env = dict(WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(CORPUS))
    times: dict[str, list] = {"accept+next": [], "merge": [], "split": [], "edit-save": [], "move": []}
    with sync_playwright() as p:
        browser = _launch(p, _required_chromium())
        try:
            with serve_app(tmp_path, **env) as url:
                page = _new_page(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
                _opened(page, url)
                before = runs(page)
                page.get_by_role("button", name="Align", exact=True).click(timeout=90_000)
                _current(page).locator("mark").first.wait_for(timeout=120_000)
                wait_for_run(page, before)
                _shots(page, tmp_path, "demo-pair")
                _upload(page, tmp_path)
                _no_traceback(page)
                _shots(page, tmp_path, "uploaded")
                _dump(page, "uploaded")
                page.locator("body").press("Escape")
                _act(page, "l", r"#7 · 2-1", what="next doubtful (l)")
                _shots(page, tmp_path, "low-bead")
                _act(page, "s", r"#7 · 1-1", times["split"])
                _dump(page, "split 7")
                _shots(page, tmp_path, "split-7")
                for n in range(3):
                    _act(page, "k", rf"#{6 - n} ·", what="previous (k)")
                for _ in range(3):
                    _act(page, "m", r"#4 · 2-2", times["merge"])
                    _act(page, "s", r"#4 · 1-1", times["split"])
                _shots(page, tmp_path, "merged-split-4")
                _act(page, "]", r"#4 · 1-0", times["move"])
                _shots(page, tmp_path, "moved-4")
                _act(page, "j", r"#5 ·", what="next (j)")
                _act(page, "[", r"#5 · 1-1", times["move"])
                _act(page, "k", r"#4 · 1-1", what="previous (k)")
                _dump(page, "fixed")
                for n, word in enumerate(EDITS):
                    page.keyboard.press("e")
                    page.keyboard.press("Control+a")
                    page.keyboard.type(f"Votaron seguir en huelga hasta que {word} el turno de noche.")
                    _save_target(page, db, f"Votaron seguir en huelga hasta que {word} el turno de noche.",
                                 times["edit-save"])
                _shots(page, tmp_path, "edited-4")
                page.keyboard.press("Escape")
                _accept_all_but(page, 2, times["accept+next"])
                _shots(page, tmp_path, "accepted")
                screen = _screen_beads(page)
                _dump(page, "before export")
                shown = [(source, target) for meta, source, target in _screen_beads(page) if "accepted" in meta]
                assert _tmx_pairs(_export(page, tmp_path, "TMX")) == shown
                assert _xliff_pairs(_export(page, tmp_path, "XLIFF")) == shown
                left_at, reviewed = _meta(page), _reviewed(page)
                print("left at", left_at, page.url)
            with serve_app(tmp_path, **env) as url:      # tomorrow: the app started again
                page = _new_page(browser, viewport={"width": 1024, "height": 768})
                _opened(page, url)
                _current(page).wait_for(timeout=120_000)
                assert _meta(page).split(" · ")[0] == left_at.split(" · ")[0]     # where she left off
                # and on the screen, once the page has scrolled to it (before the screenshots
                # resize the window: a scroll at 1280x900 left it under the 768 px screen)
                page.wait_for_function(ON_SCREEN, timeout=30_000)
                _shots(page, tmp_path, "tomorrow")
                print("tomorrow at", _meta(page), page.url)
                _dump(page, "tomorrow")
                assert _reviewed(page) == reviewed
                assert [(source, target) for meta, source, target in _screen_beads(page)
                        if "accepted" in meta] == shown
            for what, took in times.items():
                if took:
                    print(f"browser timing: {what} median {statistics.median(took) * 1000:.0f} ms "
                          f"({', '.join(f'{t * 1000:.0f}' for t in took)})")
        finally:
            browser.close()


def test_typing_on_after_the_editor_lost_the_focus_is_no_shortcut(tmp_path):
    """Typing a target, she went on while the page redrew the editor under her (right after a
    save): the focus fell to the page and her letters became shortcuts: "a" accepted the bead and
    went to the next, "n" jumped on, "s" split, "m" merged. Letters typed on within a moment
    of typing in the editor go back into it, with what she had typed."""
    from playwright.sync_api import expect, sync_playwright

    db = tmp_path / "typing.sqlite3"
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    aid = stored_alignment(db)
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url, \
            sync_playwright() as p:
        browser = _launch(p, _required_chromium())
        try:
            page = _new_page(browser, viewport={"width": 1024, "height": 768})
            _opened(page, f"{url}/?alignment={aid}")
            _current(page).locator("textarea").wait_for(timeout=120_000)
            before = _reviewed(page)
            editor = _current(page).locator("textarea")
            editor.click()
            page.keyboard.press("Control+a")
            page.keyboard.type("Los estibadores del norte paran. Vot")
            started = runs(page)
            editor.evaluate("e => e.blur()")        # what the redraw did to the focus (the blur sends the text: a run)
            page.keyboard.type("aron")              # as shortcuts, "a" and "n" would click within the same run
            wait_for_run(page, started)
            assert _reviewed(page) == before and _meta(page).startswith("#0 ·"), _meta(page)
            # the letters typed during the blur's run wait for its end, then go into the editor
            expect(_current(page).locator("textarea")).to_have_value("Los estibadores del norte paran. Votaron",
                                                                   timeout=10_000)
            _shot(page, tmp_path, "j15-typing-kept-1024.png")
            _current(page).get_by_role("button", name="Save target").click()     # and it is saved
            _current(page).locator(".wb-seg", has_text="paran. Votaron").wait_for(timeout=30_000)
        finally:
            browser.close()
