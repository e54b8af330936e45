"""Backticks are inline code only where the format says so: in .md and .html a code span is
masked and comes back untranslated; in a .txt (or a .docx, .odt) they are characters of the
sentence, which the engine sees as they are."""

from __future__ import annotations

import io
import random
import string

import pytest

from workbench.cli import main
from workbench.store import Store
from workbench.translate.batch import translate_files
from workbench.translate.documents import engine_sentences, sentence_translator, translate_document
from workbench.translate.engine import StandInEngine

LEXICON = {"the": "la", "strike": "huelga", "union": "sindicato", "join": "unirse", "type": "escriba",
           "to": "para", "goes": "sigue", "on": "adelante"}
TEXT = "The strike goes on.\n\nType `strike` to join the union.\n"


class Recorder(StandInEngine):
    """The stand-in engine, recording every sentence it is given."""

    def __init__(self):
        super().__init__({("en", "es"): LEXICON})
        self.seen: list[str] = []

    def translate(self, sentences, src, tgt, **kwargs):
        self.seen += list(sentences)
        return super().translate(sentences, src, tgt, **kwargs)


def _job(tmp_path, files: dict[str, bytes]) -> tuple[Recorder, dict[str, bytes], dict[str, str]]:
    """(engine, output files, source -> target of every segment) of one job over ``files``."""
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    engine = Recorder()
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, engine, paths, ["es"], "en")
        segments = {}
        for item in result.items:
            for s in store.jobs.segments(item.id):
                segments[f"{item.source_name}: {s.source}"] = s.target
    return engine, {f.name: f.data for f in result.files}, segments


def test_a_txt_sentence_with_backticks_goes_to_the_engine_as_it_is_and_keeps_them(tmp_path):
    engine, files, _ = _job(tmp_path, {"notes.txt": TEXT.encode()})
    assert "Type `strike` to join the union." in engine.seen           # no placeholder
    assert not any("QC" in s for s in engine.seen)
    assert files["notes.es.txt"].decode() == "La huelga sigue adelante.\n\nEscriba `huelga` para unirse la sindicato.\n"


def test_a_markdown_code_span_is_still_masked_and_comes_back_untranslated(tmp_path):
    engine, files, _ = _job(tmp_path, {"notes.md": TEXT.encode()})
    assert "Type QC0Z to join the union." in engine.seen
    assert files["notes.es.md"].decode() == "La huelga sigue adelante.\n\nEscriba `strike` para unirse la sindicato.\n"


def test_an_html_code_element_is_still_masked(tmp_path):
    page = b"<html><body><p>Type <code>strike</code> to join the union.</p></body></html>"
    engine, files, _ = _job(tmp_path, {"page.html": page})
    assert engine.seen == ["Type QC0Z to join the union."]
    assert b"<p>Escriba <code>strike</code> para unirse la sindicato.</p>" in files["page.es.html"]


def test_one_sentence_in_a_txt_and_a_md_of_one_job_is_translated_as_each_format_reads_it(tmp_path):
    """The job translates a sentence once for all its documents; the same words are code in the
    .md and text in the .txt, so they are two translations."""
    engine, files, segments = _job(tmp_path, {"a.txt": TEXT.encode(), "b.md": ("# B\n\n" + TEXT).encode()})
    assert sorted(s for s in engine.seen if s.startswith("Type")) == ["Type QC0Z to join the union.",
                                                                      "Type `strike` to join the union."]
    assert segments["a.txt: Type `strike` to join the union."] == "Escriba `huelga` para unirse la sindicato."
    assert segments["b.md: Type `strike` to join the union."] == "Escriba `strike` para unirse la sindicato."
    assert "Escriba `huelga`" in files["a.es.txt"].decode() and "Escriba `strike`" in files["b.es.md"].decode()


def test_backticks_in_a_docx_paragraph_are_characters(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Type `strike` to join the union.")
    data = io.BytesIO()
    document.save(data)
    engine, files, _ = _job(tmp_path, {"notes.docx": data.getvalue()})
    assert engine.seen == ["Type `strike` to join the union."]
    out = docx.Document(io.BytesIO(files["notes.es.docx"]))
    assert [p.text for p in out.paragraphs] == ["Escriba `huelga` para unirse la sindicato."]


@pytest.mark.parametrize("name, inline_code, expected", [
    ("notes.md", True, "Escriba `strike` para unirse la sindicato.\n"),
    ("notes.txt", False, "Escriba `huelga` para unirse la sindicato.\n"),
])
def test_sentence_translator_masks_code_spans_only_when_told(name, inline_code, expected):
    translate = sentence_translator(engine_sentences(Recorder(), "en", "es"), "en", inline_code=inline_code)
    assert translate_document(b"Type `strike` to join the union.\n", name, translate).decode() == expected


def test_the_cli_translates_a_txt_with_backticks_as_text(tmp_path, monkeypatch, capsys):
    from workbench.translate import factory

    monkeypatch.setattr(factory, "build_engine", lambda *a, **k: Recorder())
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    code = main(["--db", str(tmp_path / "w.sqlite3"), "translate", str(tmp_path / "notes.txt"), "--to", "es",
                 "--from", "en", "--out", str(tmp_path / "out")])
    assert code == 0, capsys.readouterr()
    assert "Escriba `huelga` para unirse" in (tmp_path / "out" / "notes.es.txt").read_text(encoding="utf-8")


def test_the_cli_says_how_many_segments_of_older_rules_it_translated_again(tmp_path, monkeypatch, capsys):
    import json

    from workbench.translate import factory

    monkeypatch.setattr(factory, "build_engine", lambda *a, **k: Recorder())
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    args = ["--db", str(tmp_path / "w.sqlite3"), "translate", str(tmp_path / "notes.txt"), "--to", "es", "--from", "en",
            "--out", str(tmp_path / "out")]
    assert main(args) == 0
    with Store.open(tmp_path / "w.sqlite3") as store:
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["translated_again"], out["left_post_edited"], out["already_translated"]) == (1, 0, False)


# ------------------------------------------------------------------ translations made under older rules

OLD_TARGET = "Escriba `strike` para unirse la sindicato."   # the code span kept as code: the old rule's output


def _as_made_under_the_old_rule(store: Store, source: str, target: str = OLD_TARGET) -> None:
    """What a store from before the rule versions holds for a .txt translated when every backtick
    pair was masked as inline code: the code span kept untranslated, and rules 1 (the column's
    default for the rows migration 0835 found)."""
    with store.transaction() as conn:
        conn.execute("UPDATE translation_segments SET target = ?, rules = 1 WHERE source = ?", (target, source))
        conn.execute("UPDATE translation_segments SET rules = 1")


def test_a_finished_txt_job_made_when_backticks_were_code_is_translated_again_only_where_the_rule_matters(tmp_path, database):
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    with Store.open(database) as store:
        translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
        engine = Recorder()
        again = translate_files(store, engine, [tmp_path / "notes.txt"], ["es"], "en")
        assert engine.seen == ["Type `strike` to join the union."]   # the sentence without backticks is kept
        assert (again.redone, again.already_done) == (1, False)
        assert again.how == "continued: 1 segment made under older rules translated again"
        files = {f.name: f.data.decode() for f in again.files}
        assert files["notes.es.txt"] == "La huelga sigue adelante.\n\nEscriba `huelga` para unirse la sindicato.\n"
        [segment] = [s for s in store.jobs.segments(again.items[0].id) if "`" in s.source]
        assert (segment.previous_target, segment.rules) == (OLD_TARGET, 2)    # nothing lost: the old one is kept
        third = translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        assert (third.already_done, third.redone) == (True, 0)


def test_a_md_job_of_the_old_rule_is_kept_whole_since_its_code_spans_were_and_are_code(tmp_path, database):
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")
    with Store.open(database) as store:
        first = translate_files(store, Recorder(), [tmp_path / "notes.md"], ["es"], "en")
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
        engine = Recorder()
        again = translate_files(store, engine, [tmp_path / "notes.md"], ["es"], "en")
        assert (engine.seen, again.redone, again.already_done, again.job_id) == ([], 0, True, first.job_id)


def test_the_old_rules_translation_confirmed_into_the_tm_is_not_reused_for_another_txt(tmp_path, database):
    """A post-editor who accepted the old machine translation unchanged put it into the TM: a
    .txt with the same sentence must not take it from there as if it were current."""
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "other.txt").write_text("Comrades, listen.\n\nType `strike` to join the union.\n", encoding="utf-8")
    with Store.open(database) as store:
        translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
        store.tm.add_unit("en", "es", "Type `strike` to join the union.", OLD_TARGET, "alignment 1", "ana")
        store.tm.add_unit("en", "es", "The strike goes on.", "¡La huelga sigue!", "alignment 1", "ana")
        other = translate_files(store, Recorder(), [tmp_path / "other.txt"], ["es"], "en")
        segments = {s.source: s for s in store.jobs.segments(other.items[0].id)}
        assert segments["Type `strike` to join the union."].origin == "mt"
        assert segments["Type `strike` to join the union."].target == "Escriba `huelga` para unirse la sindicato."
        again = translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        kept = {s.source: s for s in store.jobs.segments(again.items[0].id)}
        assert kept["Type `strike` to join the union."].origin == "mt"      # the stale unit is not taken
        assert kept["The strike goes on."].target == "La huelga sigue adelante."   # current: kept as it was


def test_a_very_long_sentence_is_stored_and_found_again_as_an_older_translation(tmp_path, database):
    """The segments' source is indexed for the look-up of older translations; PostgreSQL's B-tree
    would refuse a key over ~2.7 kB (a sentence of a page, hard to compress) at the insert."""
    rng = random.Random(836)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9))) for _ in range(900)]
    long_sentence = "The strike " + " ".join(words) + " goes on."
    (tmp_path / "long.txt").write_text(long_sentence + "\n", encoding="utf-8")
    with Store.open(database) as store:
        result = translate_files(store, Recorder(), [tmp_path / "long.txt"], ["es"], "en")
        [segment] = store.jobs.segments(result.items[0].id)
        assert segment.source == long_sentence and len(segment.source.encode()) > 5000
        older = store.jobs.older_translations("en", "es", [long_sentence, "Not translated before."], 3)
        assert [(source, target) for source, target, _, _ in older] == [(long_sentence, segment.target)]


@pytest.mark.sqlite_only
def test_looking_up_older_translations_reads_the_segments_of_those_sources_only(tmp_path):
    """A planning with TM hits asks for them on every job: on a store of many old jobs it must not
    read the whole segment table (counted in SQLite's virtual machine steps, not timed)."""
    with Store.open(tmp_path / "wb.sqlite3") as store:
        translate_files(store, Recorder(), [_written(tmp_path / "notes.txt", TEXT)], ["es"], "en")
        with store.transaction() as conn:   # 20,000 segments of old jobs of the same language pair
            conn.executemany("INSERT INTO translation_segments (job_id, item_id, idx, para_idx, start, \"end\", "
                             "source, target, origin, rules) SELECT job_id, item_id, ?, 0, 0, 1, ?, 'x', 'mt', 1 "
                             "FROM translation_segments LIMIT 1",
                             [(100 + n, f"Old sentence number {n}.") for n in range(20_000)])
        steps = []
        store.connection.set_progress_handler(lambda: steps.append(1), 100)
        older = store.jobs.older_translations("en", "es", ["Old sentence number 7.", "The strike goes on."], 3)
        store.connection.set_progress_handler(None, 0)
        assert {source for source, *_ in older} == {"Old sentence number 7.", "The strike goes on."}
        assert len(steps) < 20    # a scan of the table takes over 2,000 (20,000 rows, several steps each)


def _written(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_tm_unit_with_a_placeholder_left_in_its_target_is_not_reused(tmp_path, database):
    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    with Store.open(database) as store:
        store.tm.add_unit("en", "es", "Type `strike` to join the union.", "Escriba QC0Z para unirse.", "import", "ana")
        result = translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        assert "QC0Z" not in {f.name: f.data.decode() for f in result.files}["notes.es.txt"]


def test_a_paragraph_the_old_rules_cut_otherwise_is_planned_again_with_the_current_segments(tmp_path, database):
    (tmp_path / "notes.txt").write_text("The strike goes on. Join the union.\n", encoding="utf-8")
    with Store.open(database) as store:
        first = translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        [item] = first.items
        with store.transaction() as conn:   # an older segmentation gave the paragraph as one segment
            conn.execute("DELETE FROM translation_segments WHERE item_id = ?", (item.id,))
            conn.execute("INSERT INTO translation_segments (job_id, item_id, idx, para_idx, start, \"end\", source, "
                         "target, origin, chunk, rules) VALUES (?, ?, 0, 0, 0, 35, ?, ?, 'mt', 0, 1)",
                         (first.job_id, item.id, "The strike goes on. Join the union.", "Old."))
        engine = Recorder()
        again = translate_files(store, engine, [tmp_path / "notes.txt"], ["es"], "en")
        assert sorted(engine.seen) == ["Join the union.", "The strike goes on."]
        assert again.redone == 2 and [s.source for s in store.jobs.segments(item.id)] == sorted(engine.seen)[::-1]
        assert {f.name: f.data.decode() for f in again.files}["notes.es.txt"] == \
            "La huelga sigue adelante. Unirse la sindicato.\n"


def test_a_translation_post_edited_under_the_old_rule_is_left_with_its_edits(tmp_path, database):
    """Translating it again would make a new pair, away from her edits: it is left as it is, and said."""
    from workbench import review

    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "more.txt").write_text("Type `strike` to join the union.\n\nThe union goes on.\n", encoding="utf-8")
    paths = [tmp_path / "notes.txt", tmp_path / "more.txt"]
    with Store.open(database) as store:
        first = translate_files(store, Recorder(), paths, ["es"], "en")
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
        notes = first.items[0]
        review.accept(store, store.alignments.latest(notes.pair_id, "paragraph"), 0, "ana")
        engine = Recorder()
        again = translate_files(store, engine, paths, ["es"], "en")
        assert engine.seen == ["Type `strike` to join the union."]          # for more.txt only
        assert (again.redone, again.kept_post_edited) == (1, 1)
        assert again.how == ("continued: 1 segment made under older rules translated again; 1 segment made under "
                             "older rules left as they are, in translations post-edited in Review")
        assert again.items[0].pair_id == notes.pair_id
        assert {s.source: s.target for s in store.jobs.segments(notes.id)}["Type `strike` to join the union."] == \
            OLD_TARGET


def test_resuming_a_job_by_its_id_also_translates_again_what_the_old_rule_made(tmp_path, database):
    from workbench.translate.batch import resume_job

    (tmp_path / "notes.txt").write_text(TEXT, encoding="utf-8")
    with Store.open(database) as store:
        first = translate_files(store, Recorder(), [tmp_path / "notes.txt"], ["es"], "en")
        _as_made_under_the_old_rule(store, "Type `strike` to join the union.")
        engine = Recorder()
        again = resume_job(store, first.job_id, engine)
        assert (engine.seen, again.redone) == (["Type `strike` to join the union."], 1)
        assert "Escriba `huelga` para unirse" in {f.name: f.data.decode() for f in again.files}["notes.es.txt"]
