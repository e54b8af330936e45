"""Glossary matchers kept on disk between alignment commands (``workbench.align.termcache``)."""

from __future__ import annotations

import json
import pickle
import zlib
from pathlib import Path

from workbench.align.termcache import term_matchers
from workbench.cli import main
from workbench.glossary.canonical import load_glossary
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Concept, Glossary, Term

SHARED = Path(__file__).resolve().parent.parent / "glossaries" / "political-terms.toml"

TEXT_EN = "The strike of the dockers spread to the shipyard."
TEXT_DE = "Der Streik der Hafenarbeiter erfasste die Werft."


def strike(version: int = 1) -> Concept:
    return Concept("strike", "struggle", "approved", "work stopped by workers", "", version,
                   (Term("en", "strike"), Term("de", "Streik")))


def shipyard() -> Concept:
    return Concept("shipyard", "economy", "approved", "where ships are built", "", 1,
                   (Term("en", "shipyard"), Term("de", "Werft")))


def found(matchers) -> list[list[str]]:
    return [[m.concept_id for m in matcher.find(text)] for matcher, text in zip(matchers, (TEXT_EN, TEXT_DE))]


class CountingReads:
    """Counts how often the store's whole glossary is read."""

    def __init__(self, store, monkeypatch):
        self.reads = 0
        real = store.glossary.current

        def current():
            self.reads += 1
            return real()
        monkeypatch.setattr(store.glossary, "current", current)


def test_second_call_loads_the_kept_matchers_without_reading_the_glossary(store, tmp_path, monkeypatch):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    counter = CountingReads(store, monkeypatch)
    first = term_matchers(store, ("en", "de"), tmp_path / "cache")
    assert counter.reads == 1 and len(list((tmp_path / "cache").glob("*.json"))) == 2
    second = term_matchers(store, ("en", "de"), tmp_path / "cache")
    assert counter.reads == 1
    assert found(first) == found(second) == [["strike"], ["strike"]]


def test_a_glossary_change_builds_the_matchers_again(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike"], ["strike"]]
    store.glossary.save(shipyard(), expected_version=None, user="ana")
    assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike", "shipyard"], ["strike", "shipyard"]]
    store.glossary.delete("shipyard", expected_version=1, user="ana")
    assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike"], ["strike"]]
    assert len(list(tmp_path.glob("*.json"))) == 2   # one file per language, replaced when stale


def test_a_damaged_or_foreign_file_is_built_again(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    term_matchers(store, ("en", "de"), tmp_path)
    files = sorted(tmp_path.glob("*.json"))
    files[0].write_bytes(b"\x80\x05half a pickle")
    files[1].write_bytes(b"not a pickle at all")
    assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike"], ["strike"]]
    assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike"], ["strike"]]


def test_an_empty_glossary_gives_no_matchers_and_writes_nothing(store, tmp_path):
    assert term_matchers(store, ("en", "de"), tmp_path / "cache") is None
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_still_gives_matchers(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    assert found(term_matchers(store, ("en", "de"), blocked / "cache")) == [["strike"], ["strike"]]


def test_align_twice_on_the_command_line_gives_the_same_alignment(env, tmp_path, capsys):
    src, tgt = tmp_path / "en.txt", tmp_path / "de.txt"
    src.write_text(f"{TEXT_EN}\nWages rose by 5 percent in May.\n", encoding="utf-8")
    tgt.write_text(f"{TEXT_DE}\nDie Löhne stiegen im Mai um 5 Prozent.\n", encoding="utf-8")
    outputs = []
    for _ in range(2):
        assert main(["align", str(src), str(tgt), "--presegmented", "--src-lang", "en", "--tgt-lang", "de",
                     "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        data.pop("id")
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert outputs[0]["provenance"]["evidence"]["glossary"] is True
    assert list((tmp_path / "data" / "term-matchers").glob("*.json"))


def rewrite(path: Path, change) -> None:
    """Change a kept file's data and give it a valid header (as someone crafting it would)."""
    kept = json.loads(path.read_bytes().partition(b"\n")[2])
    change(kept["state"])
    body = json.dumps(kept).encode("utf-8")
    path.write_bytes(f"workbench-term-matcher 2 {zlib.crc32(body):08x}\n".encode("ascii") + body)


CRAFTED = [
    ("a pattern morphology does not define", lambda st: st["base_table"][1].__setitem__(0, "(a+)+$")),
    ("a number for a word", lambda st: st["base_table"][2].__setitem__(0, 5)),
    ("a column cut short", lambda st: st["entries"][1].pop()),
    ("an entry out of range", lambda st: st["trie_entries"][1].__setitem__(0, 10 ** 6)),
    ("a node out of range", lambda st: st["trie_edges"][2].append(10 ** 6)),
    ("a term of another shape", lambda st: st["terms"].append(["extra"])),
    ("a flag for a term's text", lambda st: st["terms"][1].__setitem__(0, True)),
    ("a list for a flag", lambda st: st.update(has_exact_case=[])),
    ("no trie", lambda st: st.pop("trie_roots")),
    ("not an object", lambda st: st.clear()),
]


def test_a_crafted_file_with_a_valid_checksum_is_built_again(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(), shipyard())), user="ana")
    term_matchers(store, ("en", "de"), tmp_path)
    kept = {path: path.read_bytes() for path in tmp_path.glob("*.json")}
    for why, change in CRAFTED:
        for path in kept:
            rewrite(path, change)
        assert found(term_matchers(store, ("en", "de"), tmp_path)) == [["strike", "shipyard"]] * 2, why
        assert {path: path.read_bytes() for path in kept} == kept, why   # refused, built and kept again


def test_a_changed_byte_fails_the_checksum(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    term_matchers(store, ("en", "de"), tmp_path)
    path = next(tmp_path.glob("de-*.json"))
    data = path.read_bytes()
    assert b"streik" in data
    path.write_bytes(data.replace(b"streik", b"strike"))   # same length, same shape, checksum now wrong
    kept = term_matchers(store, ("en", "de"), tmp_path)
    assert found(kept) == [["strike"], ["strike"]]
    assert path.read_bytes() == data   # built again and kept again


class Planted:
    """A pickle that creates a file when it is loaded."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_pickle_in_the_cache_folder_is_never_loaded(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    term_matchers(store, ("en", "de"), tmp_path / "cache")
    marker = tmp_path / "code-ran"
    for path in (tmp_path / "cache").glob("*.json"):
        payload = pickle.dumps(Planted(marker))
        path.with_suffix(".pickle").write_bytes(payload)
        path.write_bytes(payload)
    assert found(term_matchers(store, ("en", "de"), tmp_path / "cache")) == [["strike"], ["strike"]]
    assert not marker.exists()
    assert not list((tmp_path / "cache").glob("*.pickle"))   # the old format's files are removed


def test_a_kept_shared_glossary_matcher_finds_what_a_new_one_finds(store, tmp_path):
    glossary = load_glossary(SHARED)
    store.glossary.import_glossary(glossary, user="ana")
    langs = ("en", "de", "es", "tr")
    term_matchers(store, langs, tmp_path)
    kept = term_matchers(store, langs, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 4
    for lang, matcher in zip(langs, kept):
        terms = [t for c in glossary.concepts for t in c.terms if t.lang == lang]
        # every term, a plural-like and a capitalised form, in one text
        text = ". ".join(f"{t.text} {t.text}s {t.text.capitalize()}en" for t in terms)
        fresh = TermMatcher(glossary, lang).find(text, nested=True)
        assert len(fresh) > len(terms) / 2
        assert matcher.find(text, nested=True) == fresh


def test_a_kept_turkish_matcher_names_its_lazily_compiled_suffixes():
    """Turkish's suffix grammar is compiled when first used, not at import; a kept Turkish matcher
    names it and is read back with it."""
    import re

    from workbench.align import termcache
    from workbench.glossary import morphology

    assert not isinstance(getattr(morphology, "TR_SUFFIX", None), re.Pattern)
    glossary = Glossary([Concept("class-struggle", "struggle", "approved", "", "", 1,
                                 (Term("en", "class struggle"), Term("tr", "sınıf mücadelesi")))])
    back = termcache._matcher(json.loads(json.dumps(termcache._plain(TermMatcher(glossary, "tr")))), "tr")
    assert [m.concept_id for m in back.find("Sınıf mücadelesinde işçiler birleşti.")] == ["class-struggle"]
    assert morphology.lazy_pattern("TR_SUFFIX") in {b.suffixes for bases in back._bases.values() for b in bases}


def test_a_kept_matcher_makes_only_the_entries_it_meets_and_each_as_built(store, tmp_path):
    """Reading a kept matcher makes no term entry (thousands, of which a text meets a few); those a
    search meets are made then, and every one equals the built matcher's, term and all."""
    glossary = load_glossary(SHARED)
    store.glossary.import_glossary(glossary, user="ana")
    term_matchers(store, ("en",), tmp_path)
    [kept] = term_matchers(store, ("en",), tmp_path)
    entries = kept._entries
    assert len(entries) > 1000 and not any(entries._made)
    assert [m.concept_id for m in kept.find("The general strike of the working class.")]
    assert 0 < sum(e is not None for e in entries._made) < 20
    fresh = TermMatcher(glossary, "en")
    made = [[fresh._entries[k] for k in listed] for listed in fresh._first.values()]
    assert [[entries[k] for k in listed] for listed in kept._first.values()] == made
