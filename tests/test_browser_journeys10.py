"""Journey 3 walked in Chromium: an editor uploads a Markdown page (front matter, lists, code, a
table, links), an HTML leaflet and a Word document, translates them with an installed model,
post-edits one in Review, exports the post-edited documents and comes back to them after a
reload, at 1280x900 and 1024x768.

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import io
import statistics
import time

import pytest

from tests.test_browser import _idle, _launch, _required_chromium, _shot, serve_app
from tests.tinyargos import argos_environ, build_package

pytestmark = pytest.mark.browser

MARKDOWN = """---
title: The dockers strike
tags: [strike, port]
---

# The dockers strike

The workers of the port met on Monday and voted to strike. The union asked
for patience, but the assembly refused and sent a letter to the
[port authority](https://example.org/port "The port") with `strike.pdf` attached.

- The night shift stops at ten.
- The day shift joins on Tuesday.

```
docker compose up
```

    indented: never translated

| Shift | Workers |
|-------|---------|
| night | forty   |
"""

HTML = ("<!DOCTYPE html><html><head><title>The leaflet</title></head><body><h1>The leaflet</h1>"
        "<p>Bring the leaflet to the gate<br>and give it to every driver.</p>"
        "<p>Print it with <code>lp -n 40 leaflet.pdf</code> before the meeting.</p>"
        "<pre>  keep   this\n    as it is</pre></body></html>")


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("The assembly", level=1)
    document.add_paragraph("The assembly met in the hall and voted for the strike.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _files(tmp_path) -> list[str]:
    paths = {"dockers.md": MARKDOWN.encode(), "leaflet.html": HTML.encode(), "assembly.docx": _docx()}
    for name, data in paths.items():
        (tmp_path / name).write_bytes(data)
    return [str(tmp_path / name) for name in paths]


def _download(page, label: str, tmp_path) -> str:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label, exact=True).click()
    path = tmp_path / "downloads" / info.value.suggested_filename
    path.parent.mkdir(exist_ok=True)
    info.value.save_as(str(path))
    return path.read_text(encoding="utf-8")


def _click_the_one(page, name: str) -> None:
    """Click the button ``name`` once the page holds exactly one: while a run (a download's)
    redraws the page, the button of the run before can stand beside the new one for a moment
    (a strict-mode failure under load)."""
    page.wait_for_function("""name => [...document.querySelectorAll('button')]
        .filter(b => b.innerText.trim() === name).length === 1""", arg=name, timeout=120_000)
    _idle(page)
    page.get_by_role("button", name=name).click()


def _pick(page, label: str, option: str) -> None:
    page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).locator("input").click()
    page.get_by_role("option", name=option).click()
    page.keyboard.press("Escape")
    _idle(page)


def _after(page, action, appears: str, times: list[float]) -> None:
    """Do ``action`` and time it until ``appears`` is in the current bead and the app is idle."""
    start = time.perf_counter()
    action()
    page.locator(".st-key-wb_current").get_by_text(appears).first.wait_for(timeout=60_000)
    _idle(page)
    times.append(time.perf_counter() - start)


def _top(page, label: str) -> int:
    return round(page.get_by_role("button", name=label, exact=True).bounding_box()["y"])


def _to_bead(page, text: str) -> None:
    """Go down the beads with j until the current one shows ``text``."""
    current = page.locator(".st-key-wb_current")
    current.locator("textarea").wait_for(timeout=90_000)
    _idle(page)
    for _ in range(12):
        if text in current.inner_text():
            return
        page.keyboard.press("Escape")
        page.keyboard.press("j")
        _idle(page)   # until the page of j's run is drawn and that run is over
    raise AssertionError(f"no bead with {text!r}")


def _click_then(page, button: str, appears: str) -> None:
    """Click ``button`` once the app is idle, then wait until the button ``appears`` is drawn."""
    page.get_by_role("button", name=button).wait_for(timeout=90_000)
    _idle(page)
    page.get_by_role("button", name=button).click()
    page.get_by_role("button", name=appears).wait_for(timeout=120_000)
    _idle(page)


def _translate_uploads(page, tmp_path) -> None:
    """Upload the three files, translate them to Spanish, check the machine translations."""
    page.get_by_role("button", name="Start or resume translation").wait_for(timeout=90_000)
    _idle(page)
    page.get_by_text("Upload documents").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(_files(tmp_path))
    page.get_by_text("assembly.docx").wait_for(timeout=30_000)
    _idle(page)
    _pick(page, "To", "es")
    _click_then(page, "Start or resume translation", "Download dockers.es.md")
    # the job's downloads on the screen she clicked in, not under the form
    box = page.get_by_role("button", name="Download dockers.es.md", exact=True).bounding_box()
    assert box["y"] + box["height"] <= 900, box
    for width, height in ((1280, 900), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        _shot(page, tmp_path, f"journey3-job-{width}.png")
    assert page.locator('[data-testid="stException"]').count() == 0
    # a document's downloads side by side, one row a document (they were 9 buttons in a column)
    rows = {name: _top(page, f"Download {name}") for name in
            ("dockers.es.md", "dockers.en-es.xlf", "dockers.es.report.json", "leaflet.es.html")}
    assert rows["dockers.es.md"] == rows["dockers.en-es.xlf"] == rows["dockers.es.report.json"]
    assert rows["leaflet.es.html"] > rows["dockers.es.md"]
    machine = _download(page, "Download dockers.es.md", tmp_path)
    assert machine.startswith("---\ntitle: The dockers strike\ntags: [strike, port]\n---\n")
    assert "```\ndocker compose up\n```" in machine and "    indented: never translated" in machine
    assert "`strike.pdf`" in machine and "|-------|---------|" in machine
    leaflet = _download(page, "Download leaflet.es.html", tmp_path)
    assert "<code>lp -n 40 leaflet.pdf</code>" in leaflet and "<pre>  keep   this\n    as it is</pre>" in leaflet


def _post_edit(page, tmp_path, saves: list[float], nexts: list[float]) -> None:
    """Edit and save three beads of the .md going down with j, and one of the .html."""
    _click_the_one(page, "Post-edit dockers.md → es in Review")
    page.locator(".st-key-wb_current textarea").wait_for(timeout=90_000)
    _idle(page)
    _shot(page, tmp_path, "journey3-review-1024.png")
    for n in range(3):
        page.locator(".st-key-wb_current textarea").fill(f"Texto revisado número {n}.")
        _after(page, lambda: page.locator(".st-key-wb_current").get_by_role(
            "button", name="Save target").click(), "Saved the target of", saves)
        page.keyboard.press("Escape")
        _after(page, lambda: page.keyboard.press("j"), f"#{n + 1} · ", nexts)
    _shot(page, tmp_path, "journey3-review-after-1024.png")
    page.get_by_role("link", name="Translate").first.click()
    _click_the_one(page, "Post-edit leaflet.html → es in Review")
    _to_bead(page, "Print it with")
    page.locator(".st-key-wb_current textarea").fill("Imprímalo con `lp -n 40 leaflet.pdf` antes de la reunión.")
    _after(page, lambda: page.locator(".st-key-wb_current").get_by_role(
        "button", name="Save target").click(), "Saved the target of", saves)


def _export(page, tmp_path) -> None:
    page.get_by_role("link", name="Translate").first.click()
    _click_then(page, "Export the post-edited documents", "Download dockers.es.md (post-edited)")
    _shot(page, tmp_path, "journey3-export-1024.png")
    final = _download(page, "Download dockers.es.md (post-edited)", tmp_path)
    assert "Texto revisado número 0." in final
    assert final.startswith("---\ntitle: The dockers strike\n") and "```\ndocker compose up\n```" in final
    leaflet = _download(page, "Download leaflet.es.html (post-edited)", tmp_path)
    assert "<p>Imprímalo con <code>lp -n 40 leaflet.pdf</code> antes de la reunión.</p>" in leaflet


def test_batch_translate_post_edit_export_and_reopen(tmp_path):
    chromium = _required_chromium()
    from playwright.sync_api import sync_playwright

    argos = argos_environ(tmp_path / "argos")
    build_package(argos["ARGOS_PACKAGES_DIR"], "en", "es")
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    db = tmp_path / "journey.sqlite3"
    with serve_app(tmp_path, WORKBENCH_DB=str(db), WORKBENCH_CORPUS=str(empty), **argos) as url, \
            sync_playwright() as p:
        browser = _launch(p, chromium)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
            page.goto(f"{url}/translate", wait_until="domcontentloaded")
            _translate_uploads(page, tmp_path)
            saves, nexts = [], []
            _post_edit(page, tmp_path, saves, nexts)
            print(f"browser timing: post-edit save median {statistics.median(saves) * 1000:.0f} ms "
                  f"({', '.join(f'{t * 1000:.0f}' for t in saves)}); next bead (j) median "
                  f"{statistics.median(nexts) * 1000:.0f} ms ({', '.join(f'{t * 1000:.0f}' for t in nexts)})")
            _export(page, tmp_path)
            again = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True).new_page()
            again.goto(f"{url}/translate", wait_until="domcontentloaded")
            _click_then(again, "Show its downloads", "Download dockers.es.md")
            _shot(again, tmp_path, "journey3-reopened-1280.png")
            assert again.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
