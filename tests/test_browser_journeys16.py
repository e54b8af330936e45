"""Journey 1 walked in Chromium by a translator who works a whole document by keyboard only:
open a saved alignment, j/k/n, a, e to edit, Enter/Esc, m/s, export. At 1280x900 and 1024x768,
screenshots kept (WORKBENCH_SCREENSHOTS copies them to look at), the repeated actions timed
(printed: the machine's load makes tight limits meaningless).

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import contextlib

import pytest

from tests.test_browser import (_idle, _launch, _reviewed, _required_chromium, _shot, count_runs, runs, serve_app,
                                settled, wait_for_run)
from tests.test_review_journey15 import TARGET_SENTENCES, stored_alignment
from workbench import review
from workbench.app import keys
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


def _press_each(page, text: str) -> None:
    """Type ``text`` key by key as a keyboard does: a key press for each letter (keyboard.type
    sends a letter off Playwright's US layout, such as á, as text with no key press; here it is
    a key press of the browser's own, as from a Spanish keyboard)."""
    browser_keys = page.context.new_cdp_session(page)
    for char in text:
        if char.isascii():
            page.keyboard.press("Space" if char == " " else char)
        else:
            browser_keys.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "text": char})
            browser_keys.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
        page.wait_for_timeout(25)
    browser_keys.detach()


def _two_alignments(db) -> tuple[int, int]:
    """(one where she confirmed #0-#5 and stopped at #6, one she worked on after it)."""
    first, second = stored_alignment(db), stored_alignment(db)
    with Store.open(db) as store:
        review.accept_many(store, first, list(range(6)), USER)
        review.accept(store, second, 0, USER)
    return first, second


def _app_page(browser, url: str, width: int = 1024, height: int = 768, socket=None):
    page = browser.new_page(viewport={"width": width, "height": height})
    count_runs(page)
    if socket is not None:
        socket.route(page)
    page.goto(url, wait_until="domcontentloaded")
    _current(page).locator("textarea").wait_for(timeout=120_000)
    _idle(page)
    return page


@pytest.fixture
def app_on(tmp_path):
    """Serves the app on a store that ``fill(database)`` makes (no demo corpus); called with
    ``fill``, it gives (address, database, what ``fill`` returned)."""
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    with contextlib.ExitStack() as servers:
        def serve(fill):
            db = tmp_path / "journey16.sqlite3"
            made = fill(db)
            url = servers.enter_context(serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)))
            return url, db, made
        yield serve


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p, _required_chromium())
        try:
            yield browser
        finally:
            browser.close()


FOCUSED = "() => document.activeElement.innerText.trim() === %r || document.activeElement.ariaLabel === %r"


def _focused(page, name: str) -> None:
    page.wait_for_function(FOCUSED % (name, name), timeout=10_000)


WHAT_THE_BOX_SHOWS = """() => { const active = document.activeElement;
  return JSON.stringify({active: active && active.outerHTML.slice(0, 300), value: active && active.value,
    options: [...document.querySelectorAll('[role="option"]')].map(o => o.innerText),
    listbox: !!document.querySelector('[role="listbox"]'),
    state: document.querySelector('[data-testid="stApp"]').getAttribute("data-test-script-state"),
    runs: window.__wbRuns, queue: document.__wbQueue, choosing: document.__wbChoosing}); }"""


def _narrow(page, box, typed: str, option: str) -> None:
    """Type ``typed`` into the focused ``box`` and wait for its list to show ``option``. On a loaded
    machine the list once never showed it (in one fresh-clone run): what the box showed then is
    printed and she types it again, as she would."""
    page.keyboard.type(typed)
    try:
        page.get_by_role("option", name=option).wait_for(timeout=10_000)
        return
    except Exception:
        print("the box's list after typing:", page.evaluate(WHAT_THE_BOX_SHOWS))
    box.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(typed)
    try:
        page.get_by_role("option", name=option).wait_for(timeout=20_000)
    except Exception as error:
        raise AssertionError(page.evaluate(WHAT_THE_BOX_SHOWS)) from error


def test_open_saved_alignment_lands_on_her_bead_scrolled_into_view(app_on, chromium, tmp_path):
    """From the chooser's Saved alignments she opens the article she stopped in at #6: it opens
    at #6, on the 768 px screen (it opened at #0's page top, or at the first unreviewed bead).
    By keyboard: Open saved alignment took 16 Tabs and an Enter (to unfold the chooser); o unfolds
    it with its open tab focused (with a stored pair, its Open saved alignment), Esc folds it and
    the keys go on."""
    url, db, (first, second) = app_on(_two_alignments)
    page = _app_page(chromium, url)
    assert _meta(page).startswith("#1 ·"), _meta(page)      # the one worked on last
    page.keyboard.press("o")
    _focused(page, "Stored pair")                           # no stored pair here: its tab
    page.keyboard.press("Escape")
    page.locator(".st-key-review_chooser details:not([open])").wait_for(timeout=10_000)
    before = runs(page)
    page.keyboard.press("j")
    wait_for_run(page, before)
    assert _meta(page).startswith("#2 ·"), _meta(page)
    page.keyboard.press("o")
    _focused(page, "Stored pair")
    for key in ("ArrowRight", "ArrowRight", "Tab"):        # the Saved alignments tab, its box
        page.keyboard.press(key)
    _focused(page, "Alignment")
    _narrow(page, page.locator(".st-key-review_saved_box input"), "6/8 reviewed",
            f"{first} · Dockers · sentence · 6/8 reviewed")
    before = runs(page)
    page.keyboard.press("Enter")
    # she sees her choice in the box before she opens it (in three fresh-clone runs the Open that
    # followed at once opened the alignment already open: the choice's own run was under way)
    page.wait_for_function(f"() => document.querySelector('.st-key-review_saved_box input').value"
                           f".startsWith('{first} ·')", timeout=10_000)
    wait_for_run(page, before)
    page.keyboard.press("Tab")
    _focused(page, "Open")
    before = runs(page)
    page.keyboard.press("Enter")
    wait_for_run(page, before)
    try:
        _current(page).locator(f'[class*="st-key-edit-{first}-6-"]').wait_for(timeout=60_000)
    except Exception as error:   # what the page and the server showed instead
        log = (tmp_path / "streamlit.log").read_text(errors="replace")[-3000:]
        raise AssertionError(f"{page.url} {_meta(page)} {page.evaluate(WHAT_THE_BOX_SHOWS)}\n"
                             f"server log: {log}") from error
    _on_screen(page, 768)
    _shot(page, tmp_path, "j16-open-saved-1024x768.png")
    _no_traceback(page)


class HeldClick:
    """The app's connection routed through the test: ``hold(button)`` keeps the message of the
    next click of the key button ``button`` from the server until ``release()``; the server's
    messages pass as they are."""

    def __init__(self):
        self.server, self.wanted, self.held = None, None, []

    def route(self, page) -> None:
        page.route_web_socket("**/_stcore/stream", self._connect)

    def _connect(self, socket) -> None:
        self.server = socket.connect_to_server()
        socket.on_message(self._from_page)

    def _from_page(self, message) -> None:
        data = message if isinstance(message, bytes) else message.encode()
        if self.wanted is not None and self.wanted in data:   # the click: its widget's key in the message
            self.wanted = None
            self.held.append(message)
        else:
            self.server.send(message)

    def hold(self, button: str) -> None:
        self.wanted = button.encode()

    def release(self) -> None:
        assert self.held, "the click was not sent"
        self.server.send(self.held.pop())


# the page has stayed idle for 20 frames (a key script that took it for the click's page has
# acted on it by then), or the held keys are spent
IDLE_A_WHILE = """() => {
  const idle = document.querySelector('[data-testid="stApp"]').getAttribute("data-test-script-state") === "notRunning";
  window.__idleLooks = idle ? (window.__idleLooks || 0) + 1 : 0;
  return idle && (window.__idleLooks > 20 || !(document.__wbQueue || []).length); }"""

BUTTON_OF = {key: shortcut.button for shortcut in keys.SHORTCUTS for key in shortcut.keys}

# (the key, what she types at once after it with e (nothing: no e), the bead then current, its target before)
TYPED_DURING_REDRAWS = [
    ("m", " (junta)", "#0 · 2-2", f"{TARGET_SENTENCES[0]} {TARGET_SENTENCES[1]}"),
    ("j", " sin más", "#1 · 1-1", TARGET_SENTENCES[2]),
    ("Enter", " al salir", "#2 · 1-1", TARGET_SENTENCES[3]),
    ("l", "", "#6 · 2-1", TARGET_SENTENCES[7]),      # no typing: split is refused while a typed target is unsaved
    ("s", " (sola)", "#6 · 1-1", TARGET_SENTENCES[7]),
]


def test_e_and_letters_typed_while_a_key_redraws_the_page_land_in_the_new_current_editor(app_on, chromium,
                                                                                         tmp_path):
    """She presses a key (m, j, Enter, l, s) and at once e and her words, while the page is still
    being redrawn: e focused the old page's editor, which the redraw replaced. Her letters were
    lost, or became shortcuts (a accepted a bead and moved on, n and l jumped, s split), or the
    new editor's text was replaced by the letters typed after the redraw. Keys pressed during a
    redraw now wait for it and act in order on the new page: her words end the new current
    bead's target, nothing else happens, and leaving the bead saves them.
    Where Esc leaves the words she typed (after j and Enter), Esc starts a run (the editor's
    text sent) and the key's click comes while it runs: the click is held from the server until
    that run is over, as on a loaded machine. The key script took the page of Esc's run, still
    of the bead she was leaving, for the click's, and typed her e and words into its editor,
    which the click's run then took away: her words were lost. They wait for the click's run."""
    from playwright.sync_api import expect

    url, db, aid = app_on(stored_alignment)
    socket = HeldClick()
    page = _app_page(chromium, f"{url}/?alignment={aid}", socket=socket)
    reviewed, left_typed = [], False
    for key, typed, bead, target in TYPED_DURING_REDRAWS:
        page.keyboard.press("Escape")
        before = runs(page)
        held = left_typed and bool(typed)
        if held:
            socket.hold(BUTTON_OF[key])
        page.keyboard.press(key)
        if typed:
            page.keyboard.press("e")
            _press_each(page, typed)
        if held:
            page.wait_for_function(IDLE_A_WHILE, timeout=30_000)   # Esc's run over, the click not yet run
            socket.release()
        left_typed = bool(typed)
        wait_for_run(page, before)
        expect(_current(page).locator("textarea")).to_have_value(target + typed, timeout=15_000)
        assert _meta(page).startswith(bead), (key, _meta(page))
        reviewed.append(_reviewed(page))
        _shot(page, tmp_path, f"j16-typed-after-{key}-1024x768.png") if key == "j" else None
    _no_traceback(page)
    # each bead she left (j, Enter, l) saved her words; the last is typed, unsaved
    with Store.open(db) as store:
        saved = {b.position: b.edited_target for b in store.alignments.beads(aid) if b.edited_target}
    assert saved == {0: f"{TARGET_SENTENCES[0]} {TARGET_SENTENCES[1]} (junta)",
                     1: TARGET_SENTENCES[2] + " sin más", 2: TARGET_SENTENCES[3] + " al salir"}, saved
    # m confirms #0, j's save of it adds none, Enter confirms #1, l's save #2, s both halves of #6;
    # no letter accepted a bead
    assert [r[0] for r in reviewed] == [1, 1, 2, 3, 5], reviewed


def test_enter_on_the_save_target_button_she_tabbed_to_saves_there(app_on, chromium, tmp_path):
    """Keyboard only: e, her words, Tab to Save target, Enter. Enter on the focused button was
    taken as the page's shortcut: the current bead was confirmed and left (and, with typing
    held, Enter became a new line in the editor). It presses the button: the target is saved,
    the bead stays the current one."""
    url, db, aid = app_on(stored_alignment)
    page = _app_page(chromium, f"{url}/?alignment={aid}")
    page.keyboard.press("e")
    _press_each(page, " hoy")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.innerText").strip().endswith("Save target")
    before = runs(page)
    page.keyboard.press("Enter")
    _current(page).locator(".wb-seg", has_text="noche hoy").wait_for(timeout=30_000)
    wait_for_run(page, before)
    assert _meta(page).startswith("#0 ·") and "human" in _meta(page), _meta(page)
    with Store.open(db) as store:
        assert store.alignments.bead_at(aid, 0).edited_target == TARGET_SENTENCES[0] + " hoy"
    _shot(page, tmp_path, "j16-tab-save-1024x768.png")
    _no_traceback(page)


def test_x_opens_export_with_tmx_focused_and_enter_downloads_it(app_on, chromium, tmp_path):
    """Keyboard only, the export: the Export menu took 39 Tabs from the current bead to reach,
    and Tab from it went on through the beads, not into its formats (drawn at the end of the
    page). x opens it with TMX focused; Enter downloads; Esc closes it and the keys go on."""
    url, db, aid = app_on(stored_alignment)
    page = chromium.new_context(viewport={"width": 1024, "height": 768}, accept_downloads=True).new_page()
    count_runs(page)
    page.goto(f"{url}/?alignment={aid}", wait_until="domcontentloaded")
    _current(page).locator("textarea").wait_for(timeout=120_000)
    wait_for_run(page, 0)
    before = runs(page)
    page.keyboard.press("a")                       # #0 accepted, #1 current
    wait_for_run(page, before)
    page.keyboard.press("x")
    page.wait_for_function("() => document.activeElement.innerText.trim() === 'TMX'", timeout=10_000)
    _shot(page, tmp_path, "j16-export-x-1024x768.png")
    with page.expect_download(timeout=30_000) as download:
        page.keyboard.press("Enter")
    tmx = download.value.path().read_text(encoding="utf-8")
    assert tmx.count("<tu>") + tmx.count("<tu ") == 1 and TARGET_SENTENCES[0] in tmx, tmx[:500]
    page.keyboard.press("Escape")
    page.locator('[data-testid="stPopoverBody"]').wait_for(state="hidden", timeout=10_000)
    before = runs(page)
    page.keyboard.press("j")
    wait_for_run(page, before)
    assert _meta(page).startswith("#2 ·"), _meta(page)
    _no_traceback(page)


LONG_ADDRESS = "https://example.org/huelga?texto=" + "%20".join(["estibadores"] * 16)   # no hyphen to break at


def _alignment_with_a_long_address(db) -> int:
    """A target whose sentence ends in a web address with no space in it (a model's output, or
    an article that cites its source)."""
    source = ["The dockers published their demands on their own site."]
    target = [f"Los estibadores publicaron sus demandas en {LONG_ADDRESS}"]
    with Store.open(db) as store:
        return store.alignments.create(unit="sentence", src_lang="en", tgt_lang="es", source_segments=source,
                                       target_segments=target, beads=[review.NewBead((0,), (0,), 0.98)],
                                       provenance={}, title="Address", user="tester")


def test_a_word_longer_than_its_column_wraps_inside_the_bead(app_on, chromium, tmp_path):
    """A long address in the target breaks inside its column: it ran past the column, under the
    bead's Accept/Merge/Unalign buttons, at 1024x768 and 1280x900."""
    url, db, aid = app_on(_alignment_with_a_long_address)
    for width, height in ((1024, 768), (1280, 900)):
        page = _app_page(chromium, f"{url}?alignment={aid}", width, height)
        sides = _current(page).locator("div.wb-seg")
        assert sides.count() == 2
        for k in range(2):
            overflow = sides.nth(k).evaluate("el => el.scrollWidth - el.clientWidth")
            assert overflow <= 0, (width, k, overflow)
        source_box, target_box = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
        assert abs(source_box["width"] - target_box["width"]) < 2, (width, source_box, target_box)
        _shot(page, tmp_path, f"j16-long-address-{width}x{height}.png")
        _no_traceback(page)
        page.close()
