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


def nested_glossary() -> Glossary:
    return Glossary((
        Concept("communist-party", "parties", "approved", "", "", 1, (
            Term("tr", "Komünist Parti"), Term("en", "Communist Party"))),
        Concept("communist", "parties", "approved", "", "", 1, (
            Term("tr", "komünist"), Term("en", "communist"), Term("en", "commie", "forbidden", note="A slur."))),
        Concept("working-class", "classes", "approved", "", "", 1, (
            Term("tr", "işçi sınıfı"), Term("en", "working class"))),
        Concept("worker", "classes", "approved", "", "", 1, (Term("tr", "işçi"), Term("en", "worker"))),
    ))


def test_nested_concepts_are_checked_when_rendered_and_not_missing_otherwise():
    g = nested_glossary()
    found = [(f.kind, f.concept_id) for f in check_pair("Komünist Partisi", "the Communist Party", "tr", "en", g)]
    assert found == [("ok", "communist-party"), ("ok", "communist")]
    # 'working class' holds no 'worker': the nested concept is no missing term
    found = [(f.kind, f.concept_id) for f in check_pair("işçi sınıfının", "of the working class", "tr", "en", g)]
    assert found == [("ok", "working-class")]


def test_a_forbidden_rendering_of_a_nested_concept_is_reported():
    found = check_pair("Komünist Partisi", "the commie party", "tr", "en", nested_glossary())
    assert [(f.kind, f.concept_id) for f in found] == [("missing", "communist-party"), ("forbidden", "communist")]


def test_review_marks_join_a_nested_concept_into_the_longer_term():
    from workbench.align.annotate import Annotator

    marks = Annotator("tr", "en", nested_glossary(), foreign=False).marks("Komünist Partisi", "the commie party")
    [source_mark] = marks.source
    assert (source_mark.start, source_mark.end, source_mark.kind) == (0, 16, "forbidden")
    assert "communist-party" in source_mark.title and "communist" in source_mark.title.split(";")[1]
    assert marks.has_problem


def test_a_term_only_inside_a_longer_source_word_is_no_missing_term():
    # a paper's name carried over, or a compound whose rendering lacks the part ('dockers')
    assert kinds("Das Massenstreikblatt erschien.", "The Massenstreikblatt appeared.", "de", "en") == []
    assert kinds("Das Massenstreikblatt erschien.", "The paper appeared.", "de", "en") == []
    # rendered, the part is still reported; the word alone missing still is a finding
    assert kinds("Das Massenstreikblatt erschien.", "The mass strike paper appeared.", "de", "en") == [
        ("ok", "mass-strike")]
    assert kinds("Der Massenstreik begann.", "The strike began.", "de", "en") == [("missing", "mass-strike")]


def test_review_marks_tell_a_draft_concept_from_an_approved_one():
    from dataclasses import replace

    from workbench.align.annotate import Annotator, marks_html

    approved = glossary()
    draft = Glossary(tuple(replace(c, status="draft") if c.id == "strike" else c for c in approved.concepts))
    text = ("The regime union broke the strike.", "Rejim sendikası grevi kırdı.")
    assert [m.kind for m in Annotator("en", "tr", approved, foreign=False).marks(*text).target] == ["ok", "ok"]
    marks = Annotator("en", "tr", draft, foreign=False).marks(*text)
    assert [m.kind for m in marks.target] == ["ok", "draft"]
    assert "draft concept" in marks.target[1].title and not marks.has_problem
    assert marks_html(text[1], marks.target).endswith(
        '<mark class="wb-draft" title="draft: strike (draft concept, awaiting a second translator) '
        '(expected: grev)">grevi</mark> kırdı.')


def _march() -> Glossary:
    """'march' the noun (a demonstration), which English also writes as a verb."""
    return Glossary((Concept("demonstration", "struggle", "approved", "", "", 1, (
        Term("en", "demonstration"), Term("en", "march", "admitted"), Term("es", "manifestación"),
        Term("es", "marcha", "admitted"))),))


MARCH_AS_A_VERB = [
    "The pensioners who march in front of the ministry every Wednesday were beaten.",
    "The police closed the road, but they march on regardless.",
    "Workers will also march on Friday.",
    "The dockers will not march without the crane drivers.",
    "We march for wages, she marches for her son.",
    "The nurse who marches at the front carries the banner.",
    "Miners march from Soma to Ankara",
    "Soma miners march on Ankara: the company owes them wages.",
]
MARCH_AS_A_NOUN = [
    "The march reached the square at noon.",
    "Municipal workers joined the march in Eskişehir.",
    "They called it a march for bread.",
    "Who organised their march on the capital?",
    "After the march we went home.",
    "They sent greetings to all march organisers.",
    "Greetings to marches everywhere.",
    "A miners march from Soma reached Ankara.",
]


def test_march_used_as_a_verb_is_no_missing_term():
    """'march' as a verb ('who march', 'they march', 'will also march') was reported as the
    demonstration term with its rendering missing; the noun is still checked."""
    for sentence in MARCH_AS_A_VERB:
        found = check_pair(sentence, "Los jubilados protestan.", "en", "es", _march())
        assert [(f.kind, f.source_term) for f in found] == [], sentence
    for sentence in MARCH_AS_A_NOUN:
        found = check_pair(sentence, "La gente protesta.", "en", "es", _march())
        assert [(f.kind, f.source_term) for f in found] == [("missing", "march")], sentence
