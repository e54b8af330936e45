"""The termbase model and the canonical TOML file."""

from pathlib import Path

import pytest

from workbench.errors import FormatError, InputError, NotFoundError
from workbench.glossary import Concept, Glossary, Term, dumps, load_glossary, loads, write_glossary

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "glossaries" / "political-terms.toml"

SAMPLE = '''# Shared glossary of political terms. Format: see glossaries/README.md
[[concept]]
id = "regime-union"
subject = "unions"
status = "approved"
definition = "A union integrated into the state apparatus."
note = ""
version = 2

[[concept.term]]
lang = "de"
text = "Regimegewerkschaft"
gender = "feminine"

[[concept.term]]
lang = "en"
text = "regime union"

[[concept.term]]
lang = "tr"
text = "sarı sendika"
status = "forbidden"
note = "A \\"yellow\\" union is a different concept."

[[concept]]
id = "ugt"
subject = "organisations"
status = "approved"
definition = ""
note = ""
version = 1

[[concept.term]]
lang = "es"
text = "UGT"
pos = "properNoun"
variants = ["U.G.T."]
case_sensitive = true
proper_name = true
gloss = "General Union of Workers (Spain)"
'''


def test_shared_file_round_trips_byte_for_byte():
    text = SHARED.read_text(encoding="utf-8")
    glossary = load_glossary(SHARED)
    assert len(glossary) >= 250
    assert dumps(glossary) == text


def test_sample_round_trips_and_reads_every_key():
    g = loads(SAMPLE)
    assert dumps(g) == SAMPLE
    ugt = g.concept("ugt").terms[0]
    assert (ugt.pos, ugt.variants, ugt.case_sensitive, ugt.proper_name) == ("properNoun", ("U.G.T.",), True, True)
    union = g.concept("regime-union")
    assert union.version == 2
    assert [t.lang for t in union.terms] == ["de", "en", "tr"]
    assert union.terms_in("tr")[0].note == 'A "yellow" union is a different concept.'
    assert [c.id for c, t in g.terms("en")] == ["regime-union"]


def test_writer_sorts_concepts_and_terms(tmp_path):
    c = Concept("b-concept", "unions", "draft", terms=(
        Term("en", "zeta", status="admitted"), Term("en", "beta", status="forbidden", note="why"), Term("de", "Alpha")))
    g = Glossary((c, Concept("a-concept", "classes", terms=(Term("en", "x"),))))
    path = write_glossary(g, tmp_path / "out.toml")
    back = load_glossary(path)
    assert [c.id for c in back.concepts] == ["a-concept", "b-concept"]
    assert [t.text for t in back.concept("b-concept").terms] == ["Alpha", "zeta", "beta"]
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("old, new, message", [
    ('status = "forbidden"', 'status = "prefered"',
     "g.toml: line 2: concept 'regime-union': term 3 (tr 'sarı sendika'): status 'prefered' is not one of"),
    ('subject = "unions"', 'subject = "sport"', "concept 'regime-union': subject 'sport' is not one of"),
    ('version = 2', 'version = 0', "concept 'regime-union': version must be an integer >= 1"),
    ('gender = "feminine"', 'genus = "feminine"', "concept 'regime-union': term 1: unknown key 'genus'"),
    ('id = "ugt"', 'id = "UGT!"', "g.toml: line 25: concept 'UGT!': id 'UGT!' must be a lowercase slug"),
])
def test_bad_files_name_the_concept_and_field(old, new, message):
    with pytest.raises(FormatError) as err:
        loads(SAMPLE.replace(old, new, 1), name="g.toml")
    assert message in str(err.value)


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(FormatError, match="g.toml: "):
        loads("[[concept]\nid = 1", name="g.toml")
    with pytest.raises(InputError, match="no such glossary file"):
        load_glossary(tmp_path / "missing.toml")


def test_concept_lookup():
    g = loads(SAMPLE)
    with pytest.raises(NotFoundError, match="no concept with id 'nope'"):
        g.concept("nope")
    assert "ugt" in g and g.concept("ugt").is_name


LONG_DEFINITION = ("A union tied to the state or to the employers by law and by money, whose officials keep "
                   "the members quiet.")


@pytest.mark.parametrize("old, new, shown", [
    # a sentence added at the end: both sides read as the same first 60 characters
    (LONG_DEFINITION, LONG_DEFINITION + " Not the same as a yellow union.", "Not the same as a yellow union."),
    # a word changed in the middle of a long text
    (LONG_DEFINITION, LONG_DEFINITION.replace("officials", "leaders"), "leaders keep"),
    # a short change is shown whole, as before
    ("A union of the state.", "A union of the regime.", "'A union of the state.' → 'A union of the regime.'"),
])
def test_history_line_shows_what_changed_in_a_long_text(old, new, shown):
    """The History and the conflict box say what a colleague changed; a long definition's
    change was cut away on both sides of the arrow."""
    from dataclasses import replace

    from workbench.glossary.model import describe_changes

    before = Concept(id="regime-union", subject="unions", definition=old, terms=(Term(lang="en", text="regime union"),))
    line = describe_changes(before, replace(before, definition=new, version=2))
    assert line.startswith("definition ")
    assert shown in line
    assert len(line) < 140
