"""Two named translators on one review pair in two Chromium sessions: each signs in,
both open the same bead; Ben saves first, Ana (whose page still shows the old text)
saves the same bead and sees a conflict that names Ben and the time, with both texts;
nothing of Ben's is lost, and each can keep theirs or take the other's.

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.test_browser import _idle, _launch, _required_chromium, _shot, serve_app
from workbench import review
from workbench.ingest import ingest_text
from workbench.store import Store
from workbench.users import add_user, session_user

pytestmark = pytest.mark.browser

SOURCE = ["The strike began on 3 March 1921.", "Workers met in Berlin at dawn.", "They demanded 12 marks."]
TARGET = ["Der Streik begann am 3. März 1921.", "Die Arbeiter trafen sich in Berlin.", "Sie forderten 12 Mark."]
BEN_TEXT = "Die Arbeiter trafen sich im Morgengrauen in Berlin."
ANA_TEXT = "Die Arbeiterinnen und Arbeiter trafen sich in Berlin."


@pytest.fixture
def shared_store(tmp_path):
    """Two translators and one aligned pair, in a store the server will use."""
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as store:
        for name in ("ana", "ben"):
            add_user(store, name, "translator", f"{name}-secret-1", by="admin")
        a, _ = store.documents.add(ingest_text("\n\n".join(SOURCE), source_name="s.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text("\n\n".join(TARGET), source_name="s.de.txt"), lang="de")
        aid = review.align_pair(store, store.documents.add_pair(a, b, label="strike"), user="admin")
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    return db, aid, empty


def _bead_target(db, aid: int, position: int = 1) -> tuple[str, str]:
    with Store.open(db) as store:
        record = store.alignments.get(aid)
        bead = store.alignments.bead_at(aid, position)
        return review.bead_texts(record, [bead])[0].target, bead.updated_by


def _sign_in(browser, url: str, aid: int, name: str):
    """A session of its own (cookies apart), signed in, with bead 1's editor open."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{url}/?alignment={aid}", wait_until="domcontentloaded")
    page.get_by_label("User name", exact=True).fill(name, timeout=90_000)
    page.get_by_label("Password", exact=True).fill(f"{name}-secret-1")
    page.get_by_role("button", name="Sign in").click()
    _account(page, name).wait_for(timeout=60_000)
    page.locator(f".st-key-pick-{aid}-1 button").first.wait_for(timeout=60_000)
    _idle(page)   # the run after the sign-in has drawn the beads once, not twice
    page.locator(f".st-key-pick-{aid}-1 button").first.click()   # (a button with help is drawn twice)
    page.locator(".st-key-wb_current textarea").wait_for(timeout=30_000)
    return page


def _account(page, name: str):
    """The account menu in the top bar, labelled with the signed-in name."""
    return page.locator(".st-key-wb_account").get_by_role("button", name=name)


def _save(page, aid: int, text: str) -> None:
    page.locator(".st-key-wb_current textarea").fill(text)
    page.locator(f".st-key-save-{aid}-1 button").first.click()


def test_two_users_edit_one_bead_and_the_conflict_names_the_other(shared_store, tmp_path):
    chromium = _required_chromium()
    from playwright.sync_api import expect, sync_playwright

    db, aid, empty = shared_store
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url, sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            ana, ben = _sign_in(browser, url, aid, "ana"), _sign_in(browser, url, aid, "ben")
            time.sleep(1.1)   # Ben's save comes a second after Ana's page was drawn
            _save(ben, aid, BEN_TEXT)
            ben.get_by_text("Saved the target of #1.").wait_for(timeout=30_000)
            assert _bead_target(db, aid) == (BEN_TEXT, "ben")

            start = time.perf_counter()
            _save(ana, aid, ANA_TEXT)                 # her page still shows the text before Ben's
            conflict = ana.locator(".st-key-wb_conflict")
            conflict.get_by_text("ben changed this bead at").wait_for(timeout=30_000)
            print(f"browser timing: conflict shown {(time.perf_counter() - start) * 1000:.0f} ms after the click")
            assert "(local time)" in conflict.inner_text()
            conflict.get_by_text(BEN_TEXT).wait_for()
            conflict.get_by_text(ANA_TEXT).wait_for()
            assert _bead_target(db, aid) == (BEN_TEXT, "ben")          # nothing of Ben's lost
            _idle(ana)
            _shot(ana, tmp_path, "conflict-ana.png")

            ana.get_by_role("button", name="Keep mine").click()
            ana.get_by_text("Saved your target of #1").first.wait_for(timeout=30_000)
            ana.locator(".st-key-wb_conflict").wait_for(state="detached", timeout=30_000)
            assert _bead_target(db, aid) == (ANA_TEXT, "ana")
            with Store.open(db) as store:                               # Ben's version: one undo away
                assert [h.user for h in store.alignments.history(aid)][:2] == ["ana", "ben"]

            # now Ben's page is the older one: he sees Ana named, and takes her version
            _save(ben, aid, BEN_TEXT + " Sofort.")
            ben.locator(".st-key-wb_conflict").get_by_text("ana changed this bead at").wait_for(timeout=30_000)
            ben.get_by_role("button", name="Take theirs").click()
            ben.locator(".st-key-wb_conflict").wait_for(state="detached", timeout=30_000)
            # (a new editor is empty for a moment before it shows its text: read once, it was '')
            expect(ben.locator(".st-key-wb_current textarea")).to_have_value(ANA_TEXT, timeout=30_000)
            assert _bead_target(db, aid) == (ANA_TEXT, "ana")
            for page in (ana, ben):
                assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()


FOCUSED = "label => document.activeElement?.getAttribute('aria-label') === label"


def test_signing_in_from_a_page_address_opens_that_page(shared_store, tmp_path):
    """A colleague's link to the Glossary page asks for the sign-in, then shows the Glossary
    (it used to land on the Review page: the page in the address was lost). Keyboard only: the
    cursor is in the user name, then in the Glossary's search (they took 3 and 14 Tabs)."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    db, _, empty = shared_store
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url, sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
            page.goto(f"{url}/glossary", wait_until="domcontentloaded")
            page.wait_for_function(FOCUSED, arg="User name", timeout=90_000)
            page.keyboard.type("ana")
            page.keyboard.press("Tab")
            page.keyboard.type("ana-secret-1")
            page.keyboard.press("Enter")
            _account(page, "ana").wait_for(timeout=60_000)
            search = page.get_by_label("Search terms, ids and definitions")
            search.wait_for(timeout=30_000)
            # the page's path; the Glossary page may already have put its open concept in the query
            assert urlsplit(page.url).path.rstrip("/").endswith("/glossary"), page.url
            page.wait_for_function(FOCUSED, arg="Search terms, ids and definitions", timeout=30_000)
            page.keyboard.type("strike")
            assert search.input_value() == "strike"
        finally:
            browser.close()


def test_a_reload_keeps_the_sign_in_until_signing_out(shared_store, tmp_path):
    """F5 opens a new Streamlit session: it used to ask for the sign-in again. The browser keeps
    a session token (never the name or password in the address); signing out ends it."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    db, aid, empty = shared_store
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty)) as url, sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = _sign_in(browser, url, aid, "ana")
            page.goto(f"{url}/glossary", wait_until="domcontentloaded")   # another page, then F5 there
            page.get_by_label("Search terms, ids and definitions").wait_for(timeout=60_000)
            page.reload(wait_until="domcontentloaded")
            _account(page, "ana").wait_for(timeout=60_000)
            page.get_by_label("Search terms, ids and definitions").wait_for(timeout=30_000)
            assert page.get_by_label("Password", exact=True).count() == 0
            assert "ana" not in page.url and "secret" not in page.url
            cookie = next(c for c in page.context.cookies() if c["name"] == "workbench_session")
            assert "ana" not in cookie["value"] and len(cookie["value"]) >= 40
            with Store.open(db) as store:
                assert session_user(store, cookie["value"]).name == "ana"

            _idle(page)
            _account(page, "ana").click()
            page.get_by_role("button", name="Sign out").click()
            page.get_by_label("Password", exact=True).wait_for(timeout=60_000)
            with Store.open(db) as store:
                assert session_user(store, cookie["value"]) is None      # ended in the store, not only here
            page.reload(wait_until="domcontentloaded")
            page.get_by_label("Password", exact=True).wait_for(timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()


def test_the_sign_in_cookie_lasts_as_long_as_the_server_says(shared_store, tmp_path):
    """WORKBENCH_SESSION_HOURS (or `workbench app --session-hours`) sets how long a sign-in
    lasts: the browser's cookie ends when the token in the store does."""
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    db, aid, empty = shared_store
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty),
                   WORKBENCH_SESSION_HOURS="0.5") as url, sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = _sign_in(browser, url, aid, "ana")
            cookie = next(c for c in page.context.cookies() if c["name"] == "workbench_session")
            assert abs(cookie["expires"] - (time.time() + 1800)) < 300, cookie
            with Store.open(db) as store:
                [expires] = store.connection.execute("SELECT expires_at FROM sessions").fetchone()
            from datetime import datetime

            assert abs(datetime.fromisoformat(expires).timestamp() - cookie["expires"]) < 300
        finally:
            browser.close()
