"""Journey 1 as a translator walks it, through AppTest: what she tripped over in Chromium
(tests/test_browser_journeys15.py walks the whole journey there), pinned down here."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN, opened_alignment
from workbench import review
from workbench.store import Store
from workbench.store.alignments import NewBead

# Written for this test, laid out as a PDF's text comes out: lines cut at 50 characters,
# "organ-/isers" cut at a line end, the headline over two lines.
ARTICLE = """Dockers of the northern port
walk out over the night shift

The dockers of the northern port stopped work on
Monday morning after the company cut the night
shift without a word to the union. By noon the
pickets at the three gates counted more than four
hundred workers.

The organ-
isers of the strike committee met in the union
hall. They voted to stay out until the night shift
comes back.

The company answered with a letter to every
worker. It threatened dismissals for anyone who
stayed out.

On Thursday the drivers of the container terminal
joined the strike. The port fell silent.
"""
# The published translation: the second and third paragraphs merged, "The port fell silent." left out.
TRANSLATION = """Los estibadores del puerto del norte paran por el turno de noche

Los estibadores del puerto del norte pararon el lunes por la mañana después de que la empresa suprimiera el turno de noche sin decir nada al sindicato. A mediodía los piquetes de las tres puertas contaban más de cuatrocientos trabajadores.

Los organizadores del comité de huelga se reunieron en el local del sindicato. Votaron seguir en huelga hasta que vuelva el turno de noche. La empresa respondió con una carta a cada trabajador. Amenazó con despidos a quien siguiera en huelga.

El jueves los conductores de la terminal de contenedores se sumaron a la huelga.
"""



# The two texts as the workbench cleans and segments them (what the Review showed in Chromium).
SOURCE_SENTENCES = [
    "Dockers of the northern port walk out over the night shift",
    "The dockers of the northern port stopped work on Monday morning after the company cut the night shift "
    "without a word to the union.",
    "By noon the pickets at the three gates counted more than four hundred workers.",
    "The organisers of the strike committee met in the union hall.",
    "They voted to stay out until the night shift comes back.",
    "The company answered with a letter to every worker.",
    "It threatened dismissals for anyone who stayed out.",
    "On Thursday the drivers of the container terminal joined the strike.",
    "The port fell silent."]
TARGET_SENTENCES = [line for paragraph in TRANSLATION.strip().split("\n\n")
                    for line in paragraph.replace(". ", ".\n").split("\n")]


def stored_alignment(db) -> int:
    """The pair aligned as the Review showed it after the upload: seven 1-1 beads, then
    "On Thursday … The port fell silent." against "El jueves …" alone, flagged for a look at 0.90."""
    beads = [NewBead((i,), (i,), 0.98) for i in range(7)] + [NewBead((7, 8), (7,), 0.90, needs_review=True)]
    with Store.open(db) as store:
        return store.alignments.create(unit="sentence", src_lang="en", tgt_lang="es",
                                       source_segments=SOURCE_SENTENCES, target_segments=TARGET_SENTENCES,
                                       beads=beads, provenance={}, title="Dockers", user="tester")


@pytest.fixture
def uploaded(env):
    """(database, alignment id, the flagged bead) of ``stored_alignment``."""
    aid = stored_alignment(env)
    with Store.open(env) as store:
        return env, aid, store.alignments.bead_at(aid, 7)


def test_l_goes_to_the_bead_flagged_for_a_look(uploaded):
    """The page says "1 flagged for a look" and draws that bead as doubtful; `l` (next doubtful
    bead) went past it, saying "No low-confidence bead left.", as its score is 0.90."""
    _, aid, flagged = uploaded
    assert flagged.confidence >= 0.8
    at = opened_alignment(aid)
    assert at.session_state["review_current"] == 0         # opened at the first unreviewed bead
    at.button(key="kb_next_low").click().run()
    assert at.session_state["review_current"] == flagged.position


def test_split_offers_first_the_split_whose_lengths_fit(uploaded):
    """`s` on the flagged 2-1 bead split off the first source sentence alone and paired the
    second ("The port fell silent.") with the whole Spanish sentence: the likely split pairs
    the Spanish sentence with the English one of its length, and leaves the short one alone."""
    db, aid, flagged = uploaded
    at = opened_alignment(aid)
    at.button(key=f"pick-{aid}-{flagged.position}").click().run()
    at.button(key="kb_split").click().run()
    assert not at.exception
    with Store.open(db) as store:
        record = store.alignments.get(aid)
        beads = store.alignments.beads(aid, positions=[flagged.position, flagged.position + 1])
        texts = [(t.source, t.target) for t in review.bead_texts(record, beads)]
    assert texts == [("On Thursday the drivers of the container terminal joined the strike.",
                      "El jueves los conductores de la terminal de contenedores se sumaron a la huelga."),
                     ("The port fell silent.", "")]


def test_n_skips_the_sentence_she_left_unaligned(uploaded):
    """After her split left "The port fell silent." alone (unaligned: counted as reviewed), `n`
    (next unconfirmed) took her there, and Enter turned the lone sentence into an accepted
    bead without the count moving. `n` goes to the beads nobody has reviewed."""
    db, aid, flagged = uploaded
    with Store.open(db) as store:
        review.split(store, aid, flagged.position, 1, 1, "tester")
        review.accept_many(store, aid, [p for p in range(flagged.position) if p != 2], "tester")
        assert store.alignments.bead_at(aid, 8).status == "unaligned"
    at = opened_alignment(aid)
    at.button(key=f"pick-{aid}-3").click().run()
    at.button(key="kb_next_open").click().run()
    assert at.session_state["review_current"] == 2          # round to the one bead left, not #8
    at.button(key="kb_confirm_next").click().run()
    at.button(key="kb_next_open").click().run()
    assert "9 of 9 beads reviewed" in at.get("progress")[0].proto.text
    with Store.open(db) as store:
        assert store.alignments.bead_at(aid, 8).status == "unaligned"


def test_export_offers_xliff_with_what_the_screen_shows(uploaded):
    """Her CAT tool reads XLIFF: the Review's Export offered TMX, CSV and beads only. The XLIFF
    holds the accepted beads, as shown (the edited target, not the aligned one), in order."""
    from workbench.app.review_actions import export_bytes
    from workbench.formats.xliff import read_pairs

    db, aid, _ = uploaded
    edited = "Votaron seguir en huelga hasta que volviera el turno de noche."
    with Store.open(db) as store:
        review.accept_many(store, aid, [0, 3], "tester")
        review.edit_target(store, aid, 4, edited, "tester")
    at = opened_alignment(aid)
    assert [b.label for b in at.get("download_button")] == ["TMX", "XLIFF", "CSV", "BEADS"]
    xliff = export_bytes(str(db), aid, "xliff", True)
    pairs = read_pairs(xliff, f"alignment-{aid}.xlf")
    assert (pairs.src_lang, pairs.tgt_lang) == ("en", "es")
    assert [(u.text("en"), u.text("es")) for u in pairs.units] == [
        (SOURCE_SENTENCES[0], TARGET_SENTENCES[0]), (SOURCE_SENTENCES[3], TARGET_SENTENCES[3]),
        (SOURCE_SENTENCES[4], edited)]


def test_tomorrow_she_comes_back_where_she_left_off(uploaded):
    """She confirmed #0, skipped #1 (to ask a colleague), confirmed #2 and #3 with Enter and
    stopped at #4. The app started again opened at #1, the first bead nobody has reviewed,
    two screens up from her place: it opens at the first unreviewed bead from her latest
    action on (another translator's later action elsewhere does not move her)."""
    db, aid, _ = uploaded
    with Store.open(db) as store:
        review.accept_many(store, aid, [0, 2, 3], "tester")
        review.accept(store, aid, 6, "ben")
    at = opened_alignment(aid)
    [editor] = [w for w in at.text_area if (w.key or "").startswith(f"edit-{aid}-")]
    assert editor.key.startswith(f"edit-{aid}-4-"), editor.key
    assert editor.value == TARGET_SENTENCES[4]
    again = AppTest.from_file(APP_MAIN, default_timeout=60)      # no address: the alignment worked on last
    again.run()
    assert [w.key for w in again.text_area if (w.key or "").startswith(f"edit-{aid}-4-")]


def test_the_keys_script_holds_no_tag_inside():
    """The page draws the script as HTML: a tag-like word in it (a comment saying
    "<position>") stopped every key on the page."""
    import re

    from workbench.app.keys import listener_script

    body = listener_script().removeprefix("<script>").removesuffix("</script>")
    assert not re.search(r"</?[A-Za-z]", body)
