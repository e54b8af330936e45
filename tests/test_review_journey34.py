"""Journey 1 and 2 defects a colleague found walking them in Chromium (qa32), pinned down
through AppTest: a glossary problem did not make an aligned bead doubtful (the "next doubtful"
key passed it, bulk Confirm accepted it into the translation memory), and the same file
uploaded twice was refused without its name."""

from __future__ import annotations

import pytest

from tests.conftest import opened_alignment
from workbench import review
from workbench.align.annotate import Annotator
from workbench.errors import InputError
from workbench.glossary.model import Concept, Glossary, Term
from workbench.store import Store
from workbench.store.alignments import NewBead

# Written for this test: a report on two shipping lines and its German translation, whose
# second paragraph renders "competition" as "Wettbewerb" where the glossary says "Konkurrenz".
SOURCE = ["The two shipping lines met in the port office.",
          "The competition between them lowered the freight rates.",
          "The dockers asked for the same wage on both lines."]
TARGET = ["Die beiden Reedereien trafen sich im Hafenbüro.",
          "Der Wettbewerb zwischen ihnen senkte die Frachtraten.",
          "Die Hafenarbeiter forderten auf beiden Linien denselben Lohn."]


def _competition() -> Concept:
    return Concept("competition", "economy", "approved", "rivalry between sellers", "", 1,
                   (Term("en", "competition"), Term("de", "Konkurrenz")))


def _dockers() -> Concept:
    """A draft concept (no second translator approved it yet) whose rendering TARGET misses."""
    return Concept("dockers", "struggle", "draft", "port workers", "", 1,
                   (Term("en", "dockers"), Term("de", "Docker")))


def _aligned(store) -> int:
    """A sure 1-1 alignment (0.99 each, nothing flagged) of SOURCE and TARGET, and the glossary."""
    store.glossary.import_glossary(Glossary((_competition(), _dockers())), user="ana")
    beads = [NewBead((i,), (i,), 0.99) for i in range(3)]
    return store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="de", source_segments=SOURCE,
                                   target_segments=TARGET, beads=beads, provenance={}, title="Lines → Linien",
                                   user="tester")


def test_a_glossary_problem_makes_an_aligned_bead_doubtful(env):
    """A bead whose target misses an approved concept's rendering was lit red but not flagged:
    `l` said "No flagged or low-confidence bead left" and Confirm accepted it with the sure ones.
    `l` stops at it and Confirm leaves it, saying why, as it does for a job's machine translation;
    nothing of it is stored, so the alignment and its exports stay as they were. A draft concept's
    rendering missing (bead 2) is lit, and listed by the glossary filter, but not flagged."""
    from workbench.app.keys import is_low

    with Store.open(env) as store:
        aid = _aligned(store)
        before = review.export_text(store, aid, "beads", accepted_only=False)
        everything = Annotator("en", "de", store.glossary.current(), foreign=False)
        assert review.glossary_flags(store, aid, everything) == {1: ("glossary term missing",),
                                                                 2: ("glossary term missing",)}
        approved = Annotator("en", "de", review.approved_only(store.glossary.current()), foreign=False)
        glossary = review.glossary_flags(store, aid, approved)
        assert glossary == {1: ("glossary term missing",)}
        beads = store.alignments.beads(aid)
        assert [is_low(b, glossary) for b in beads] == [False, True, False]
        plan = review.bulk_confirm(store, aid, 0.95, glossary)
        assert plan.positions == [0, 2]
        assert plan.left == "1 flagged bead is left for a look: 1 glossary term missing."
        assert [b.needs_review for b in store.alignments.beads(aid)] == [False, False, False]
        assert review.export_text(store, aid, "beads", accepted_only=False) == before
    at = opened_alignment(aid)
    assert at.session_state["review_current"] in (None, 0)
    at.button(key="kb_next_low").click().run()
    assert at.session_state["review_current"] == 1 and not at.exception
    at.button(key="review_bulk").click().run()
    assert not at.exception
    assert "1 flagged bead is left for a look: 1 glossary term missing." in [c.value for c in at.caption]
    with Store.open(env) as store:
        assert [b.status for b in store.alignments.beads(aid)] == ["accepted", "auto", "accepted"]
    at.selectbox(key="review_filter").set_value("glossary problems").run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert not at.exception and "#1 · 1-1" in html and "#2 · 1-1" in html and "#0 · 1-1" not in html


ARTICLE = "The dockers of the northern port laid down their tools.\n\nThe strike committee met at noon.\n"


@pytest.mark.parametrize("files, expected", [
    ([("hafenstreik.en.md", ARTICLE.encode()), ("hafenstreik.en.md", ARTICLE.encode())],
     "hafenstreik.en.md was given twice: a document cannot be paired with itself"),
    ([("hafenstreik.en.md", ARTICLE.encode()), ("copy.md", ARTICLE.encode())],
     "hafenstreik.en.md and copy.md hold the same text: a document cannot be paired with itself"),
    ([("hafenstreik.en.md", ARTICLE.encode()), ("copy.md", ARTICLE.replace("\n", "\r\n").encode())],
     "hafenstreik.en.md and copy.md hold the same text: a document cannot be paired with itself"),
])
def test_the_same_file_uploaded_twice_is_refused_by_name(store, files, expected):
    """The same file chosen twice in Review's upload said "Error: a document cannot be paired
    with itself", naming no file: the refusal names it, and nothing is stored."""
    with pytest.raises(InputError) as refused:
        review.align_uploaded(store, files, ["en", "en"])
    assert str(refused.value).startswith(expected)
    assert store.documents.list() == [] and store.alignments.list() == []


def test_a_concept_opened_by_link_comes_with_a_short_list(env):
    """A concept opened by link sat under the list of all 800 concepts, its terms off a 1024x768
    screen, and each search drew the whole list again: the list shows the first 25 matches, four
    rows high (the height a Chromium check sees, not AppTest), and lists them all when asked, until
    the search changes."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_MAIN

    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.query_params["concept"] = "wage"
    at.run()
    at.switch_page("views/glossary.py").run()
    assert not at.exception and at.selectbox(key="glossary_pick").value == "wage"
    with Store.open(env) as store:
        total = store.glossary.count()
    assert total > 25
    assert len(at.dataframe[0].value) == 25
    assert f"{total} of {total} concepts · the first 25 listed" in [c.value for c in at.caption]
    options = at.selectbox(key="glossary_pick").options   # every match can still be opened
    assert "wage" in options and len(options) == total
    at.button(key="glossary_list_more").click().run()
    assert len(at.dataframe[0].value) == total and not at.exception
    at.text_input(key="glossary_search").input("wage").run()        # another search: the first 25 again
    assert len(at.dataframe[0].value) == 25 and at.button(key="glossary_list_more")
    at.text_input(key="glossary_search").input("lockout").run()
    assert len(at.dataframe[0].value) < 25 and not [b for b in at.button if b.key == "glossary_list_more"]
