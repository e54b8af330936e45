"""The term-candidate journey in Chromium at 1024x768: confirm beads on the Review page, find
the candidates they give on the Glossary page, accept one into the glossary, and see it
matched on both sides of the beads back on the Review page.

Skips locally without Chromium (CI sets WORKBENCH_REQUIRE_BROWSER=1)."""

from __future__ import annotations

import re

import pytest

from tests.test_browser import _idle, _shot
from tests.test_browser_layout import LAYOUT_DB, review_page_at_1024
from workbench.store import Store

pytestmark = pytest.mark.browser

GERMAN = ["Am Kai standen die Portalkräne still, weil die Kranführer streikten.",
          "Die Kranführer verlangten eine Zulage für die Nachtschicht.",
          "Der Betriebsrat unterstützte die Kranführer und rief zur Versammlung.",
          "Am dritten Tag gaben die Reedereien nach."]
ENGLISH = ["At the quay the gantry cranes stood still because the crane drivers were on strike.",
           "The crane drivers demanded a bonus for the night shift.",
           "The works council backed the crane drivers and called a meeting.",
           "On the third day the shipping lines gave in."]


def test_confirmed_beads_give_a_candidate_that_is_accepted_and_then_matched_in_review(tmp_path):
    with review_page_at_1024(tmp_path, GERMAN, ENGLISH, langs=("de", "en")) as page:
        page.locator("body").press("Escape")
        for n in range(len(GERMAN)):                  # confirm and go on, bead by bead
            page.keyboard.press("Enter")
            page.get_by_text(f"{n + 1} of {len(GERMAN)} beads reviewed").wait_for(timeout=30_000)
            _idle(page)

        page.get_by_role("link", name="Glossary").first.click()
        page.get_by_text("Candidates", exact=True).click()
        page.get_by_role("button", name="Find candidates").click()
        page.get_by_text("Accept as new draft concepts").wait_for(timeout=60_000)
        _idle(page)
        _shot(page, tmp_path, "candidates-found.png")
        choice = page.get_by_role("combobox", name="Accept as new draft concepts")
        choice.click()
        choice.fill("Kranführer")
        page.get_by_role("option", name="Kranführer → crane drivers").click()
        page.keyboard.press("Escape")
        accept = page.get_by_role("button", name="Accept", exact=True)
        accept.wait_for()
        page.wait_for_function("b => !b.disabled", arg=accept.element_handle(), timeout=30_000)
        accept.click()
        page.get_by_text("Added draft concepts: crane-drivers.").wait_for(timeout=60_000)
        _idle(page)
        _shot(page, tmp_path, "candidates-accepted.png")

        page.get_by_role("link", name="Review").first.click()
        page.locator(".st-key-wb_current").wait_for(timeout=90_000)
        _idle(page)
        # a draft concept's terms have their own mark, not the approved terms' green
        marks = page.locator("mark.wb-draft").filter(has_text=re.compile(r"^(Kranführer|crane drivers)$"))
        marks.first.wait_for(timeout=60_000)
        assert sorted(set(marks.all_inner_texts())) == ["Kranführer", "crane drivers"]
        assert marks.count() == 6                      # both sides of the three beads
        marks.first.scroll_into_view_if_needed()
        _shot(page, tmp_path, "candidates-in-review.png")
    with Store.open(tmp_path / LAYOUT_DB) as store:
        concept = store.glossary.get("crane-drivers")
    assert concept.status == "draft" and {(t.lang, t.text) for t in concept.terms} == {
        ("de", "Kranführer"), ("en", "crane drivers")}
