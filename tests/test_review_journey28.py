"""Journey 1 (Review) follow-ups to the one-sided beads of journey 26: the command line said
the aligner's 0.97 for them, alignments stored before they were flagged kept them unflagged,
and the upload box kept the last two files, so that the next two made four."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from tests.test_review_journey26 import SOURCE, TARGET, _skips
from workbench.store import Store
from workbench.store.alignments import NewBead


def test_the_command_line_says_only_in_source_or_target_not_the_aligners_score(env, capsys):
    """`workbench alignments show` printed 0.97 on a 1-0 and a 0-1 bead, where the page says
    "only in source" / "only in target"; its columns stay in line."""
    from workbench.cli import main

    with Store.open(env) as store:
        aid = _skips(store)
    assert main(["alignments", "show", str(aid)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5, lines
    assert " only in source " in lines[2] and " only in target " in lines[4], lines
    assert "0.97" not in "\n".join(lines) and " 0.99 " in lines[0], lines
    assert len({line.index(" auto ") for line in lines}) == 1, lines      # the status column lines up


def _old_alignment(store) -> int:
    """An alignment as stored before one-sided beads were flagged: #2 (1-0) and #4 (0-1) unflagged
    at the aligner's 0.97, #5 (1-0) she confirmed unaligned, #6 (0-1) whose target she typed, #7 (1-0)
    the aligner flagged itself (low confidence)."""
    beads = [NewBead((0,), (0,), 0.99), NewBead((1,), (1,), 0.98), NewBead((2,), (), 0.9683),
             NewBead((3,), (2,), 0.99), NewBead((), (3,), 0.9683),
             NewBead((4,), (), 0.9683, False, "unaligned"), NewBead((), (4,), 0.9683, False, "auto", "Nachwort"),
             NewBead((5,), (), 0.41, True)]
    return store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="de",
                                   source_segments=SOURCE + ["A closing line.", "A short postscript."],
                                   target_segments=TARGET + ["Schlusszeile."], beads=beads, provenance={},
                                   title="Dockers → Hafen (old)", user="tester")


def test_an_alignment_stored_before_lists_its_one_sided_beads_for_review_after_the_migration(database):
    """Beads without counterpart stored before they were flagged (0.97, unflagged) were missed by
    the "needs review" filter and the count of flagged beads. Migration 0839 flags those nobody
    has touched, on SQLite and PostgreSQL; what she confirmed or typed stays as she left it."""
    from workbench import review
    from workbench.store.migrations import MIGRATIONS

    name = "0839_one_sided_beads_flagged"
    assert name in [m[0] for m in MIGRATIONS]
    with Store.open(database) as store:
        aid = _old_alignment(store)
        with store.transaction():       # the store as an older version left it
            store.connection.execute("DELETE FROM schema_migrations WHERE name = ?", (name,))
        assert [b.position for b in store.alignments.beads(aid, status="needs review")] == [7]
        assert store.alignments.progress(aid).needs_review == 1
    with Store.open(database) as store:
        assert [b.position for b in store.alignments.beads(aid, status="needs review")] == [2, 4, 7]
        assert store.alignments.progress(aid).needs_review == 3
        beads = store.alignments.beads(aid)
        assert [b.needs_review for b in beads] == [False, False, True, False, True, False, False, True]
        assert [(b.status, b.edited_target, b.updated_by) for b in beads[5:7]] == \
            [("unaligned", None, "tester"), ("auto", "Nachwort", "tester")]
        record = store.alignments.get(aid)
        assert review.flag_reasons(record, beads[2]) == ["no counterpart found on the other side"]
        assert store.migrate() == []


def _upload(at: AppTest, key: str, names: list[str], texts: list[str]) -> AppTest:
    for name, text in zip(names, texts):
        at.file_uploader(key=key).upload(name, text.encode("utf-8"), "text/plain")
    return at.run()


def _uploader_keys(at: AppTest) -> list[str]:
    return [w.key for w in at.get("file_uploader") if (w.key or "").startswith("review_files")]


def test_the_upload_box_is_empty_for_the_next_two_files_after_an_alignment(env):
    """She aligned two uploaded files, then dropped the next article's two: the box still held the
    first two, made four, and the page said "Choose exactly two files". Once the two files are
    aligned (stored as a pair), the box is empty for the next two; a refused upload keeps its files."""
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    [key] = _uploader_keys(at)
    _upload(at, key, ["dockers.en.txt", "hafen.de.txt"], ["\n\n".join(SOURCE), "\n\n".join(TARGET)])
    at.button(key="review_align_upload").click().run()
    assert not at.exception and not at.warning
    first = at.session_state["alignment_id"]
    [key] = _uploader_keys(at)
    assert not at.file_uploader(key=key).value, at.file_uploader(key=key).value
    _upload(at, key, ["miners.en.txt", "bergleute.de.txt"],
            ["The miners of the valley met in the chapel.\n\nThey voted to strike.",
             "Die Bergleute des Tals trafen sich in der Kapelle.\n\nSie stimmten für den Streik."])
    at.button(key="review_align_upload").click().run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    assert at.session_state["alignment_id"] != first
    with Store.open(env) as store:
        record = store.alignments.get(at.session_state["alignment_id"])
        names = {d.id: d.source_name for d in store.documents.list()}
    assert (names[record.source_doc_id], names[record.target_doc_id]) == ("miners.en.txt", "bergleute.de.txt")
    [key] = _uploader_keys(at)                                   # three files: refused, the three kept
    _upload(at, key, ["a.en.txt", "b.de.txt", "c.de.txt"], ["The strike.", "Der Streik.", "Die Streiks."])
    at.button(key="review_align_upload").click().run()
    assert [w.value for w in at.warning] == ["Choose exactly two files: the source first, then the target."]
    assert len(at.file_uploader(key=key).value) == 3


def _bilingual_uploader(at: AppTest):
    [box] = [w for w in at.get("file_uploader") if (w.key or "").startswith("review_bilingual")]
    return box


def test_the_bilingual_file_box_is_empty_after_the_file_is_opened(env):
    """"Open the bilingual file" opened her XLIFF, and the box under "Upload two files" still held
    it, where the two-file box above it is emptied once its files are aligned: the next file went in
    beside it. Once the file is opened (stored as an alignment), the box is empty for the next one;
    a refused file stays in the box, to see which one it was."""
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    _bilingual_uploader(at).upload("dockers.tsv", b"The dockers met.\tDie Hafenarbeiter trafen sich.\n"
                                                  b"They voted.\tSie stimmten ab.\n", "text/tab-separated-values")
    at.run()
    at.text_input(key="review_src_lang").input("en")
    at.text_input(key="review_tgt_lang").input("de").run()
    at.button(key="review_bilingual_open").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    first = at.session_state["alignment_id"]
    with Store.open(env) as store:
        assert store.alignments.get(first).title.startswith("dockers")
    assert not _bilingual_uploader(at).value, _bilingual_uploader(at).value
    _bilingual_uploader(at).upload("broken.xlf", b"<xliff>not closed", "application/xml")
    at.run()
    at.button(key="review_bilingual_open").click().run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert error.startswith("Error: broken.xlf: line 1"), error
    assert at.session_state["alignment_id"] == first
    assert _bilingual_uploader(at).value.name == "broken.xlf"          # kept: it was refused
