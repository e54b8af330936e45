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

    def __init__(self, beam: int = 4, model: str = "m1", runtime: str = "device=cpu compute_type=int8"):
        super().__init__(LEXICON)
        self.beam, self.model, self.on = beam, model, runtime
        self.seen: list[str] = []

    def describe(self, src, tgt):
        return f"stand-in {src}->{tgt} beam={self.beam}"

    def checksum(self, src, tgt):
        return self.model

    def runtime(self, src, tgt):
        return self.on

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


def _forget(store, key: str) -> None:
    """The jobs as a version that did not record ``key`` in their settings stored them."""
    for job in store.jobs.list():
        settings = {k: v for k, v in job.settings.items() if k != key}
        with store.transaction() as conn:
            conn.execute("UPDATE translation_jobs SET settings = ? WHERE id = ?", (json.dumps(settings), job.id))


@pytest.mark.parametrize("change, reused", [
    ("nothing", True),
    ("beam", False),
    ("model", False),
    ("glossary", False),
    ("older job", False),
    ("device", False),
    ("compute type", False),
    ("job without runtimes", False),
])
def test_anything_that_decides_the_translation_changed_translates_again(database, tmp_path, change, reused):
    with Store.open(database) as store:
        first = Recorder()
        translate_files(store, GlossaryEnforcer(first, GLOSSARY), _files(tmp_path, "first.txt"), ["es"], "en")
        if change in ("older job", "job without runtimes"):
            _forget(store, "glossary" if change == "older job" else "runtimes")
        runtime = {"device": "device=cuda compute_type=int8",
                   "compute type": "device=cpu compute_type=float16"}.get(change, "device=cpu compute_type=int8")
        engine = Recorder(beam=5 if change == "beam" else 4, model="m2" if change == "model" else "m1",
                          runtime=runtime)
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


def test_a_job_planned_again_under_newer_rules_takes_earlier_jobs_machine_translations(database, tmp_path):
    """A found job's segments made under older rules are planned again: where an earlier job
    translated the sentence as the engine would now, its translation is taken, not the engine's."""
    with Store.open(database) as store:
        (tmp_path / "notes.txt").write_text("Type `strike` to join the union.\n", encoding="utf-8")
        engine = Recorder()
        earlier = translate_files(store, engine, [tmp_path / "notes.txt"], ["es"], "en")
        files = [tmp_path / "notes.txt", *_files(tmp_path, "first.txt")]
        job = translate_files(store, engine, files, ["es"], "en")
        with store.transaction() as conn:   # as a job from before the rules versions: backticks were code
            conn.execute("UPDATE translation_segments SET rules = 1, target = 'old', reused_from = NULL "
                         "WHERE job_id = ?", (job.job_id,))
        engine.seen.clear()
        again = translate_files(store, engine, files, ["es"], "en")
        assert again.job_id == job.job_id and again.redone == 1 and engine.seen == []
        [segment] = [s for item in again.items for s in store.jobs.segments(item.id) if "`" in s.source]
        assert (segment.reused_from, segment.previous_target, segment.chunk) == (earlier.job_id, "old", None)
        assert segment.target == store.jobs.segments(earlier.items[0].id)[0].target


def test_a_resumed_job_planned_again_takes_them_too(database, tmp_path):
    from workbench.translate.batch import resume_job

    with Store.open(database) as store:
        (tmp_path / "notes.txt").write_text("Type `strike` to join the union.\n", encoding="utf-8")
        engine = Recorder()
        earlier = translate_files(store, engine, [tmp_path / "notes.txt"], ["es"], "en")
        job = translate_files(store, engine, [tmp_path / "notes.txt", *_files(tmp_path, "first.txt")], ["es"], "en")
        with store.transaction() as conn:
            conn.execute("UPDATE translation_segments SET rules = 1, reused_from = NULL WHERE job_id = ?",
                         (job.job_id,))
        engine.seen.clear()
        result = resume_job(store, job.job_id, engine)
        assert result.redone == 1 and engine.seen == [] and result.reused == 1
        assert earlier.job_id in {s.reused_from for item in result.items for s in store.jobs.segments(item.id)}


def test_an_argos_engine_s_runtime_is_its_device_and_compute_type(tmp_path):
    from workbench.translate.argos import ArgosEngine, ArgosOptions
    from workbench.translate.engine import PivotEngine, engine_runtime
    from workbench.translate.models import InstalledModel

    model = InstalledModel("en", "es", "1.0", "1.0", "en-es", tmp_path, 0, "workbench", "sentencepiece")
    engines = [GlossaryEnforcer(PivotEngine(ArgosEngine([model], ArgosOptions(device=d, compute_type=c))), GLOSSARY)
               for d, c in [("cpu", "int8"), ("cuda", "float16"), ("cpu", "default")]]
    runtimes = {engine_runtime(engine, "en", "es") for engine in engines}
    assert runtimes == {"device=cpu compute_type=int8", "device=cuda compute_type=float16",
                        "device=cpu compute_type=default"}
    assert engine_runtime(StandInEngine(LEXICON), "en", "es") == ""


def test_the_glossary_fingerprint_is_hashed_once_per_glossary_and_stays_what_jobs_recorded(monkeypatch):
    """Each planning hashed every concept (about 70 ms for 800): a glossary is immutable, so its
    fingerprint is made once per glossary object, and is the hash earlier jobs recorded."""
    import hashlib

    from workbench.glossary import model
    from workbench.translate.glossary import fingerprint

    glossary = Glossary(GLOSSARY.concepts)
    concepts = [model.concept_to_dict(c.normalized()) for c in glossary.concepts]
    state = {"concepts": concepts, "n_best": GlossaryEnforcer(Recorder()).n_best}
    recorded = hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    made = []
    real = model.concept_to_dict
    monkeypatch.setattr(model, "concept_to_dict", lambda c: made.append(c.id) or real(c))
    engine = GlossaryEnforcer(Recorder(), glossary)
    assert fingerprint(engine) == recorded and made == ["union"]
    assert fingerprint(engine) == fingerprint(GlossaryEnforcer(Recorder(beam=5), glossary)) == recorded
    assert made == ["union"]
    assert fingerprint(GlossaryEnforcer(Recorder(), _edited(glossary))) != recorded
    assert fingerprint(GlossaryEnforcer(Recorder(), glossary, n_best=2)) != recorded
