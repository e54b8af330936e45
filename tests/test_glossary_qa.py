"""Term QA of a source/target pair."""

from workbench.glossary import Concept, Glossary, Term, check_pair


def glossary() -> Glossary:
    return Glossary((
        Concept("regime-union", "unions", "approved", "", "", 1, (
            Term("en", "regime union"), Term("tr", "rejim sendikası"), Term("tr", "devlet sendikası", "admitted"),
            Term("tr", "sarı sendika", "forbidden", note="An employer-founded union is another concept."))),
        Concept("strike", "struggle", "approved", "", "", 1, (Term("en", "strike"), Term("tr", "grev"))),
        Concept("lockout", "struggle", "approved", "", "", 1, (Term("en", "lockout"), Term("tr", "lokavt"))),
        Concept("yellow-union", "unions", "approved", "", "", 1, (
            Term("en", "yellow union"), Term("tr", "sarı sendika"))),
        Concept("general-strike", "struggle", "approved", "", "", 1, (
            Term("en", "general strike"), Term("de", "Generalstreik"))),
        Concept("mass-strike", "struggle", "approved", "", "", 1, (
            Term("en", "mass strike"), Term("de", "Massenstreik"), Term("de", "Generalstreik", "forbidden"))),
        Concept("disk", "organisations", "approved", "", "", 1, (
            Term("tr", "DİSK", pos="properNoun", proper_name=True, gloss="a confederation"),)),
    ))


def kinds(source, target, src="en", tgt="tr"):
    return [(f.kind, f.concept_id) for f in check_pair(source, target, src, tgt, glossary())]


def test_preferred_term_is_ok_even_inflected():
    assert kinds("The regime union broke the strike.", "Rejim sendikası grevi kırdı.") == [
        ("ok", "regime-union"), ("ok", "strike")]


def test_admitted_term_is_reported_as_admitted():
    findings = check_pair("The regime union", "Devlet sendikasının yöneticileri", "en", "tr", glossary())
    assert [(f.kind, f.target_term) for f in findings] == [("admitted", "devlet sendikası")]
    assert "rejim sendikası" in findings[0].message


def test_missing_term():
    [f] = check_pair("A lockout began.", "İşverenler kapıları kapattı.", "en", "tr", glossary())
    assert (f.kind, f.concept_id, f.expected) == ("missing", "lockout", ("lokavt",))
    assert f.source_span == (2, 9)


def test_forbidden_term_for_the_source_concept():
    [f] = check_pair("the regime union", "sarı sendika", "en", "tr", glossary())
    assert (f.kind, f.concept_id, f.target_term) == ("forbidden", "regime-union", "sarı sendika")
    assert "employer-founded" in f.message


def test_forbidden_target_term_is_reported_whatever_the_source():
    findings = check_pair("The workers struck.", "Generalstreik!", "en", "de", glossary())
    assert [(f.kind, f.concept_id, f.source_term) for f in findings] == [("forbidden", "mass-strike", None)]


def test_a_term_right_for_its_own_concept_is_not_forbidden():
    assert kinds("the general strike", "der Generalstreik", "en", "de") == [("ok", "general-strike")]
    assert kinds("the mass strike", "der Generalstreik", "en", "de") == [("forbidden", "mass-strike")]


def test_proper_name_kept_is_ok_and_concepts_without_target_terms_are_skipped():
    assert kinds("DİSK called a strike.", "DİSK'in çağrısıyla grev başladı.") == [
        ("ok", "disk"), ("ok", "strike")]
    assert kinds("the general strike", "la huelga general", "en", "es") == []
