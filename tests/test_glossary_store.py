"""The glossary in the store: first start, editing, conflicts, history,
export back to the canonical file; term candidates and concordance."""

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.demo import ensure_first_start
from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.glossary import Concept, Glossary, Term, load_glossary
from workbench.glossary.candidates import accept_candidate, candidates_from_store, find_candidates
from workbench.glossary.corpus import AlignedUnit, aligned_units, concordance, snippet
from workbench.glossary.termbase import (concept_from_form, export_file, filter_concepts, import_file,
                                         resolve_conflict, similar_concepts)
from workbench.ingest import ingest_text
from workbench.settings import load_settings
from workbench.store import Store

SHARED = Path(__file__).resolve().parent.parent / "glossaries" / "political-terms.toml"


@pytest.fixture
def started(env):
    """A store after first start with no demo corpus: the shared glossary is loaded."""
    settings = load_settings()
    with Store.open(env) as s:
        ensure_first_start(s, settings)
        yield s


def concept(cid="strike", note=""):
    return Concept(cid, "struggle", "approved", "A stoppage of work.", note, 1,
                   (Term("en", "strike"), Term("de", "Streik"), Term("tr", "grev")))


def test_new_store_starts_with_the_shared_glossary_and_exports_it_unchanged(started, tmp_path):
    assert started.glossary.count() == len(load_glossary(SHARED))
    out = export_file(started, tmp_path / "out.toml")
    assert out.read_bytes() == SHARED.read_bytes()
    # a second start loads nothing again
    assert not ensure_first_start(started, load_settings())
    assert started.glossary.count() == len(load_glossary(SHARED))


def test_save_creates_then_updates_with_history(store):
    created = store.glossary.save(concept(), expected_version=None, user="ana")
    assert created.version == 1
    updated = store.glossary.save(replace(created, note="Also 'Ausstand'."), expected_version=1, user="bob")
    assert updated.version == 2 and store.glossary.get("strike").note == "Also 'Ausstand'."
    history = store.glossary.history("strike")
    assert [(h.version, h.action, h.user) for h in history] == [(2, "updated", "bob"), (1, "created", "ana")]
    assert "note" in history[0].summary and history[1].snapshot.note == ""
    with pytest.raises(InputError, match="already exists"):
        store.glossary.save(concept(), expected_version=None, user="ana")


def test_two_connections_editing_the_same_concept_conflict(tmp_path):
    db = tmp_path / "shared.sqlite3"
    with Store.open(db) as first, Store.open(db) as second:
        first.glossary.save(concept(), expected_version=None, user="setup")
        mine = first.glossary.get("strike")
        theirs = second.glossary.get("strike")
        first.glossary.save(replace(mine, note="edit by ana"), expected_version=mine.version, user="ana")
        with pytest.raises(ConflictError) as exc:
            second.glossary.save(replace(theirs, note="edit by bob"), expected_version=theirs.version, user="bob")
        message = str(exc.value)
        assert "ana" in message and "edit by ana" in message and "version 2" in message
        assert exc.value.theirs.note == "edit by ana"
        assert second.glossary.get("strike").note == "edit by ana"          # nothing overwritten
        history = second.glossary.history("strike")
        notes = {(h.action, h.user): h.snapshot.note for h in history}
        assert notes[("updated", "ana")] == "edit by ana"
        assert notes[("refused", "bob")] == "edit by bob"                  # both versions visible
        # bob has seen the other edit and keeps his version
        resolved = resolve_conflict(second, "strike", user="bob")
        assert (resolved.version, resolved.note) == (3, "edit by bob")


def test_keep_mine_keeps_their_changes_to_what_i_did_not_change(store):
    """Bea saved a note while Ana edited the definition and a term; Ana's save was refused
    and she kept hers: Bea's note was gone (Keep mine saved Ana's whole form, with the note as it
    was when she opened the concept), and "theirs stays in the history" did not say so."""
    opened = store.glossary.save(concept(), expected_version=None, user="setup")
    es = Term("es", "huelga", note="Usual word.")
    theirs = store.glossary.save(replace(opened, note="Bea's note.", terms=opened.terms + (es,)),
                                 expected_version=1, user="bea")
    mine = replace(opened, definition="Ana's definition.",
                   terms=tuple(replace(t, note="Ana's term note.") if t.lang == "de" else t for t in opened.terms)
                   + (Term("it", "sciopero"),))
    with pytest.raises(ConflictError):
        store.glossary.save(mine, expected_version=1, user="ana")
    kept = resolve_conflict(store, "strike", user="ana")
    assert (kept.version, kept.definition, kept.note) == (3, "Ana's definition.", "Bea's note.")
    expected = {(t.lang, t.text, "Ana's term note." if t.lang == "de" else t.note) for t in theirs.terms}
    assert {(t.lang, t.text, t.note) for t in kept.terms} == expected | {("it", "sciopero", "")}
    # where both changed the same field, hers is what she keeps
    again = store.glossary.save(replace(kept, note="Bea again."), expected_version=3, user="bea")
    with pytest.raises(ConflictError):
        store.glossary.save(replace(kept, note="Ana's note."), expected_version=3, user="ana")
    assert resolve_conflict(store, "strike", user="ana").note == "Ana's note." and again.version == 4


def test_delete_with_a_stale_version_is_refused(store):
    store.glossary.save(concept(), expected_version=None, user="ana")
    store.glossary.save(replace(concept(), note="x"), expected_version=1, user="bob")
    with pytest.raises(ConflictError):
        store.glossary.delete("strike", expected_version=1, user="ana")
    store.glossary.delete("strike", expected_version=2, user="ana")
    with pytest.raises(NotFoundError):
        store.glossary.get("strike")
    assert store.glossary.history("strike")[0].action == "deleted"


def test_bad_import_writes_nothing(store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("concept_id,lang,text,status\nstrike,en,strike,\nlockout,en,lockout,maybe\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3"):
        import_file(store, bad, user="ana")
    assert store.glossary.count() == 0


def test_form_rows_build_a_validated_concept():
    rows = [{"lang": "en", "text": " strike ", "status": "preferred", "variants": "strikes | struck"},
            {"lang": "", "text": ""}]
    c = concept_from_form("strike", "struggle", "draft", "", "", 1, rows)
    assert c.terms == (Term("en", "strike", variants=("strikes", "struck")),)
    with pytest.raises(InputError, match="term row 1"):
        concept_from_form("strike", "struggle", "draft", "", "", 1, [{"lang": "en", "text": "x", "status": "?"}])


def test_filter_concepts_by_text_language_status_subject():
    g = Glossary((concept(), replace(concept("lockout"), subject="unions", status="draft",
                                     terms=(Term("en", "lockout"), Term("tr", "lokavt")))))
    assert [c.id for c in filter_concepts(g, "GREV", lang="tr")] == ["strike"]
    assert [c.id for c in filter_concepts(g, lang="de")] == ["strike"]
    assert [c.id for c in filter_concepts(g, status="draft")] == ["lockout"]
    assert [c.id for c in filter_concepts(g, subject="unions")] == ["lockout"]


# ---------------------------------------------------------------- candidates and concordance

EN = ["The dockers began a strike at dawn.", "The lockout of the port ended in March.",
      "A strike committee met the dockers again.", "The harbour police watched the lockout.",
      "The strike committee asked the dockers for patience.", "Nobody spoke about wages."]
DE = ["Die Hafenarbeiter begannen im Morgengrauen einen Streik.", "Die Aussperrung des Hafens endete im März.",
      "Ein Streikkomitee traf die Hafenarbeiter erneut.", "Die Hafenpolizei beobachtete die Aussperrung.",
      "Das Streikkomitee bat die Hafenarbeiter um Geduld.", "Niemand sprach über Löhne."]


def store_reviewed_pair(store, source, target, *, label="port en→de", status="accepted", langs=("en", "de")):
    """A document pair with gold beads and a stored paragraph alignment whose beads
    have ``status`` (``accepted``: a reviewer confirmed them)."""
    from workbench.store.alignments import NewBead

    en, _ = store.documents.add(ingest_text("\n\n".join(source), source_name=f"{label}.{langs[0]}.txt"),
                                lang=langs[0])
    de, _ = store.documents.add(ingest_text("\n\n".join(target), source_name=f"{label}.{langs[1]}.txt"),
                                lang=langs[1])
    gold = "".join(f"[{i}]:[{i}]\n" for i in range(len(source)))
    pair = store.documents.add_pair(en, de, label=label, gold_beads=gold)
    store.alignments.create(unit="paragraph", src_lang=langs[0], tgt_lang=langs[1], source_segments=source,
                            target_segments=target,
                            beads=[NewBead((i,), (i,), status=status) for i in range(len(source))], provenance={},
                            pair_id=pair, source_doc_id=en, target_doc_id=de)
    return pair


@pytest.fixture
def pair_store(store):
    g = Glossary((concept(),))
    store.glossary.import_glossary(g, user="t")
    store_reviewed_pair(store, EN, DE)
    return store


def test_aligned_units_come_from_gold_beads(pair_store):
    units = aligned_units(pair_store, src_lang="de", tgt_lang="en")
    assert len(units) == len(EN)
    assert units[1].source.startswith("Die Aussperrung") and units[1].target.startswith("The lockout")


def test_candidates_propose_new_pairs_with_their_sources_and_skip_known_terms(pair_store):
    found = candidates_from_store(pair_store, "en", "de", limit=20)
    pairs = [(c.source, c.target) for c in found]
    assert ("dockers", "Hafenarbeiter") in pairs
    assert ("lockout", "Aussperrung") in pairs
    assert ("strike committee", "Streikkomitee") in pairs          # extends a known term
    assert not any(c.source == "strike" or c.target.startswith("Streik ") for c in found)   # known term
    lockout = next(c for c in found if c.source == "lockout")
    assert lockout.together == 2 and lockout.dice == 1.0
    assert {s.source_paragraphs for s in lockout.sources} == {(1,), (3,)}
    new = accept_candidate(pair_store, lockout, user="ana")
    assert (new.status, [t.text for t in new.terms]) == ("draft", ["Aussperrung", "lockout"])
    assert not any(c.source == "lockout" for c in candidates_from_store(pair_store, "en", "de"))


def test_a_candidate_whose_term_a_concept_has_is_not_a_second_concept(pair_store):
    """Candidates found together share terms ("Prozent → per cent", "Monaten → per cent": the same
    two paragraphs); accepted together they made three concepts per-cent, per-cent-2, per-cent-3
    with the one term "per cent". The second is refused, naming the concept that has the term."""
    found = candidates_from_store(pair_store, "en", "de", limit=20)
    lockout = next(c for c in found if c.source == "lockout")
    accept_candidate(pair_store, lockout, user="ana")
    again = replace(lockout, target="Aussperrungen")
    with pytest.raises(InputError, match=r"'lockout' \(en\) is a term of 'lockout' already"):
        accept_candidate(pair_store, again, user="ana")
    with pytest.raises(InputError, match=r"'Aussperrung' \(de\) is a term of 'lockout' already"):
        accept_candidate(pair_store, replace(lockout, source="shutout"), user="ana")
    assert [c.id for c in pair_store.glossary.current().concepts if c.id.startswith(("lockout", "shutout"))] == [
        "lockout"]
    added = accept_candidate(pair_store, again, user="ana", concept_id="lockout")   # into the concept: fine
    assert {t.text for t in added.terms} == {"lockout", "Aussperrung", "Aussperrungen"}


def test_the_homonym_warning_names_each_candidate_whose_term_a_concept_or_another_pick_has(pair_store):
    """Accept warns as New concept, Add term and Save do: each candidate with a term another
    concept has (case aside), or one picked before it has ("Prozent → per cent", "Monaten → per
    cent" accepted together), is named with whose term it is; a confirmed homonym is added."""
    from workbench.glossary.candidates import homonym_clashes, homonym_warning

    found = candidates_from_store(pair_store, "en", "de", limit=20)
    lockout = next(c for c in found if c.source == "lockout")
    dockers = next(c for c in found if c.source == "dockers")
    glossary = pair_store.glossary.current()
    assert homonym_clashes(glossary, [lockout, dockers]) == [] and homonym_warning(glossary, [lockout], "") == ""
    strike = replace(lockout, source="Strike", target="Arbeitsniederlegung")
    shared = replace(dockers, source="port workers", target="Aussperrung")
    assert homonym_clashes(glossary, [strike, lockout, dockers, shared]) == [
        "“Strike → Arbeitsniederlegung”: 'Strike' (en) is a term of 'strike' already (strike)",
        "“port workers → Aussperrung”: 'Aussperrung' (de) is a term of “lockout → Aussperrung” too, accepted with it"]
    warning = homonym_warning(glossary, [strike], go_on="Yes adds it as a new draft concept")
    assert warning.endswith("if it is another meaning with the same spelling, Yes adds it as a new draft concept.")
    with pytest.raises(InputError, match=r"'Strike' \(en\) is a term of 'strike' already"):
        accept_candidate(pair_store, strike, user="ana")            # unwarned: refused, as before
    added = accept_candidate(pair_store, strike, user="ana", homonym=True)
    assert (added.id, added.status) == ("strike-2", "draft")


def test_names_kept_as_they_are_and_month_names_are_not_proposed(store):
    en = ["Delegates came to Ankara in June.", "In June the delegates of Ankara voted.", "Ankara answered the delegates."]
    de = ["Delegierte kamen im Juni nach Ankara.", "Im Juni stimmten die Delegierten von Ankara ab.",
          "Ankara antwortete den Delegierten."]
    store_reviewed_pair(store, en, de, label="a")
    pairs = [(c.source, c.target) for c in candidates_from_store(store, "en", "de")]
    assert ("delegates", "Delegierten") in pairs
    assert not any("Ankara" in s or "June" in s for s, _ in pairs)


def test_candidates_come_only_from_confirmed_beads(store):
    store.glossary.import_glossary(Glossary((concept(),)), user="t")
    store_reviewed_pair(store, EN, DE, status="auto")          # the aligner's guesses, nobody confirmed them
    assert aligned_units(store, src_lang="en", tgt_lang="de")    # the concordance still sees them
    assert candidates_from_store(store, "en", "de") == []
    store_reviewed_pair(store, EN[:2] + EN[3:], DE[:2] + DE[3:], label="port 2")   # confirmed: 'lockout' twice
    found = candidates_from_store(store, "en", "de")
    assert ("lockout", "Aussperrung") in [(c.source, c.target) for c in found]
    assert {s.pair_label for c in found for s in c.sources} == {"port 2"}
    # the direction is the user's: de→en gives the same pair the other way round
    assert ("Aussperrung", "lockout") in [(c.source, c.target) for c in candidates_from_store(store, "de", "en")]


def test_everyday_words_and_names_are_not_proposed(store):
    en = ["Talks between the unions and Moscow failed.", "Between the shifts the unions met.",
          "Moscow paid nothing between May and June.", "The unions wrote to Moscow.", "Nobody spoke."]
    de = ["Gespräche zwischen den Gewerkschaften und Moskau scheiterten.",
          "Zwischen den Schichten trafen sich die Gewerkschaften.", "Moskau zahlte zwischen Mai und Juni nichts.",
          "Die Gewerkschaften schrieben nach Moskau.", "Niemand sprach."]
    store_reviewed_pair(store, en, de, label="k")
    pairs = [(c.source, c.target) for c in candidates_from_store(store, "en", "de")]
    assert ("unions", "Gewerkschaften") in pairs
    assert not any("between" in s.lower() or "zwischen" in t.lower() for s, t in pairs)   # everyday words
    assert not any("Moscow" in s for s, t in pairs)                                       # a name on both sides


def test_a_candidate_seen_only_in_headlines_and_at_sentence_starts_is_proposed_in_lower_case(store):
    """Its capital came from a title-case headline and sentence openings: accepted as it was,
    the glossary (and its TBX) held "Picket Lines" as if a name. German nouns keep theirs."""
    en = ["Picket Lines Hold At The Docks", "Picket lines stood at every gate.",
          "Workers joined. Picket lines grew overnight.", "Nobody crossed.",
          "The union thanked everyone who stood in the picket lines."]
    es = ["Los piquetes resisten en los muelles", "Piquetes se alzaron en cada puerta.",
          "Los obreros se sumaron. Los piquetes crecieron de noche.", "Nadie cruzó.",
          "El sindicato agradeció a quienes estuvieron en los piquetes."]
    store_reviewed_pair(store, en[:4], es[:4], label="h", langs=("en", "es"))
    pairs = [(c.source, c.target) for c in candidates_from_store(store, "en", "es")]
    assert ("picket lines", "piquetes") in pairs, pairs
    de = ["Streikposten Halten An Den Docks", "Streikposten standen an jedem Tor.",
          "Arbeiter kamen dazu. Streikposten wuchsen über Nacht.", "Niemand ging durch."]
    store_reviewed_pair(store, en[:4], de, label="g", langs=("en", "de"))
    assert ("picket lines", "Streikposten") in [(c.source, c.target) for c in candidates_from_store(store, "en", "de")]


def test_concordance_shows_the_aligned_translation(pair_store):
    lines = concordance(pair_store, pair_store.glossary.current(), "strike", lang="de")
    assert [(ln.paragraph, ln.matched) for ln in lines] == [(0, "Streik"), (2, "Streik"), (4, "Streik")]
    assert lines[0].translation == EN[0] and lines[0].translation_lang == "en"
    en_lines = concordance(pair_store, pair_store.glossary.current(), "strike", lang="en")
    assert [ln.paragraph for ln in en_lines] == [0, 2, 4]
    # the term is found in the translation too, and the snippet is cut around it
    assert [lines[0].translation[a:b] for a, b in lines[0].translation_spans] == ["strike"]
    long = "x " * 200 + lines[0].translation
    spans = [(a + 400, b + 400) for a, b in lines[0].translation_spans]
    pieces = snippet(long, spans, width=20)
    assert pieces[0] == ("…", False) and ("strike", True) in pieces and len("".join(p for p, _ in pieces)) < 70
    assert snippet("no term here", ()) == [("no term here", False)]


def test_a_paragraph_with_the_term_twice_is_one_concordance_line_with_both_marked(store):
    """It was two lines: the paragraph and its aligned translation shown twice, once a term."""
    store.glossary.import_glossary(Glossary((concept(),)), user="t")
    text = "The strike went on. A second strike followed, and the strikes spread."
    store.documents.add(ingest_text(text, source_name="twice.en.txt"), lang="en")
    [line] = concordance(store, store.glossary.current(), "strike", lang="en")
    assert [text[a:b] for a, b in line.spans] == ["strike", "strike", "strikes"]
    assert (line.start, line.end) == line.spans[0]
    assert [piece for piece, term in snippet(line.text, line.spans) if term] == ["strike", "strike", "strikes"]


def test_pairs_without_gold_use_the_stored_alignment(store):
    from workbench.store.alignments import NewBead

    store.glossary.import_glossary(Glossary((concept(),)), user="t")
    en, _ = store.documents.add(ingest_text("\n\n".join(EN[:3]), source_name="a.en.txt"), lang="en")
    de, _ = store.documents.add(ingest_text("\n\n".join(DE[:3]), source_name="a.de.txt"), lang="de")
    pair = store.documents.add_pair(en, de, label="a en→de")
    assert aligned_units(store) == []
    store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="de", source_segments=EN[:3],
                            target_segments=DE[:3], beads=[NewBead((0,), (0,)), NewBead((1, 2), (1, 2))],
                            provenance={}, pair_id=pair, source_doc_id=en, target_doc_id=de)
    units = aligned_units(store, src_lang="en", tgt_lang="de")
    assert [(u.source_paragraphs, u.target_paragraphs) for u in units] == [((0,), (0,)), ((1, 2), (1, 2))]
    [line] = concordance(store, store.glossary.current(), "strike", lang="en")[:1]
    assert line.translation == DE[0]


def test_a_search_puts_the_concepts_with_the_term_itself_first():
    g = Glossary((replace(concept("class-unionism"), definition="Against social partnership.",
                          terms=(Term("en", "class unionism"),)),
                  replace(concept("employer"), terms=(Term("en", "boss"), Term("en", "social partner",
                                                                                   status="forbidden", note="No."))),
                  replace(concept("social-partnership"), terms=(Term("en", "social partnership"),))))
    assert [c.id for c in filter_concepts(g, "Social Partner")] == ["employer", "social-partnership",
                                                                    "class-unionism"]
    assert [c.id for c in filter_concepts(g, "social partnership")] == ["social-partnership", "class-unionism"]
    assert [c.id for c in filter_concepts(g, "")] == ["class-unionism", "employer", "social-partnership"]


# A term as it is written in running text: a case or plural ending, a Turkish suffix chain, a
# German compound typed in lower case. The search looked only for the term's own letters, so
# every one of these found nothing (or only a concept whose definition happened to contain it).
INFLECTED_SEARCHES = [
    ("sendikaların", "trade-union"),                 # tr genitive plural
    ("rejim sendikalarının", "regime-union"),
    ("grevleri", "strike"),
    ("Gewerkschaften", "trade-union"),               # de plural
    ("gewerkschaften", "trade-union"),               # ... typed in lower case
    ("klassenkämpfe", "class-struggle"),
    ("Regimegewerkschaften", "regime-union"),
    ("huelgas generales", "general-strike"),         # es plural of a two-word term
    ("sindicatos del régimen", "regime-union"),
    ("regime unions", "regime-union"),               # en plural
]


@pytest.mark.parametrize("search, concept_id", INFLECTED_SEARCHES)
def test_a_search_finds_the_concept_of_an_inflected_term_first(shared_glossary, search, concept_id):
    found = [c.id for c in filter_concepts(shared_glossary, search)]
    assert found[:1] == [concept_id], found[:5]


def test_a_search_for_an_inflected_term_keeps_the_language_filter(shared_glossary):
    assert [c.id for c in filter_concepts(shared_glossary, "sendikaların", lang="de")] == []
    assert "trade-union" in [c.id for c in filter_concepts(shared_glossary, "sendikaların", lang="tr")]


def test_a_misspelt_search_offers_the_concepts_spelt_like_it(shared_glossary):
    assert filter_concepts(shared_glossary, "clas strugle") == []
    assert [c.id for c in similar_concepts(shared_glossary, "clas strugle")][:1] == ["class-struggle"]
    assert [c.id for c in similar_concepts(shared_glossary, "Gewerkschft", lang="de")][:1] == ["trade-union"]
    found = [c.id for c in similar_concepts(shared_glossary, "proletarait")]
    assert found[0] == "proletariat" and len(found) == len(set(found))
    assert similar_concepts(shared_glossary, "zzzzqqq") == []


YARD_DE = ["Die Werftarbeiter forderten mehr Lohn und zehn Prozent Zulage.", "Der Lohn stieg nur um drei Prozent.",
           "Die Werftarbeiter streikten am Montag.", "Die Werftarbeiter gewannen die Abstimmung.",
           "Niemand sprach über Ferien.", "Am Abend war der Hafen leer."]
YARD_EN = ["The shipyard workers demanded higher wages and a ten per cent bonus.", "Wages rose by only three per cent.",
           "The shipyard workers struck on Monday.", "The shipyard workers won the vote.",
           "Nobody spoke about holidays.", "In the evening the harbour was empty."]


def _units(source, target, langs=("de", "en")):
    return [AlignedUnit(1, "yard", *langs, 1, 2, (i,), (i,), s, t) for i, (s, t) in enumerate(zip(source, target))]


def test_words_that_share_their_beads_are_no_candidates_of_each_other():
    """One short reviewed pair gave 30 candidates, mostly noise: "Lohn" and "Prozent" stand in
    the same two beads as "wages" and "per cent", so each was proposed with each (four pairs,
    all Dice 1.0); the beads cannot tell which translates which. Only the pair that more beads
    single out is proposed."""
    found = find_candidates(_units(YARD_DE, YARD_EN), Glossary(()), "de", "en")
    assert [(c.source, c.target, c.together) for c in found] == [("Werftarbeiter", "shipyard workers", 3)]


def test_a_word_spelt_like_its_translation_is_evidence_of_its_own():
    """Two beads and a rival word, but *Kilometer* and *kilometres* are spelt alike: proposed;
    its rival *Marsch* is not paired with *kilometres* (a better candidate has that word)."""
    de = ["Der Marsch ging dreißig Kilometer weit.", "Nach dem Marsch zählten sie die Kilometer.",
          "Niemand sprach über Ferien.", "Am Abend war der Hafen leer."]
    en = ["The walk went thirty kilometres.", "After the walk they counted the kilometres.",
          "Nobody spoke about holidays.", "In the evening the harbour was empty."]
    found = [(c.source, c.target) for c in find_candidates(_units(de, en), Glossary(()), "de", "en")]
    assert ("Kilometer", "kilometres") in found and ("Marsch", "kilometres") not in found, found


@pytest.fixture(scope="module")
def shared_glossary():
    return load_glossary(SHARED)
