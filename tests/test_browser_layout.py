"""The pages at a small laptop's 1024x768: the page names sit in the top bar, so the review
columns get the width (the sidebar took 300 px of it and left each text column about 180 px).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import contextlib

import pytest

from tests.test_browser import _idle, _launch, _required_chromium, _shot, serve_app
from workbench import review
from workbench.ingest import ingest_text
from workbench.store import Store

pytestmark = pytest.mark.browser

LAYOUT_DB = "layout.sqlite3"   # the store the page's server uses, in the test's tmp_path


@contextlib.contextmanager
def review_page_at_1024(tmp_path, source: list[str], target: list[str], langs: tuple[str, str] = ("en", "de")):
    """A Chromium page at 1024x768 on the Review of an alignment of ``source`` and ``target``
    (one paragraph each item; English and German unless ``langs`` says), served by a real app."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    db = tmp_path / LAYOUT_DB
    with Store.open(db) as store:
        a, _ = store.documents.add(ingest_text("\n\n".join(source), source_name=f"l.{langs[0]}.txt"), lang=langs[0])
        b, _ = store.documents.add(ingest_text("\n\n".join(target), source_name=f"l.{langs[1]}.txt"), lang=langs[1])
        aid = review.align_pair(store, store.documents.add_pair(a, b, label="layout"), user="test")
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url, sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
            page.goto(f"{url}/?alignment={aid}", wait_until="domcontentloaded")
            page.locator(".st-key-wb_current").wait_for(timeout=90_000)
            _idle(page)
            yield page
        finally:
            browser.close()


PLACES = ["Hamburg", "Bremen", "Kiel", "Rostock", "Lübeck", "Emden", "Wismar", "Stade"]
PORT_SOURCE = [f"In {p} the dockers of the port struck for {n + 2} days and the union called "
               f"{n + 3} meetings of the workers on the quays." for n, p in enumerate(PLACES)]
PORT_TARGET = [f"In {p} streikten die Hafenarbeiter {n + 2} Tage lang, und die Gewerkschaft rief "
               f"{n + 3} Versammlungen der Arbeiter an den Kais ein." for n, p in enumerate(PLACES)]


# every button on the screen whose middle is something else (a toast, a popover) is hidden
# (a folded expander's buttons keep their boxes: they are not on the screen)
HIDDEN_BUTTONS = """() => [...document.querySelectorAll('button')].filter(b => {
    const r = b.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom < 60 || r.top > innerHeight || getComputedStyle(b).visibility !== 'visible'
        || b.closest('details:not([open])'))
        return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && !b.contains(hit);
}).map(b => b.innerText.trim())"""


def test_review_at_1024x768_keys_and_messages_keep_the_beads_on_the_screen(tmp_path):
    """On a 1024x768 screen (one server for three checks that each started their own):
    - the beads get the width and the first bead the first screen: the pair chooser folds away,
      the sidebar is gone (its columns were about 180 px wide);
    - confirm-and-next down the page scrolls the new current bead into view with its text below
      the fixed bar of page names (scrolled to the window's top, it hid there);
    - what an action did is a line in the current bead, and for the 4 s a toast stayed, every button
      stays clickable (the toast in the top right corner covered the current bead's Accept and Merge)."""
    with review_page_at_1024(tmp_path, PORT_SOURCE, PORT_TARGET) as page:
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.count() == 0 or not sidebar.is_visible()
        page.get_by_role("link", name="Glossary").wait_for()          # the pages are still one click away
        column = page.locator(".st-key-wb_current div.wb-bead > div").first.bounding_box()
        assert column["width"] >= 320, column                         # was about 180 px
        card = page.locator(".st-key-wb_current").bounding_box()
        assert card["x"] + card["width"] <= 1024 and card["width"] >= 900, card
        _shot(page, tmp_path, "review-1024-top.png")
        assert page.locator(".st-key-wb_current").bounding_box()["y"] < 600

        bar = page.locator('[data-testid="stHeader"]').bounding_box()
        page.locator("body").press("Escape")   # no field has the focus
        for n in range(1, 5):
            page.keyboard.press("Enter")
            page.get_by_text(f"#{n} · ").first.wait_for(timeout=30_000)
            _idle(page)
            page.wait_for_timeout(1500)   # the page script's reveal runs for up to 1.2 s
            box = page.locator(".st-key-wb_current").bounding_box()
            assert box["y"] >= bar["y"] + bar["height"] - 1, (n, box, bar)
            assert box["y"] < 768, (n, box)
        _shot(page, tmp_path, "review-1024-scrolled.png")

        current = page.locator(".st-key-wb_current")
        current.locator("textarea").fill("Die Hafenarbeiter von Lübeck streikten.")
        _idle(page)   # on a loaded machine a click during a run can land on a button being redrawn
        current.get_by_role("button", name="Save target").click()
        page.get_by_text("Saved the target of #4.").wait_for(timeout=60_000)
        _idle(page)
        _shot(page, tmp_path, "review-1024-after-save.png")
        assert page.evaluate(HIDDEN_BUTTONS) == []
        assert current.get_by_text("Saved the target of #4.").is_visible()
        assert page.locator('[data-testid="stToast"]').count() == 0
        page.keyboard.press("Escape")
        page.keyboard.press("u")
        page.locator(".st-key-wb_current").get_by_text("#4 · ").wait_for(timeout=30_000)
        _idle(page)
        assert page.evaluate(HIDDEN_BUTTONS) == []

        page.get_by_text("Open or align another pair").click()
        page.get_by_role("button", name="Align anew").first.wait_for(timeout=30_000)
        _shot(page, tmp_path, "review-1024.png")
