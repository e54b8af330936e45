"""In a real browser: a document whose title and source name are Markdown images is
shown as text, and the browser fetches nothing from the address inside them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import APP_MAIN
from tests.test_browser import _chromium, _free_port, _wait_until_up

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
    port = _free_port()
    env = dict(os.environ, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(tmp_path / "no-corpus"),
               WORKBENCH_DATA_DIR=str(tmp_path / "data"), WORKBENCH_USER="browser-test")
    command = [sys.executable, "-m", "streamlit", "run", APP_MAIN, "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
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


def test_a_markdown_image_in_a_title_is_text_and_fetches_nothing(hostile_app):
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("WORKBENCH_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (WORKBENCH_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("Chromium is not installed")
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
