"""A new job takes an earlier job's machine translation of a sentence made with the same model,
settings, rules and glossary, instead of giving the sentence to the engine again (journey 3: the
editor adds one article, or one more target, to yesterday's batch and starts again)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from workbench.cli import main
from workbench.glossary import Concept, Glossary, Term
from workbench.store import Store
from workbench.translate.batch import translate_documents, translate_files
from workbench.translate.engine import StandInEngine
from workbench.translate.glossary import GlossaryEnforcer

LEXICON = {("en", "es"): {"the": "la", "strike": "huelga", "union": "sindicato", "miners": "mineros",
                          "goes": "sigue", "on": "adelante", "met": "se reunieron", "type": "escriba",
                          "to": "para", "join": "unirse", "workers": "trabajadores"},
           ("en", "de"): {"the": "die", "strike": "Streik", "union": "Gewerkschaft", "miners": "Bergleute"}}
FIRST = "The miners met on Monday. The strike goes on!\n\nThe union met the miners.\n"
SECOND = "# Notes\n\nType `strike` to join the union.\n\nThe strike goes on!\n"
THIRD = "The workers met on Tuesday. The strike goes on!\n"
GLOSSARY = Glossary((Concept("union", "organisations", "approved", terms=(
    Term("en", "union", "preferred"), Term("es", "sindicato", "preferred"))),))


class Recorder(StandInEngine):
    """The stand-in engine, recording every sentence it is given; its description and model
    checksum are settings, as an Argos engine's beam and model are."""

    def __init__(self, beam: int = 4, model: str = "m1"):
        super().__init__(LEXICON)
        self.beam, self.model = beam, model
        self.seen: list[str] = []

    def describe(self, src, tgt):
        return f"stand-in {src}->{tgt} beam={self.beam}"

    def checksum(self, src, tgt):
        return self.model

    def translate(self, sentences, src, tgt, **kwargs):
        self.seen += list(sentences)
        return super().translate(sentences, src, tgt, **kwargs)


def _files(tmp_path, *names: str) -> list:
    texts = {"first.txt": FIRST, "second.md": SECOND, "third.txt": THIRD}
    paths = []
    for name in names:
        (tmp_path / name).write_text(texts[name], encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def test_a_second_job_with_one_more_file_sends_only_the_new_files_sentences(database, tmp_path):
    with Store.open(database) as store:
        engine = Recorder()
        first = translate_files(store, engine, _files(tmp_path, "first.txt", "second.md"), ["es"], "en",
                                out_dir=tmp_path / "one")
        assert first.reused == 0 and first.reused_text is None
        engine.seen.clear()
        second = translate_files(store, engine, _files(tmp_path, "first.txt", "second.md", "third.txt"), ["es"],
                                 "en", out_dir=tmp_path / "two")
        # "The strike goes on!" of the new file was translated before as well
        assert engine.seen == ["The workers met on Tuesday."]
        assert second.job_id != first.job_id and not second.resumed
        for name in ("first.es.txt", "first.en-es.xlf", "second.es.md", "second.en-es.xlf"):
            assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
        reports = {r["source"]: r for r in second.reports()}
        assert [(r["mt"], r["mt_reused"]) for r in reports.values()] == [(3, 3), (3, 3), (2, 1)]
        assert second.reused == 7 and second.reused_text == "7 segments taken from earlier jobs' machine translations"
        # still machine translations downstream, with their engine, findings and flags; done at planning
        segments = [s for item in second.items for s in store.jobs.segments(item.id)]
        assert {s.origin for s in segments} == {"mt"} and all(s.engine == "stand-in en->es beam=4" for s in segments)
        assert {s.reused_from for s in segments if s.chunk is None} == {first.job_id}
        assert [s.source for s in segments if s.chunk is not None] == ["The workers met on Tuesday."]


def test_one_more_target_sends_only_that_targets_sentences(database, tmp_path):
    with Store.open(database) as store:
        engine = Recorder()
        translate_files(store, engine, _files(tmp_path, "first.txt"), ["es"], "en")
        engine.seen.clear()
        result = translate_files(store, engine, _files(tmp_path, "first.txt"), ["es", "de"], "en")
        assert sorted(engine.seen) == ["The miners met on Monday.", "The strike goes on!", "The union met the miners."]
        assert {r["tgt_lang"]: r["mt_reused"] for r in result.reports()} == {"es": 3, "de": 0}


def _edited(glossary: Glossary) -> Glossary:
    [concept] = glossary.concepts
    return Glossary((replace(concept, version=2, terms=concept.terms[:1] + (Term("es", "gremio", "preferred"),)),))


def _forget_fingerprints(store) -> None:
    """The jobs as a version without the glossary fingerprint stored them."""
    for job in store.jobs.list():
        settings = {k: v for k, v in job.settings.items() if k != "glossary"}
        with store.transaction() as conn:
            conn.execute("UPDATE translation_jobs SET settings = ? WHERE id = ?", (json.dumps(settings), job.id))


@pytest.mark.parametrize("change, reused", [
    ("nothing", True),
    ("beam", False),
    ("model", False),
    ("glossary", False),
    ("older job", False),
])
def test_anything_that_decides_the_translation_changed_translates_again(database, tmp_path, change, reused):
    with Store.open(database) as store:
        first = Recorder()
        translate_files(store, GlossaryEnforcer(first, GLOSSARY), _files(tmp_path, "first.txt"), ["es"], "en")
        if change == "older job":
            _forget_fingerprints(store)
        engine = Recorder(beam=5 if change == "beam" else 4, model="m2" if change == "model" else "m1")
        glossary = _edited(GLOSSARY) if change == "glossary" else GLOSSARY   # as many concepts: same description
        result = translate_files(store, GlossaryEnforcer(engine, glossary), _files(tmp_path, "first.txt", "third.txt"),
                                 ["es"], "en")
        again = {"The miners met on Monday.", "The strike goes on!", "The union met the miners."} & set(engine.seen)
        assert "The workers met on Tuesday." in engine.seen
        assert (not again) is reused
        assert result.reused == (4 if reused else 0)    # first.txt's 3, and third.txt's "The strike goes on!"


def test_a_sentence_the_format_reads_otherwise_is_translated_again(database, tmp_path):
    """Backticks are code in a .md, characters in a .txt: the engine was given other text."""
    with Store.open(database) as store:
        (tmp_path / "notes.txt").write_text("Type `strike` to join the union.\n", encoding="utf-8")
        engine = Recorder()
        translate_files(store, engine, [tmp_path / "notes.txt"], ["es"], "en")
        engine.seen.clear()
        result = translate_files(store, engine, _files(tmp_path, "second.md"), ["es"], "en")
        assert "Type QC0Z to join the union." in engine.seen
        assert result.reused == 0


def test_reuse_off_translates_every_sentence(database, tmp_path):
    with Store.open(database) as store:
        engine = Recorder()
        translate_files(store, engine, _files(tmp_path, "first.txt"), ["es"], "en")
        engine.seen.clear()
        ids = [i.document_id for i in store.jobs.items(1)]
        result = translate_documents(store, engine, ids, ["es"], "en", chunk_size=2, reuse_mt=False)
        assert len(engine.seen) == 3 and result.reused == 0


def test_cli_tells_how_many_segments_came_from_earlier_jobs(argos_env, tmp_path, capsys):
    paths = [str(p) for p in _files(tmp_path, "first.txt", "third.txt")]
    out = str(tmp_path / "out")
    assert main(["translate", paths[0], "--from", "en", "--to", "es", "--out", out]) == 0
    capsys.readouterr()
    assert main(["translate", *paths, "--from", "en", "--to", "es", "--out", out, "--json"]) == 0
    told = json.loads(capsys.readouterr().out)
    assert told["reused_from_earlier_jobs"] == 4
    assert [r["mt_reused"] for r in told["reports"]] == [3, 1]
    (tmp_path / "fourth.txt").write_text("The union met on Friday. The miners met on Monday.\n", encoding="utf-8")
    assert main(["translate", *paths, str(tmp_path / "fourth.txt"), "--from", "en", "--to", "es", "--out", out]) == 0
    printed = capsys.readouterr().out
    assert "Job 3 (new): 7 segments; 6 segments taken from earlier jobs' machine translations." in printed
    assert "fourth.txt -> es: 2 segments, 0 from TM, 2 MT (1 from earlier jobs)" in printed


def test_a_translation_made_under_older_rules_is_not_taken(database, tmp_path):
    with Store.open(database) as store:
        engine = Recorder()
        translate_files(store, engine, _files(tmp_path, "first.txt"), ["es"], "en")
        with store.transaction() as conn:   # as a store from before rule versions
            conn.execute("UPDATE translation_segments SET rules = 1 WHERE source = 'The strike goes on!'")
        engine.seen.clear()
        result = translate_files(store, engine, _files(tmp_path, "first.txt", "third.txt"), ["es"], "en")
        assert sorted(engine.seen) == ["The strike goes on!", "The workers met on Tuesday."]
        assert result.reused == 2
