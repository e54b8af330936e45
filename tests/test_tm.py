"""Translation memory: storing units, exact lookup after normalisation, fuzzy lookup."""

from __future__ import annotations

import random
import string

import pytest

from workbench import tm
from workbench.errors import InputError, NotFoundError


def test_add_unit_stores_once_and_updates_origin(store):
    a = store.tm.add_unit("en", "es", "The strike goes on.", "La huelga continúa.", "review", "ana")
    b = store.tm.add_unit("en", "es", "The  strike goes on. ", "La huelga continúa.", "post-edit", "ana")
    assert a == b
    unit = store.tm.get(a)
    assert unit.origin == "post-edit" and unit.created_by == "ana"
    assert store.tm.count() == 1 and store.tm.count("en", "es") == 1 and store.tm.count("en", "de") == 0
    assert store.tm.pairs() == [("en", "es", 1)]


def test_a_unit_of_a_long_paragraph_that_compresses_badly_is_stored_and_found(store):
    """A paragraph bead confirmed in Review can be pages long; PostgreSQL's B-tree refused
    keys over ~2.7 kB at the insert (the TM's keys are hash-indexed there since 0836)."""
    rng = random.Random(836)
    paragraph = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
                         for _ in range(900)) + "."
    unit_id = store.tm.add_unit("en", "es", paragraph, "Un párrafo largo.", "review", "ana")
    found = tm.lookup(store, paragraph.capitalize(), "en", "es", fuzzy=False)
    assert found.exact is not None and found.exact.unit_id == unit_id


@pytest.mark.parametrize("source, target", [("", "x"), ("x", "  "), ("x", "")])
def test_add_unit_refuses_empty_sides(store, source, target):
    with pytest.raises(InputError, match="non-empty"):
        store.tm.add_unit("en", "es", source, target, "review", "ana")


def test_add_unit_refuses_missing_language(store):
    with pytest.raises(InputError, match="language"):
        store.tm.add_unit("", "es", "a", "b", "review", "ana")


@pytest.mark.parametrize("query, kind, target", [
    ("The strike goes on.", "exact", "La huelga continúa."),
    ("The   strike\ngoes on.", "exact", "La huelga continúa."),
    ("the strike goes on.", "exact-case", "la huelga continúa."),
])
def test_exact_lookup_normalises_spaces_and_initial_case(store, query, kind, target):
    store.tm.add_unit("en", "es", "The strike goes on.", "La huelga continúa.", "review", "ana")
    found = tm.lookup(store, query, "en", "es")
    assert found.exact is not None
    assert (found.exact.kind, found.exact.target, found.exact.score) == (kind, target, 100.0)


def test_exact_lookup_normalises_quotes(store):
    store.tm.add_unit("en", "de", "They called it \u201cregime unions\u201d.", "Sie nannten sie \u201eRegimegewerkschaften\u201c.",
                      "review", "ana")
    found = tm.lookup(store, 'They called it "regime unions".', "en", "de")
    assert found.exact and found.exact.kind == "exact"


def test_inner_case_difference_is_only_fuzzy(store):
    store.tm.add_unit("en", "es", "The Union met.", "El Sindicato se reunió.", "review", "ana")
    found = tm.lookup(store, "The union met.", "en", "es")
    assert found.exact is None
    assert found.fuzzy and found.fuzzy[0].kind == "fuzzy" and found.fuzzy[0].score >= 75


def test_fuzzy_threshold_and_order(store):
    store.tm.add_unit("en", "es", "The workers voted to strike on Monday.", "Los trabajadores votaron la huelga el lunes.",
                      "review", "ana")
    store.tm.add_unit("en", "es", "The workers voted to strike on Friday.", "Los trabajadores votaron la huelga el viernes.",
                      "review", "ana")
    store.tm.add_unit("en", "es", "Rents rose again.", "Los alquileres subieron otra vez.", "review", "ana")
    found = tm.lookup(store, "The workers voted to strike on Monday!", "en", "es")
    assert found.exact is None
    scores = [m.score for m in found.fuzzy]
    assert scores == sorted(scores, reverse=True) and all(s >= 75 for s in scores)
    assert found.fuzzy[0].target.endswith("lunes.")
    assert all("alquileres" not in m.target for m in found.fuzzy)
    assert tm.lookup(store, "Completely different words here.", "en", "es").best is None


def test_lookup_is_per_language_pair(store):
    store.tm.add_unit("en", "es", "Solidarity.", "Solidaridad.", "review", "ana")
    assert tm.lookup(store, "Solidarity.", "en", "de").best is None
    assert tm.lookup(store, "Solidarity.", "en", "es").best.target == "Solidaridad."


def test_delete_and_missing_unit(store):
    uid = store.tm.add_unit("en", "es", "One.", "Uno.", "review", "ana")
    store.tm.delete(uid)
    with pytest.raises(NotFoundError, match=str(uid)):
        store.tm.get(uid)


def test_record_use_counts(store):
    uid = store.tm.add_unit("en", "es", "One.", "Uno.", "review", "ana")
    store.tm.record_use([uid, uid])
    assert store.tm.get(uid).use_count == 2


def test_lookup_many_gives_what_lookup_gives_for_each_source(store):
    """The job planner looks up all segments at once; the answers must be lookup's, one by one."""
    import random

    rng = random.Random(7)
    words = ["the", "union", "workers", "voted", "strike", "rents", "rose", "again", "port", "miners",
             "assembly", "met", "today", "in", "square", "police", "cuts"]
    sentences = []
    for n in range(120):
        s = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9)))
        sentences.append(s[:1].upper() + s[1:] + rng.choice(".!?"))
    for n, s in enumerate(sentences[:80]):
        store.tm.add_unit("en", "es", s, f"traducción {n}", "review", "ana")
    store.tm.add_unit("en", "es", sentences[3], "otra traducción", "review", "ana")   # two units, one key
    store.tm.add_unit("en", "es", "\u201cRents rose\u201d again.", "Subieron.", "review", "ana")
    store.tm.add_unit("en", "es", "the union met.", "el sindicato se reunió.", "review", "ana")
    store.tm.add_unit("en", "de", sentences[5], "Übersetzung", "review", "ana")     # other pair
    queries = (sentences + [s.lower() for s in sentences[:30]] + [s.replace(" ", "  ") for s in sentences[:10]]
               + [s[:-1] + " today" + s[-1] for s in sentences[:40]]
               + ['"Rents rose" again.', "The union met.", "The Union met.", "", "   ", "Nothing like it at all."])
    many = tm.lookup_many(store, queries, "en", "es")
    assert set(many) == set(queries)
    for q in queries:
        assert many[q] == tm.lookup(store, q, "en", "es"), q
    assert sum(1 for q in queries if many[q].exact) > 80 and sum(1 for q in queries if many[q].fuzzy) > 40
    assert tm.lookup_many(store, sentences[:5], "en", "tr") == {s: tm.TMLookup(s) for s in sentences[:5]}
