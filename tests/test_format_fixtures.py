"""Files modelled on what OmegaT, Okapi, Weblate and TBX-Basic's examples write (the
cases the workbench refused or read with losses): each imports, and the summary says
what was mapped, kept as a note or left out, with its count."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main
from workbench.formats.tmx import read_tmx
from workbench.glossary.termbase import GLOSSARY_LOADED_KEY
from workbench.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


@pytest.fixture
def empty_env(env):
    """The isolated environment without the shared glossary (the fixtures' own concepts only)."""
    with Store.open(env) as store:
        store.set_meta(GLOSSARY_LOADED_KEY, "skipped")
    return env


def run(capsys, *argv) -> tuple[int, list[str]]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert out.err == ""
    return code, out.out.splitlines()


GLOSSARY_CASES = {
    "general-subject.tbx": [
        "2 concepts added, 0 changed, 0 conflicting (not imported), 0 unchanged.",
        "  kept term 'context' as a note of the term (no field for it)",
        "  2 × made an id a slug (e.g. 'C1' -> 'c1')",
        "  mapped subject 'General' to 'general'",
        "  kept 'externalCrossReference' as a note (no field for it)",
        "  kept term 'termType' as a note of the term (no field for it)",
        "  kept subject 'Economics' as a note (subject set to 'general')",
    ],
    "standardized.tbx": [
        "1 concepts added, 0 changed, 0 conflicting (not imported), 0 unchanged.",
        "  2 × mapped administrativeStatus 'standardizedTerm-admn-sts' to 'preferred'",
        "  mapped language code 'DE' to 'de'",
        "  made an id a slug (e.g. 'entry_1' -> 'entry-1')",
    ],
    "weblate.tbx": [
        "2 concepts added, 0 changed, 0 conflicting (not imported), 0 unchanged.",
        "  kept 'Usage note' as a note (no field for it)",
        "  mapped administrativeStatus 'obsolete' to 'forbidden'",
        "  kept term 'translationNote' as a note of the term (no field for it)",
        "  made an id a slug (e.g. 'Shop steward' -> 'shop-steward')",
    ],
    "dct-style.tbx": [
        "2 concepts added, 0 changed, 0 conflicting (not imported), 0 unchanged.",
        "  kept term 'termType' as a note of the term (no field for it)",
        "  took a language section's definition as the concept's (e.g. en)",
        "  kept subject 'Industrial relations' as a note (subject set to 'general')",
    ],
}


@pytest.mark.parametrize("name", list(GLOSSARY_CASES))
def test_glossary_fixture_imports_with_a_summary(empty_env, capsys, name):
    code, lines = run(capsys, "glossary", "import", str(FIXTURES / name))
    assert code == 0
    assert [lines[0].split(": ", 1)[1]] + lines[1:] == GLOSSARY_CASES[name]


def test_dct_style_fields_are_not_lost(empty_env, capsys):
    run(capsys, "glossary", "import", str(FIXTURES / "dct-style.tbx"))
    with Store.open(empty_env) as store:
        lockout, picket = store.glossary.get("lockout"), store.glossary.get("picket")
    assert (lockout.subject, lockout.definition) == (
        "unions", "An employer closing the workplace to force terms on the workers.")
    assert [(t.lang, t.text, t.status, t.pos, t.gender) for t in lockout.terms] == [
        ("de", "Aussperrung", "preferred", "noun", "feminine"), ("de", "Aussperren", "deprecated", "verb", None),
        ("en", "lockout", "preferred", "noun", None)]
    assert picket.subject == "general" and "subjectField: Industrial relations" in picket.note
    assert picket.definition == "A line of strikers at a workplace gate."
    assert [t.pos for t in picket.terms_in("en")] == ["phrase"]


PAIRS_CASES = {
    ("region-variants.tmx",): [
        "6 translation memory units added or updated",
        "  kept 6 inline codes as placeholders like {1}…{/1}",
        "  3 × kept region variants of one language as separate languages (en-gb ↔ en-us)",
    ],
    ("okapi.xlf",): [
        "4 translation memory units added or updated",
        "  skipped 1 segment(s) without a translation (no target, empty or state 'initial')",
    ],
    ("bilingual-21.xlf",): [
        "4 translation memory units added or updated",
        "  skipped 1 segment(s) without a translation (no target, empty or state 'initial')",
    ],
    ("weblate.csv", "--from", "en", "--to", "es"): [
        "2 translation memory units added or updated",
        "  skipped 1 row(s): an empty text",
        "  skipped 1 row(s): marked fuzzy (needs editing)",
    ],
    ("cr-endings.csv", "--from", "en", "--to", "de"): ["2 translation memory units added or updated"],
}


@pytest.mark.parametrize("args", list(PAIRS_CASES), ids=lambda a: a[0])
def test_tm_fixture_imports_with_a_summary(empty_env, capsys, args):
    code, lines = run(capsys, "tm", "import", str(FIXTURES / args[0]), *args[1:])
    assert code == 0
    assert [lines[0].split(": ", 1)[1]] + lines[1:] == PAIRS_CASES[args]


def test_region_variants_keep_their_codes_and_inline_codes(empty_env, capsys):
    run(capsys, "tm", "import", str(FIXTURES / "region-variants.tmx"))
    with Store.open(empty_env) as store:
        assert store.tm.pairs() == [("en-gb", "en-us", 3), ("en-us", "en-gb", 3)]
        [unit] = [u for u in store.tm.units("en-us", "en-gb") if "Center" in u.source]
    assert (unit.source, unit.target) == ("Click {1}Center{/1} to align.", "Click {1}Centre{/1} to align.")


def test_cr_line_ends_and_quoted_breaks(empty_env, capsys):
    run(capsys, "tm", "import", str(FIXTURES / "cr-endings.csv"), "--from", "en", "--to", "de")
    with Store.open(empty_env) as store:
        assert [(u.source, u.target) for u in store.tm.units("en", "de")] == [
            ("The union won.", "Der Gewerkschaft gelang es."),
            ("A strike,\rthen a lockout.", "Ein Streik,\rdann eine Aussperrung.")]


def test_alignment_tmx_import_then_export_writes_each_pair_once(empty_env, capsys, tmp_path):
    run(capsys, "tm", "import", str(FIXTURES / "okapi.xlf"))
    out = tmp_path / "again.tmx"
    assert run(capsys, "tm", "export", str(out))[0] == 0
    assert len(read_tmx(out)) == 2            # stored in both directions, written once
    assert run(capsys, "tm", "import", str(out))[1][0].endswith(": 4 translation memory units added or updated")


def test_xliff_as_a_document_pair_for_review(empty_env, capsys):
    code, lines = run(capsys, "tm", "import", str(FIXTURES / "bilingual-21.xlf"), "--review")
    assert code == 0 and lines[0].endswith("3 segments stored for review as document pair 1, alignment 1")
    from workbench.review import bead_texts

    with Store.open(empty_env) as store:
        record = store.alignments.get(1)
        beads = store.alignments.beads(1)
        texts = bead_texts(record, beads)
        assert store.tm.count() == 0
    assert [(b.kind, b.status) for b in beads] == [("1-1", "accepted"), ("1-1", "auto"), ("1-0", "auto")]
    assert [(t.source, t.target) for t in texts] == [
        ("Workers {1}occupy{/1} the factory", "Los obreros {1}ocupan{/1} la fábrica"),
        ("The strike entered its third week.{2/}", "La huelga entró en su tercera semana.{2/}"),
        ("Talks resume on Monday.", "")]


def test_no_pairs_at_all_is_an_error_not_a_silent_zero(empty_env, capsys, tmp_path):
    path = tmp_path / "one-language.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Alone.</seg>'
                    "</tuv></tu></body></tmx>", encoding="utf-8")
    assert main(["tm", "import", str(path)]) == 2
    assert capsys.readouterr().err == (f"Error: {path}: no segment pairs to import (1 units, languages: en)\n")


def test_glossary_upload_log_and_tbx_v2_download(store):
    """What the app's Import / export section calls: the upload's read log, the v2 download."""
    from workbench.formats.base import ReadLog
    from workbench.glossary.termbase import export_bytes, import_bytes

    log = ReadLog()
    report = import_bytes(store, (FIXTURES / "weblate.tbx").read_bytes(), "weblate.tbx", user="ana", log=log)
    assert report.added == 2 and "mapped administrativeStatus 'obsolete' to 'forbidden'" in log.lines()
    v2 = export_bytes(store.glossary.current(), "tbx", dialect="v2").decode("utf-8")
    assert v2.count("<termEntry ") == 2 and "<martif " in v2


def test_bilingual_upload_for_review_is_all_or_nothing(store):
    from workbench.bilingual import import_bilingual
    from workbench.errors import FormatError

    with pytest.raises(FormatError, match=r"^broken\.xlf: line 1"):
        import_bilingual(store, b"<xliff version='2.0'><file>", "broken.xlf", user="ana")
    assert store.documents.count() == 0 and store.alignments.list() == []
    done = import_bilingual(store, (FIXTURES / "okapi.xlf").read_bytes(), "okapi.xlf", user="ana")
    assert (done.segments, store.documents.count()) == (3, 2)
    assert done.log == ("kept 1 segment(s) without a translation (no target, empty or state 'initial')",)


def test_columns_map_any_layout(empty_env, capsys, tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("Streik\tID-7\tstrike\nAussperrung\tID-8\tlockout\n\tID-9\tempty source\n", encoding="utf-8")
    code, lines = run(capsys, "tm", "import", str(path), "--columns", "de,-,en", "--from", "en")
    assert (code, lines) == (0, [f"{path}: 2 translation memory units added or updated",
                                 "  skipped 1 row(s): an empty text"])
    with Store.open(empty_env) as store:
        assert [(u.source, u.target) for u in store.tm.units("en", "de")] == [
            ("strike", "Streik"), ("lockout", "Aussperrung")]
        assert [(u.source, u.target) for u in store.tm.units("en", "und")] == []
    assert main(["tm", "import", str(path), "--columns", "de,whatever,en"]) == 2
    assert capsys.readouterr().err == ("Error: --columns: 'whatever' is not one of source, target, note, fuzzy, "
                                       "src_lang, tgt_lang, - or a language code\n")


def test_omegat_style_tsv_without_header_and_a_short_line(empty_env, capsys, tmp_path):
    path = tmp_path / "omegat.tsv"
    path.write_text("huelga\tstrike\tcommon\npiquete\tpicket\nsolo una columna\n", encoding="utf-8")
    assert main(["tm", "import", str(path), "--from", "es", "--to", "en"]) == 2
    assert capsys.readouterr().err == f"Error: {path}: line 3: expected at least 2 columns, got 1\n"
    with Store.open(empty_env) as store:
        assert store.tm.count() == 0                      # nothing half-imported


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_alignment_tmx_says_its_segmentation(store, unit):
    from defusedxml import ElementTree

    from workbench import review

    source = ["The strike began on 3 March.", "The workers met in Berlin."]
    target = ["Der Streik begann am 3. März.", "Die Arbeiter trafen sich in Berlin."]
    aid = review.align_texts(store, source, target, "en", "de", unit=unit, user="ana", title="t")
    review.accept_many(store, aid, [0, 1], "ana")
    text, n = review.export_text(store, aid, "tmx")
    assert n == 2 and ElementTree.fromstring(text.encode()).find("header").get("segtype") == unit


def test_xliff_unit_notes_reach_the_first_segment_even_after_ignorable_text():
    from workbench.formats.xliff import loads_xliff, segments_of

    data = (FIXTURES / "bilingual-21.xlf").read_bytes()
    assert [s.notes for s in segments_of(loads_xliff(data, "a.xlf"))][0] == (("comment", "Headline."),)
    moved = data.replace(b'<segment id="s1" state="reviewed">', b'<ignorable><source> </source></ignorable>'
                                                                 b'<segment id="s1" state="reviewed">')
    assert [s.notes for s in segments_of(loads_xliff(moved, "b.xlf"))][0] == (("comment", "Headline."),)


def test_weblate_glossary_csv_imports_as_one_language_pair(empty_env, capsys, tmp_path):
    path = tmp_path / "glossary-tr.csv"
    path.write_text('"location","source","target","id","fuzzy","context","translator_comments","developer_comments"\n'
                    '"","shop steward","işyeri temsilcisi","","False","","elected by the workers",""\n'
                    '"","scab","grev kırıcı","","False","","",""\n', encoding="utf-8")
    code, lines = run(capsys, "glossary", "import", str(path), "--src", "en", "--tgt", "tr")
    assert (code, lines[1:]) == (0, ["  read a source/target CSV (Weblate's or translate-toolkit's layout) "
                                     "as one language pair"])
    assert lines[0].endswith("2 concepts added, 0 changed, 0 conflicting (not imported), 0 unchanged.")
    with Store.open(empty_env) as store:
        [steward] = [c for c in store.glossary.current().concepts if c.label("en") == "shop steward"]
    assert [(t.lang, t.text, t.note) for t in steward.terms] == [
        ("en", "shop steward", ""), ("tr", "işyeri temsilcisi", "elected by the workers")]


def test_tbx_v2_ntig_term_groups_are_read():
    from workbench.formats.tbx import loads_tbx

    data = ("<martif type='TBX'><text><body><termEntry id='x-0'><langSet xml:lang='en'><ntig><termGrp>"
            "<term>picket </term></termGrp></ntig></langSet><langSet xml:lang='cs'><ntig><termGrp><term>hlídka</term>"
            "</termGrp></ntig></langSet></termEntry></body></text></martif>")
    [c] = loads_tbx(data).concepts
    assert [(t.lang, t.text) for t in c.terms] == [("cs", "hlídka"), ("en", "picket")]
