"""In a real browser: a document whose title and source name are Markdown images is
shown as text, and the browser fetches nothing from the address inside them."""

from __future__ import annotations

import pytest

from tests.test_browser import _required_chromium, serve_app

pytestmark = pytest.mark.browser

IMAGE = "![p](http://evil.invalid/x.png)"


@pytest.fixture
def hostile_app(tmp_path):
    from workbench.ingest import ingest_text
    from workbench.library import store_document
    from workbench.store import Store

    db = tmp_path / "hostile.sqlite3"
    with Store.open(db) as store:
        store_document(store, ingest_text(f"# {IMAGE}\n\nThe dockers of the port voted for a strike on Monday.",
                                          source_name=IMAGE), lang="en")
    (tmp_path / "no-corpus").mkdir()
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(tmp_path / "no-corpus")) as url:
        yield url


def test_a_markdown_image_in_a_title_is_text_and_fetches_nothing(hostile_app):
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                          "--disable-background-networking"])
        try:
            page = browser.new_page()
            asked = []
            page.on("request", lambda request: asked.append(request.url))
            page.goto(hostile_app, wait_until="domcontentloaded")
            page.get_by_role("link", name="Documents").first.click(timeout=60_000)
            shown = IMAGE.replace("://", ":\u2060//")   # an invisible word joiner keeps it from becoming a link
            page.get_by_text(f"{shown} · encoding").first.wait_for(timeout=60_000)   # the caption, as written
            assert page.locator('img[src*="evil.invalid"]').count() == 0
            links = page.locator('a[href*="evil.invalid"]')
            assert links.count() == 0, links.first.evaluate("a => a.parentElement.parentElement.outerHTML")
            assert not [url for url in asked if "evil.invalid" in url]
        finally:
            browser.close()
