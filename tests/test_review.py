"""Review actions on stored alignments: each one saved with who and when, undo,
re-alignment that keeps human work, translation memory, export."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given, settings, strategies as st

from workbench import review
from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.formats.beads import coverage_errors, parse_beads
from workbench.formats.csv_pairs import read_csv_pairs
from workbench.formats.tmx import read_tmx
from workbench.store import Store
from workbench.store.alignments import NewBead

SOURCE = ["The strike began on 3 March 1921.", "Workers met in Berlin.", "They demanded 12 marks.",
          "The police came at night.", "On 9 March the strike ended."]
TARGET = ["Der Streik begann am 3. März 1921.", "Die Arbeiter trafen sich in Berlin.",
          "Sie forderten 12 Mark.", "Die Polizei kam in der Nacht.", "Am 9. März endete der Streik."]


@pytest.fixture
def aligned(store):
    aid = review.align_texts(store, SOURCE, TARGET, "en", "de", user="ana", title="test")
    return store, aid


def _shape(store, aid):
    return [(b.source, b.target, b.status) for b in store.alignments.beads(aid)]


def test_alignment_is_stored_with_provenance(aligned):
    store, aid = aligned
    record = store.alignments.get(aid)
    assert record.source_segments == tuple(SOURCE) and record.created_by == "ana"
    assert record.provenance["aligner"].startswith("workbench-align")
    assert record.provenance["params"]["w_lex"] > 0
    assert _shape(store, aid) == [((i,), (i,), "auto") for i in range(5)]
    assert store.alignments.progress(aid).fraction == 0.0


def test_accept_records_who_and_when_and_fills_the_memory(aligned):
    store, aid = aligned
    review.accept(store, aid, 1, "ana")
    bead = store.alignments.bead_at(aid, 1)
    assert bead.status == "accepted" and bead.updated_by == "ana" and bead.updated_at
    assert [(u.source, u.target, u.created_by) for u in store.tm.units("en", "de")] == \
        [(SOURCE[1], TARGET[1], "ana")]
    entry = store.alignments.history(aid)[0]
    assert (entry.action, entry.user) == ("accept", "ana")
    assert store.alignments.progress(aid).reviewed == 1


def test_edit_merge_split_move_unaligned_and_undo_each(aligned):
    store, aid = aligned
    before = _shape(store, aid)
    review.edit_target(store, aid, 0, "Der Streik begann am 3. März.", "bob")
    assert store.alignments.bead_at(aid, 0).edited_target == "Der Streik begann am 3. März."
    assert _shape(store, aid)[0][2] == "accepted"           # any human action confirms the bead
    review.merge_next(store, aid, 1, "ana")
    assert _shape(store, aid)[1] == ((1, 2), (1, 2), "accepted")
    review.split(store, aid, 1, 1, 2, "ana")                 # a part left with one side has no counterpart
    assert _shape(store, aid)[1:3] == [((1,), (1, 2), "accepted"), ((2,), (), "unaligned")]
    review.move_segment(store, aid, 1, "target", "next", "ana")
    assert _shape(store, aid)[1:3] == [((1,), (1,), "accepted"), ((2,), (2,), "accepted")]
    review.mark_unaligned(store, aid, 3, "ana")
    assert _shape(store, aid)[3:5] == [((3,), (), "unaligned"), ((), (3,), "unaligned")]
    for expected_action in ("unaligned", "move", "split", "merge", "edit"):
        assert review.undo(store, aid, "ana").action == expected_action
    assert _shape(store, aid) == before
    assert store.alignments.bead_at(aid, 0).edited_target is None
    assert review.undo(store, aid, "ana") is None


def test_move_first_segment_to_previous_bead_and_empty_bead_disappears(aligned):
    store, aid = aligned
    review.move_segment(store, aid, 2, "source", "previous", "ana")
    review.move_segment(store, aid, 2, "target", "previous", "ana")
    shape = _shape(store, aid)
    assert shape[1] == ((1, 2), (1, 2), "accepted")
    assert len(shape) == 4
    beads = [type("B", (), {"source": s, "target": t})() for s, t, _ in shape]
    assert coverage_errors(beads, 5, 5) == []


@pytest.mark.parametrize("action,args,message", [
    (review.merge_next, (4,), "no next bead"),
    (review.split, (0, 1, 1), "leaves an empty bead"),
    (review.split, (0, 2, 0), "cannot split at 2/0"),
    (review.split, (0, 1, 0), "leaves no pair: use Unalign"),      # a 1-1 bead: two orphans
    (review.split, (0, 0, 1), "leaves no pair: use Unalign"),
    (review.move_segment, (0, "source", "previous"), "no previous bead"),
    (review.move_segment, (0, "middle", "next"), "side 'source' or 'target'"),
])
def test_impossible_actions_are_refused_and_change_nothing(aligned, action, args, message):
    store, aid = aligned
    before = _shape(store, aid)
    with pytest.raises(InputError, match=message):
        action(store, aid, *args, "ana")
    assert _shape(store, aid) == before
    assert store.alignments.history(aid) == []


def test_unknown_alignment_and_position(store):
    with pytest.raises(NotFoundError, match="no alignment with id 9"):
        review.accept(store, 9, 0, "ana")


def test_concurrent_change_is_a_conflict(aligned):
    store, aid = aligned
    seen = store.alignments.get(aid).updated_at
    review.accept(store, aid, 0, "bob")
    store.connection.execute("UPDATE alignments SET updated_at = 'later' WHERE id = ?", (aid,))
    bead = store.alignments.bead_at(aid, 1)
    with pytest.raises(ConflictError, match="changed by someone else"):
        store.alignments.replace_beads(aid, 1, 2, [bead.as_new(status="accepted")], action="accept",
                                       user="ana", expected_updated_at=seen)


def test_a_change_within_the_same_second_is_still_a_conflict(aligned):
    store, aid = aligned
    seen = store.alignments.get(aid).updated_at
    review.accept(store, aid, 0, "bob", seen=seen)          # bob, then ana at once from the same page
    with pytest.raises(ConflictError, match="changed by someone else"):
        review.accept(store, aid, 1, "ana", seen=seen)
    now_seen = store.alignments.get(aid).updated_at
    review.accept(store, aid, 1, "ana", seen=now_seen)      # after a reload: done
    review.undo(store, aid, "ana", seen=store.alignments.get(aid).updated_at)
    with pytest.raises(ConflictError):                      # the undo changed the alignment too
        review.accept(store, aid, 2, "bob", seen=now_seen)


def test_realign_keeps_every_bead_a_human_touched(aligned):
    store, aid = aligned
    review.merge_next(store, aid, 0, "ana")            # [0,1]:[0,1] confirmed
    review.edit_target(store, aid, 2, "Die Polizei kam.", "ana")  # bead of source 3
    review.mark_unaligned(store, aid, 3, "ana")        # source 4 / target 4 unaligned
    touched = [b for b in store.alignments.beads(aid) if b.touched]
    kept = review.realign(store, aid, "ana")
    assert kept == len(touched)
    after = store.alignments.beads(aid)
    for b in touched:
        assert any((a.source, a.target, a.status, a.edited_target) == (b.source, b.target, b.status,
                                                                        b.edited_target) for a in after)
    assert [(b.source, b.target) for b in after if not b.touched] == [((2,), (2,))]
    assert review.undo(store, aid, "ana").action == "realign"


def test_reopening_the_store_loses_nothing(tmp_path):
    path = tmp_path / "w.sqlite3"
    with Store.open(path) as store:
        aid = review.align_texts(store, SOURCE, TARGET, "en", "de", user="ana")
        review.accept(store, aid, 0, "ana")
        review.edit_target(store, aid, 1, "neu", "ana")
    with Store.open(path) as store:
        beads = store.alignments.beads(aid)
        assert beads[0].status == "accepted" and beads[1].edited_target == "neu"
        assert store.alignments.count(aid, "unreviewed") == 3   # the edit confirmed bead 1 too


def test_filters(aligned):
    store, aid = aligned
    review.accept(store, aid, 0, "ana")
    assert store.alignments.count(aid, "accepted") == 1
    assert store.alignments.count(aid, "unreviewed") == 4
    assert store.alignments.count(aid, "low confidence", threshold=1.01) == 5
    assert [b.position for b in store.alignments.beads(aid, offset=2, limit=2)] == [2, 3]
    with pytest.raises(InputError, match="bead filter must be one of"):
        store.alignments.count(aid, "nonsense")


def test_export_accepted_beads_as_tmx_csv_beads_json(aligned, tmp_path):
    store, aid = aligned
    review.accept(store, aid, 0, "ana")
    review.edit_target(store, aid, 2, "Sie verlangten 12 Mark.", "ana")
    review.accept(store, aid, 2, "ana")
    assert review.export_alignment(store, aid, tmp_path / "a.tmx", "tmx") == 2
    units = read_tmx(tmp_path / "a.tmx")
    assert [u.text("de") for u in units] == [TARGET[0], "Sie verlangten 12 Mark."]
    assert units[0].props["x-status"] == "accepted" and float(units[0].props["x-confidence"]) > 0
    assert units[0].tuid == f"a{aid}-b0" and units[0].creationdate and units[0].creationid == "ana"
    assert review.export_alignment(store, aid, tmp_path / "a.csv", "csv") == 2
    rows = read_csv_pairs(tmp_path / "a.csv")
    assert [(r.source, r.status) for r in rows] == [(SOURCE[0], "accepted"), (SOURCE[2], "accepted")]
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as f:
        assert next(csv.reader(f))[:4] == ["src_lang", "tgt_lang", "source", "target"]
    assert review.export_alignment(store, aid, tmp_path / "a.beads", "beads") == 5  # always every bead
    assert coverage_errors(parse_beads((tmp_path / "a.beads").read_text()), 5, 5) == []
    review.export_alignment(store, aid, tmp_path / "a.json", "json", accepted_only=False)
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert len(data["beads"]) == 5 and data["provenance"]["aligner"].startswith("workbench-align")
    with pytest.raises(InputError, match="export format must be one of"):
        review.export_alignment(store, aid, tmp_path / "a.xyz", "xyz")


def test_align_pair_needs_known_languages(store):
    from workbench.ingest import ingest_text

    a, _ = store.documents.add(ingest_text("Ein Absatz über den Streik.", source_name="a.txt"))
    b, _ = store.documents.add(ingest_text("A paragraph about the strike.", source_name="b.txt"), lang="en")
    pair = store.documents.add_pair(a, b)
    with pytest.raises(InputError, match="source document's language is unknown"):
        review.align_pair(store, pair)
    aid = review.align_stored(store, a, b, src_lang="de")
    assert store.alignments.get(aid).src_lang == "de"


def test_stats_summary(aligned):
    store, aid = aligned
    review.accept(store, aid, 0, "ana")
    summary = review.confidence_summary(store, aid)
    assert summary.total == 5 and summary.reviewed_fraction == 0.2
    assert sum(row["beads"] for row in summary.histogram) == 5
    assert summary.actions[-1]["actions so far"] == 1
    assert review.progress_table(store)[0]["accepted"] == 1


ACTIONS = st.tuples(st.sampled_from(["accept", "merge", "split", "move", "unaligned", "edit", "undo"]),
                    st.integers(0, 6), st.integers(0, 2), st.integers(0, 2),
                    st.sampled_from(["source", "target"]), st.sampled_from(["previous", "next"]))


@settings(max_examples=25, deadline=None)
@given(st.lists(ACTIONS, max_size=12))
def test_property_any_action_sequence_keeps_coverage_and_undoes_to_the_start(ops):
    with Store.open(":memory:") as store:
        aid = review.align_texts(store, SOURCE, TARGET, "en", "de", user="ana")
        start = _shape(store, aid)
        for name, pos, s_at, t_at, side, direction in ops:
            try:
                if name == "accept":
                    review.accept(store, aid, pos, "ana")
                elif name == "merge":
                    review.merge_next(store, aid, pos, "ana")
                elif name == "split":
                    review.split(store, aid, pos, s_at, t_at, "ana")
                elif name == "move":
                    review.move_segment(store, aid, pos, side, direction, "ana")
                elif name == "unaligned":
                    review.mark_unaligned(store, aid, pos, "ana")
                elif name == "edit":
                    review.edit_target(store, aid, pos, "neu", "ana")
                else:
                    review.undo(store, aid, "ana")
            except (InputError, NotFoundError):
                pass
            beads = store.alignments.beads(aid)
            assert coverage_errors(beads, 5, 5) == []
            assert [b.position for b in beads] == list(range(len(beads)))
        while review.undo(store, aid, "ana") is not None:
            pass
        assert _shape(store, aid) == start


def test_actions_refuse_a_stale_page(aligned):
    store, aid = aligned
    seen = store.alignments.get(aid).updated_at
    review.accept(store, aid, 0, "ana", seen=seen)                  # the page was current: done
    review.merge_next(store, aid, 3, "ana")
    stale = "2000-01-01T00:00:00+00:00"
    for action, args in ((review.merge_next, (0,)), (review.accept, (1,)), (review.edit_target, (1, "x")),
                         (review.split, (3, 1, 1)), (review.move_segment, (1, "source", "previous")),
                         (review.mark_unaligned, (1,))):
        with pytest.raises(ConflictError, match="changed by someone else"):
            action(store, aid, *args, "bob", seen=stale)
    with pytest.raises(ConflictError, match="latest action is theirs"):
        review.undo(store, aid, "bob", seen=stale)
    assert [b.status for b in store.alignments.beads(aid)] == ["accepted", "auto", "auto", "accepted"]


def test_split_options_offer_the_likely_split_first(aligned):
    store, aid = aligned
    review.merge_next(store, aid, 0, "ana")
    bead = store.alignments.bead_at(aid, 0)
    options = review.split_options(bead)
    # (2, 0) and (0, 2) would leave two beads without a counterpart: that is Unalign
    assert options[0] == (1, 1) and sorted(options) == sorted({(s, t) for s in range(3) for t in range(3)}
                                                              - {(0, 0), (2, 2), (2, 0), (0, 2)})
    assert review.split_label(bead, 1, 1) == "source 1 + target 1 | source 2 + target 2"
    assert review.split_label(bead, 0, 1) == "target 1 alone | source 1–2 + target 2"


@pytest.mark.parametrize("langs, expected", [
    (["English", None], "source language 'English': give an ISO 639 code"),
    ([None, "es-AR"], "target language 'es-AR': give an ISO 639 code"),
])
def test_uploaded_pair_needs_language_codes(store, langs, expected):
    files = [("a.txt", b"The strike began."), ("b.txt", "La huelga empezó.".encode())]
    with pytest.raises(InputError, match=expected):
        review.align_uploaded(store, files, langs)
    assert store.documents.list() == []


def test_uploaded_pair_takes_codes_in_any_case(store):
    files = [("a.txt", b"The strike began."), ("b.txt", "La huelga empezó.".encode())]
    pair_id, _ = review.align_uploaded(store, files, [" EN ", "es"])
    pair = store.documents.get_pair(pair_id)
    assert (pair.source_lang, pair.target_lang) == ("en", "es")


def test_every_human_action_confirms_and_feeds_the_memory(aligned):
    """Post-editing counts: an edited, merged or moved bead is confirmed with who and
    when, and its pair goes to the translation memory at once."""
    from workbench import tm

    store, aid = aligned
    assert store.tm.count("en", "de") == 0
    review.edit_target(store, aid, 0, "Der Streik begann am 3. März 1921 in Berlin.", "bob")
    review.merge_next(store, aid, 1, "ana")
    bead = store.alignments.bead_at(aid, 0)
    assert (bead.status, bead.updated_by) == ("accepted", "bob")
    assert review.human_stamp(bead).startswith("bob, ")
    assert store.tm.count("en", "de") == 4   # the edit; the merged pair whole and sentence by sentence
    hit = tm.lookup(store, "The strike began on 3 March 1921.", "en", "de", fuzzy=False)
    assert hit.exact is not None and hit.exact.target == "Der Streik begann am 3. März 1921 in Berlin."
    merged = tm.lookup(store, "Workers met in Berlin. They demanded 12 marks.", "en", "de", fuzzy=False)
    assert merged.exact is not None and merged.exact.target == "Die Arbeiter trafen sich in Berlin. Sie forderten 12 Mark."


def test_bulk_confirm_takes_only_sure_unflagged_unreviewed_beads(aligned):
    store, aid = aligned
    review.mark_unaligned(store, aid, 4, "ana")
    beads = store.alignments.beads(aid)
    sure = review.sure_positions(store, aid, 0.5)
    assert sure == [b.position for b in beads if b.status == "auto" and not b.needs_review and b.confidence >= 0.5]
    assert 4 not in sure and 5 not in sure
    assert review.sure_positions(store, aid, 1.01) == []
    review.accept_many(store, aid, sure, "ana")
    assert all(store.alignments.bead_at(aid, p).status == "accepted" for p in sure)
    assert review.sure_positions(store, aid, 0.5) == []


def test_flag_reasons_say_why_a_bead_needs_a_look(store):
    from workbench.store.alignments import NewBead

    beads = [NewBead((0,), (0,), 0.55, True, features={"length_z": 3.1, "dice": 0.0, "margin": 0.1}),
             NewBead((1,), (), 0.9, True),
             NewBead((2,), (1,), 1.0, True, features={"reasons": [
                 "glossary term missing: 'strike' should be 'Streik'",
                 "name or protected term lost by the model: dropped 'DİSK'",
                 "glossary term missing: 'lockout' should be 'Aussperrung'",
                 "name or protected term lost by the model: dropped 'Birleşik Metal-İş'"]}),
             NewBead((3,), (2,), 0.97, False, features={"length_z": 0.2, "dice": 0.5})]
    aid = store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="de",
                                  source_segments=["a", "b", "c", "d"], target_segments=["x", "y", "z"],
                                  beads=beads, provenance={"review_margin": 0.5}, title="t", user="ana")
    record = store.alignments.get(aid)
    reasons = [review.flag_reasons(record, b) for b in store.alignments.beads(aid)]
    assert reasons == [
        ["the two sides differ in length more than translations usually do",
         "few shared names, numbers or glossary terms",
         "another way of aligning these segments is nearly as likely", "low confidence (0.55)"],
        ["no counterpart found on the other side"],
        ["glossary term missing: 'strike' should be 'Streik', 'lockout' should be 'Aussperrung'",
         "name or protected term lost by the model: dropped 'DİSK', dropped 'Birleşik Metal-İş'"],
        []]
    review.accept(store, aid, 0, "ana")
    assert review.flag_reasons(record, store.alignments.bead_at(aid, 0)) == []   # a human dealt with it


def test_a_flagged_bead_is_never_coloured_sure():
    from workbench.align.annotate import confidence_colour

    sure, doubtful = confidence_colour(1.0, "auto"), confidence_colour(0.8, "auto")
    assert confidence_colour(1.0, "auto", flagged=True) == doubtful != sure
    assert confidence_colour(1.0, "accepted", flagged=True) == confidence_colour(1.0, "accepted")


def test_an_edited_target_splits_at_its_own_sentences_the_fitting_split_first(store):
    """She cut a long sentence of a merged bead's target in two: the split options count her
    sentences (the fitting one first), the stored segments are shared out by length, and the
    part she rewrote keeps her text, line break and all."""
    src = ["The organisers of the strike committee met in the union hall on Monday evening.",
           "They voted to stay out."]
    tgt = ["Los organizadores del comité de huelga se reunieron en el local del sindicato el lunes por la noche.",
           "Votaron seguir en huelga."]
    aid = store.alignments.create(unit="sentence", src_lang="en", tgt_lang="es", source_segments=src,
                                  target_segments=tgt, beads=[NewBead((0, 1), (0, 1), 0.9)], provenance={},
                                  title="hall", user="tester")
    mine = "Los organizadores del comité de huelga se reunieron. Fue en el local del sindicato el lunes por la noche."
    review.edit_target(store, aid, 0, f"{mine}\n{tgt[1]}", "tester")
    record, bead = store.alignments.get(aid), store.alignments.bead_at(aid, 0)
    options = review.split_options(bead, record)
    assert review.split_label(bead, *options[0], record) == "source 1 + target 1–2 | source 2 + target 3"
    review.split(store, aid, 0, *options[0], "tester")
    assert [(b.source, b.target, b.edited_target) for b in store.alignments.beads(aid)] == [
        ((0,), (0,), mine), ((1,), (1,), None)]
