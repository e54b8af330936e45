"""Journey 1 with a job's machine translation and with a pair of real-looking articles, through
AppTest: what a translator tripped over in Chromium, pinned down here."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import opened_alignment
from workbench import review
from workbench.store import Store
from workbench.store.alignments import NewBead

# Written for this test: an article and a machine translation of it, as a job stores them.
SOURCE = ["The dockers of the northern port stopped work on Monday.",
          "The general strike committee met in the union hall.",
          "A letter from DİSK was read to the meeting.",
          "The port fell silent."]
MT = ["Los estibadores del puerto del norte pararon el lunes.",
      "El comité de la huelga total se reunió en el local del sindicato.",
      "Una carta fue leída en la reunión.",
      "El puerto quedó en silencio."]
GLOSSARY_REASON = "glossary term missing: 'general strike' should be 'huelga general'"
NAME_REASON = "name or protected term lost by the model: dropped 'DİSK'"


def mt_alignment(db) -> int:
    """A job's translation as ``finish_job`` stores it: one 1-1 bead a paragraph at confidence
    1.0, #1 and #2 flagged with the job's reasons."""
    reasons = {1: [GLOSSARY_REASON], 2: [NAME_REASON]}
    beads = [NewBead((i,), (i,), 1.0, bool(reasons.get(i)), "auto", None,
                     {"origin": "machine translation", "reasons": reasons.get(i, [])}) for i in range(4)]
    with Store.open(db) as store:
        return store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="es", source_segments=SOURCE,
                                       target_segments=MT, beads=beads,
                                       provenance={"method": "machine translation", "job": 1,
                                                   "engines": ["argos"]},
                                       title="Dockers → Dockers [es, MT]", user="tester")


@pytest.fixture
def translated(env):
    return env, mt_alignment(env)


def _bead_meta(at: AppTest) -> list[str]:
    """The line under each bead's text (#, kind, score or stamp, status), as drawn."""
    import re

    html = " ".join(h.proto.body for h in at.get("html"))
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<div class="wb-meta">(#\d+ ·.*?)</div>', html)]


def test_a_machine_translated_bead_says_mt_not_a_confidence(translated):
    """A job's translation opened for post-editing showed every bead as "1.00", the flagged
    ones too (a glossary term missing, a name the model lost): it read as a sure alignment.
    A bead the model translated says so ("MT"), and a flagged one says why, without a score."""
    _, aid = translated
    at = opened_alignment(aid)
    meta = _bead_meta(at)
    assert len(meta) == 4, meta
    assert not any("1.00" in m for m in meta), meta
    assert all("MT" in m for m in meta), meta
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "&#x27;general strike&#x27; should be &#x27;huelga general&#x27;" in html
    assert "dropped &#x27;DİSK&#x27;" in html


def test_bulk_confirm_says_how_many_it_leaves_and_why(translated):
    """"Confirm" offered "Confirm 2 unreviewed beads" of 4 and said nothing of the other two:
    she took it for all the beads and the flagged ones stayed behind unseen. It says what it
    leaves for a look and why, and that it confirms the machine translations as they stand."""
    db, aid = translated
    with Store.open(db) as store:
        plan = review.bulk_confirm(store, aid, 0.95)
    assert plan.positions == [0, 3]
    assert plan.left == "2 flagged beads are left for a look: 1 glossary term missing, " \
                        "1 name or protected term lost by the model."
    at = opened_alignment(aid)
    [button] = [b for b in at.button if b.key == "review_bulk"]
    assert button.label == "Confirm 2 machine translations as they stand"
    captions = " ".join(c.value for c in at.caption)
    assert "2 flagged beads are left for a look" in captions
    button.click().run()
    assert not at.exception
    with Store.open(db) as store:
        assert [b.status for b in store.alignments.beads(aid)] == ["accepted", "auto", "auto", "accepted"]


def test_bulk_confirm_of_an_aligned_pair_names_the_beads_below_the_threshold(store):
    """For an aligned pair the line counts both the flagged beads and those below the slider."""
    beads = [NewBead((0,), (0,), 0.99), NewBead((1,), (1,), 0.91), NewBead((2,), (2,), 0.97, True,
                                                                         features={"length_z": 3.0}),
             NewBead((3,), (3,), 0.99, status="accepted")]
    aid = store.alignments.create(unit="sentence", src_lang="en", tgt_lang="es", source_segments=SOURCE,
                                  target_segments=MT, beads=beads, provenance={}, title="t", user="tester")
    plan = review.bulk_confirm(store, aid, 0.95)
    assert plan.positions == [0]
    assert plan.left == ("1 flagged bead is left for a look: 1 the two sides differ in length more than "
                         "translations usually do. 1 bead below 0.95 is left too.")


def test_align_again_keeps_the_flags_of_a_machine_translation(translated):
    """"Align again" on a job's translation aligned its paragraphs afresh: the beads lost the
    job's flags (the missing glossary term, the name the model lost) and read 0.94 like an
    aligner's guess, and bulk confirm then accepted them unseen. The job paired them: the
    untouched ones are kept as they were, and the page offers no "Align again" for them."""
    db, aid = translated
    with Store.open(db) as store:
        review.accept(store, aid, 0, "tester")
        before = store.alignments.beads(aid)
        assert review.realign(store, aid, "tester") == 1
        after = store.alignments.beads(aid)
        assert [(b.source, b.target, b.confidence, b.needs_review, b.features) for b in after] == \
            [(b.source, b.target, b.confidence, b.needs_review, b.features) for b in before]
        assert review.bulk_confirm(store, aid, 0.0).positions == [3]
    at = opened_alignment(aid)
    assert at.button(key="review_realign").disabled


def test_an_export_says_a_bead_is_machine_translation_not_a_sure_alignment(translated, tmp_path):
    """Exported with every bead (not only the accepted ones), a job's translation went to her
    CAT tool as units with "x-confidence 1.000", the model's words unmarked: a memory read them
    as sure human translations. A unit nobody post-edited says it is machine translation (TMX
    x-origin, an XLIFF note); no bead of a job carries an alignment confidence (CSV: empty)."""
    from workbench.formats.csv_pairs import read_csv_pairs
    from workbench.formats.tmx import read_pairs as read_tmx
    from workbench.formats.xliff import read_pairs as read_xliff

    db, aid = translated
    with Store.open(db) as store:
        review.accept(store, aid, 0, "tester")
        tmx, n = review.export_text(store, aid, "tmx", accepted_only=False)
        xliff, _ = review.export_text(store, aid, "xliff", accepted_only=False)
        csv_text, _ = review.export_text(store, aid, "csv", accepted_only=False)
    units = read_tmx(tmx.encode(), "mt.tmx").units
    assert n == 4 and [u.props.get("x-origin") for u in units] == [
        None, "machine translation (argos)", "machine translation (argos)", "machine translation (argos)"]
    assert not any("x-confidence" in u.props for u in units)
    assert [u.props["x-status"] for u in units] == ["accepted", "auto", "auto", "auto"]
    notes = [u.props.get("x-note") for u in read_xliff(xliff.encode(), "mt.xlf").units]
    assert notes[1:] == ["machine translation (argos)"] * 3, notes
    path = tmp_path / "mt.csv"
    path.write_text(csv_text, encoding="utf-8")
    assert [r.confidence for r in read_csv_pairs(path)] == [None] * 4


def test_stats_of_a_machine_translation_show_no_alignment_confidence(translated):
    """Stats said "Mean confidence 1.00" for a job's translation, its chart one bar at 1.0: the
    same sure look as its beads had. It says the beads are machine translation, with the flagged ones."""
    db, aid = translated
    with Store.open(db) as store:
        summary = review.confidence_summary(store, aid)
    assert summary.mean_confidence is None and summary.paired_by == "MT"
    at = opened_alignment(aid)
    at.switch_page("views/stats.py").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mean confidence"] == "MT", metrics
    assert metrics["Flagged"] == "2"
    assert any("4 beads are a job's machine translation" in c.value for c in at.caption)


def test_a_bilingual_file_opened_for_review_says_its_beads_come_from_the_file(env):
    """Her CAT tool's XLIFF, opened for review, showed every bead as "1.00" like a sure
    alignment, and *Align again* aligned its segments afresh, as if the file had not paired
    them. Each bead says "file"; the pairing is the file's: nothing to align again."""
    from workbench.bilingual import import_bilingual
    from workbench.formats.base import PairsFile
    from workbench.formats.tmx import TmxUnit
    from workbench.formats.xliff import write_pairs

    units = [TmxUnit({"en": s, "es": t}) for s, t in zip(SOURCE, MT)]
    data = write_pairs(PairsFile(tuple(units), "en", "es", original="dockers")).encode()
    with Store.open(env) as store:
        aid = import_bilingual(store, data, "dockers.xlf", user="tester").alignment_id
        before = [(b.source, b.target, b.confidence) for b in store.alignments.beads(aid)]
        review.realign(store, aid, "tester")
        assert [(b.source, b.target, b.confidence) for b in store.alignments.beads(aid)] == before
        tmx, _ = review.export_text(store, aid, "tmx", accepted_only=False)
    assert "x-confidence" not in tmx
    at = opened_alignment(aid)
    meta = _bead_meta(at)
    assert len(meta) == 4 and all(" · file · " in m for m in meta), meta
    assert at.button(key="review_realign").disabled


def test_the_command_line_shows_mt_not_a_confidence(translated, capsys):
    """`workbench alignments show` printed 1.00 on every bead of a job's translation, as the page did."""
    from workbench.cli import main

    _, aid = translated
    assert main(["alignments", "show", str(aid)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(" MT   auto " in line for line in lines), lines
    assert "1.00" not in "\n".join(lines)
