"""Glossary matchers kept on disk between alignment commands (``workbench.align.termcache``)."""

from __future__ import annotations

import json

from workbench.align.termcache import term_matchers
from workbench.cli import main
from workbench.glossary.model import Concept, Glossary, Term

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
    assert counter.reads == 1 and len(list((tmp_path / "cache").glob("*.pickle"))) == 2
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
    assert len(list(tmp_path.glob("*.pickle"))) == 2   # one file per language, replaced when stale


def test_a_damaged_or_foreign_file_is_built_again(store, tmp_path):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    term_matchers(store, ("en", "de"), tmp_path)
    files = sorted(tmp_path.glob("*.pickle"))
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
    assert list((tmp_path / "data" / "term-matchers").glob("*.pickle"))
