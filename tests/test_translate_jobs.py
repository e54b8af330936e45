"""Batch jobs: planning with TM reuse, running, resuming (also after kill -9), outputs, CLI, bad input."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from defusedxml import ElementTree

from workbench.cli import main
from workbench.errors import InputError, NotFoundError
from workbench.formats.tmx import read_tmx
from workbench.formats.xliff import read_xliff, segments_of
from workbench.ingest import ingest_text
from workbench.store import Store
from workbench.translate.batch import translate_documents
from workbench.translate.engine import StandInEngine
from workbench.translate.glossary import GlossaryEnforcer
from workbench.translate.jobs import job_state, parse_targets

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """# The strike goes on

The miners met on Monday. The strike goes on!  Who decides?

Solidarity from the dockers. The strike goes on!
"""

LEXICON = {
    ("en", "es"): {"the": "la", "strike": "huelga", "goes": "sigue", "on": "adelante", "miners": "mineros",
                   "met": "se reunieron", "monday": "lunes", "who": "quién", "decides": "decide"},
    ("en", "de"): {"the": "der", "strike": "Streik", "goes": "geht", "on": "weiter", "who": "wer"},
}


class Failing(StandInEngine):
    """Fails on its ``fail_at``-th call (1-based), as a crash in the middle of a job would."""

    def __init__(self, lexicon, fail_at: int):
        super().__init__(lexicon)
        self.fail_at = fail_at

    def translate(self, sentences, src, tgt, **kw):
        if len(self.calls) + 1 == self.fail_at:
            self.calls.append(-1)
            raise RuntimeError("power cut")
        return super().translate(sentences, src, tgt, **kw)


def _add(store: Store, text: str = ARTICLE, name: str = "strike.md", lang: str = "en") -> int:
    doc = ingest_text(text, source_name=name)
    return store.documents.add(doc, lang=lang, lang_confidence=1.0, user="ana")[0]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_job_translates_reuses_the_tm_and_stores_mt_documents(store, tmp_path):
    doc_id = _add(store)
    unit_id = store.tm.add_unit("en", "es", "Who decides?", "¿Quién decide?", "review", "ana")
    engine = StandInEngine(LEXICON)
    ticks = []
    result = translate_documents(store, engine, [doc_id], ["es", "de"], "en", out_dir=tmp_path / "out",
                                 chunk_size=2, progress=lambda p, eta: ticks.append((p.done, p.total)))
    assert sorted(p.name for p in result.written) == [
        "strike.de.md", "strike.de.report.json", "strike.en-de.xlf",
        "strike.en-es.xlf", "strike.es.md", "strike.es.report.json"]
    es = (tmp_path / "out" / "strike.es.md").read_text(encoding="utf-8")
    assert es == ("# La huelga sigue adelante\n\nLa mineros se reunieron adelante Lunes. La huelga sigue adelante! "
                  "¿Quién decide?\n\nSolidarity from la dockers. La huelga sigue adelante!\n")
    reports = {r["tgt_lang"]: r for r in result.reports()}
    assert (reports["es"]["segments"], reports["es"]["tm_exact"], reports["es"]["mt"]) == (6, 1, 5)
    assert (reports["de"]["tm_exact"], reports["de"]["mt"]) == (0, 6)
    assert store.tm.get(unit_id).use_count == 1
    # a repeated sentence is translated once; chunks of 2 distinct sentences per language pair
    assert engine.calls == [2, 2, 1, 2, 2]                      # de: 5 distinct, es: 4 (one from the TM)
    assert ticks[0] == (1, 12) and ticks[-1] == (12, 12) and [d for d, _ in ticks] == sorted(d for d, _ in ticks)
    xliff = read_xliff(tmp_path / "out" / "strike.en-es.xlf")
    segs = list(segments_of(xliff))
    assert [s.target for s in segs][:2] == ["La huelga sigue adelante", "La mineros se reunieron adelante Lunes."]
    assert {s.state for s in segs} == {"translated", "reviewed"}     # reviewed: from the TM
    # each translation is stored as a document paired with its source, for the review page
    items = {i.tgt_lang: i for i in result.items}
    mt = store.documents.get(items["es"].mt_document_id)
    assert mt.lang == "es" and [p.kind for p in mt.paragraphs] == [p.kind for p in store.documents.get(doc_id).paragraphs]
    # titled by its translated heading (it was its source's: "The strike goes on → The strike goes on [es, MT]")
    assert mt.title == "La huelga sigue adelante [es, MT]"
    pair = store.documents.get_pair(items["es"].pair_id)
    assert (pair.source_id, pair.target_id) == (doc_id, mt.id) and "stand-in en->es" in pair.label
    # ... with its alignment known by construction: one 1-1 bead a paragraph, opened as is by Review
    alignment = store.alignments.get(store.alignments.latest(pair.id, "paragraph"))
    assert alignment.provenance["method"] == "machine translation"
    assert alignment.title == "The strike goes on → La huelga sigue adelante [es, MT]"
    assert list(alignment.target_segments) == [p.text for p in mt.paragraphs]
    beads = store.alignments.beads(alignment.id)
    assert [(b.source, b.target, b.needs_review) for b in beads] == [((i,), (i,), False) for i in range(3)]
    # ... each bead said to be the model's words, not a sure alignment (the Review showed 1.00)
    from workbench import review
    assert review.is_machine_translation(alignment) and {review.score_label(alignment, b) for b in beads} == {"MT"}


def test_a_dropped_placeholder_marks_its_paragraph_for_review(store, tmp_path):
    from workbench.glossary import Concept, Glossary, Term
    from workbench.review import open_or_align

    class Dropping(StandInEngine):
        """Loses every placeholder, as a weak model may."""

        def translate(self, sentences, src, tgt, *, n_best=1, suppress=()):
            return [["sin nombre"] * max(1, n_best) for _ in sentences]

    glossary = Glossary((Concept("miners-union", "organisations", "approved", terms=(
        Term("tr", "Bağımsız Maden İş", proper_name=True, pos="properNoun"),)),))
    doc_id = _add(store, "# Greetings\n\nThe miners met.\n\nGreetings to Bağımsız Maden İş.\n", "greet.md")
    result = translate_documents(store, GlossaryEnforcer(Dropping(LEXICON), glossary), [doc_id], ["es"], "en",
                                 out_dir=tmp_path)
    [item] = result.items
    alignment_id = open_or_align(store, item.pair_id)          # the stored one: nothing aligned again
    assert len(store.alignments.list()) == 1
    beads = store.alignments.beads(alignment_id)
    assert [b.needs_review for b in beads] == [False, False, True]
    assert "Bağımsız Maden İş" in store.alignments.get(alignment_id).target_segments[2]


def test_fuzzy_matches_are_offered_in_the_bilingual_file(store, tmp_path):
    doc_id = _add(store)
    store.tm.add_unit("en", "es", "The miners met on Sunday.", "Los mineros se reunieron el domingo.", "review", "ana")
    result = translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", out_dir=tmp_path)
    assert result.reports()[0]["tm_fuzzy_offered"] == 1
    notes = [n for s in segments_of(read_xliff(tmp_path / "strike.en-es.xlf")) for n in s.notes]
    assert any(c == "tm-fuzzy" and "domingo" in t for c, t in notes)


def test_xliff_12_bilingual_file_has_its_notes_where_translate_toolkit_reads_them(store, tmp_path):
    pytest.importorskip("translate.storage.xliff")
    from translate.storage.xliff import xlifffile

    doc_id = _add(store)
    store.tm.add_unit("en", "es", "The miners met on Sunday.", "Los mineros se reunieron el domingo.", "review", "ana")
    translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", out_dir=tmp_path, bilingual="xliff12")
    ours = [s for s in segments_of(read_xliff(tmp_path / "strike.en-es.xlf"))]
    theirs = xlifffile.parsestring((tmp_path / "strike.en-es.xlf").read_bytes()).units
    assert [(u.source, u.target) for u in theirs] == [(s.source, s.target) for s in ours] and len(ours) > 3
    assert any("domingo" in u.getnotes() for u in theirs)


def test_a_finished_job_is_reused_without_translating_again(store, tmp_path):
    doc_id = _add(store)
    first = translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", out_dir=tmp_path / "a")
    engine = StandInEngine(LEXICON)
    again = translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=tmp_path / "b")
    assert again.job_id == first.job_id and again.resumed and engine.calls == []
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")
    assert len(store.documents.pairs()) == 1


@pytest.mark.parametrize("fail_at", [1, 2, 4])
def test_a_crash_mid_job_resumes_to_identical_outputs(tmp_path, fail_at):
    with Store.open(tmp_path / "ref.sqlite3") as ref:
        translate_documents(ref, StandInEngine(LEXICON), [_add(ref)], ["es", "de"], "en", chunk_size=2,
                            out_dir=tmp_path / "ref")
    with Store.open(tmp_path / "crash.sqlite3") as store:
        doc_id = _add(store)
        failing = Failing(LEXICON, fail_at)
        with pytest.raises(RuntimeError, match="power cut"):
            translate_documents(store, failing, [doc_id], ["es", "de"], "en", chunk_size=2,
                                out_dir=tmp_path / "out")
        assert not (tmp_path / "out").exists()
        engine = StandInEngine(LEXICON)
        result = translate_documents(store, engine, [doc_id], ["es", "de"], "en", chunk_size=2,
                                     out_dir=tmp_path / "out")
        assert result.resumed and len(store.jobs.list()) == 1
        # 10 distinct sentences in all (5 per target): what was saved before the crash is not translated again
        assert sum(c for c in failing.calls if c > 0) + sum(engine.calls) == 10
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "ref")


def test_progress_counted_while_running_is_what_the_store_says(tmp_path):
    """run_job counts progress itself instead of asking the store after every chunk; the numbers
    must be the store's, on a fresh run and on a resumed one. Chunk commits relax the file
    store's fsync only while the job runs."""
    with Store.open(tmp_path / "p.sqlite3") as store:
        doc_id = _add(store)
        _add(store, ARTICLE.replace("Monday", "Friday"), "other.md")
        sync_before = store.connection.execute("PRAGMA synchronous").fetchone()[0]
        seen = []

        def tick(p, eta):
            seen.append((p, store.jobs.progress(p_job[0]) if p_job else None))

        from workbench.translate.jobs import JobRequest, prepare_job, run_job

        job = prepare_job(store, JobRequest((doc_id, doc_id + 1), ("es", "de"), "en", chunk_size=2),
                          StandInEngine(LEXICON))
        p_job = [job.id]
        with pytest.raises(RuntimeError, match="power cut"):
            run_job(store, job.id, Failing(LEXICON, 3), tick)
        final = run_job(store, job.id, StandInEngine(LEXICON), tick)
        assert len(seen) > 6 and all(mine == stored for mine, stored in seen)
        assert final == store.jobs.progress(job.id) and final.done == final.total
        assert store.connection.execute("PRAGMA synchronous").fetchone()[0] == sync_before


def test_glossary_findings_and_flags_reach_the_report(store, tmp_path):
    from workbench.glossary import Concept, Glossary, Term

    glossary = Glossary((Concept("miners-union", "organisations", "approved", terms=(
        Term("tr", "Bağımsız Maden İş", proper_name=True, pos="properNoun"),)),))
    doc_id = _add(store, "Greetings to Bağımsız Maden İş from the miners.\n", "greet.txt")
    result = translate_documents(store, GlossaryEnforcer(StandInEngine(LEXICON), glossary), [doc_id], ["es"],
                                 "en", out_dir=tmp_path)
    report = result.reports()[0]
    assert report["glossary_findings"] == {"ok": 1}
    assert (tmp_path / "greet.es.txt").read_text(encoding="utf-8") == \
        "Greetings to Bağımsız Maden İş from la mineros.\n"
    assert "glossary (1 concepts)" in report["engines"][0]


def test_tmx_bilingual_output_is_byte_identical_when_written_again(store, tmp_path):
    doc_id = _add(store)
    translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", out_dir=tmp_path / "a",
                        bilingual="tmx")
    time.sleep(1.1)
    translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", out_dir=tmp_path / "b",
                        bilingual="tmx")
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")
    units = read_tmx(tmp_path / "a" / "strike.en-es.tmx")
    assert units[0].segments == {"en": "The strike goes on", "es": "La huelga sigue adelante"}
    # the header is dated with the job's creation time, as every unit is
    created = datetime.fromisoformat(store.jobs.list()[-1].created_at).astimezone(timezone.utc)
    header = ElementTree.parse(tmp_path / "a" / "strike.en-es.tmx").getroot().find("header")
    assert header.get("creationdate") == created.strftime("%Y%m%dT%H%M%SZ")
    assert {u.creationdate for u in units} == {created.replace(microsecond=0).isoformat()}


@pytest.mark.parametrize("text, message", [
    ("", "at least one target"), ("es,,", None), ("e$", "not a language code"), ("english", "not a language code")])
def test_parse_targets(text, message):
    if message is None:
        assert parse_targets(text) == ("es",)
    else:
        with pytest.raises(InputError, match=message):
            parse_targets(text)


def test_missing_pair_and_missing_document(store):
    doc_id = _add(store)
    with pytest.raises(NotFoundError, match="no translation model for en->tr"):
        translate_documents(store, StandInEngine(LEXICON), [doc_id], ["tr"], "en")
    with pytest.raises(NotFoundError, match="no document with id 99"):
        translate_documents(store, StandInEngine(LEXICON), [99], ["es"], "en")
    assert store.jobs.list() == []


# --------------------------------------------------------------------------- CLI with the tiny Argos model

def test_cli_translate_started_again_after_a_crash_says_how_far_the_job_had_got(env, tmp_path, capsys, monkeypatch):
    """The same command after a crash continues the job, and says so with its numbers (it said
    "Job 1 (continued): 6 segments." only)."""
    import workbench.translate.factory as factory

    engines = iter([Failing(LEXICON, fail_at=2), StandInEngine(LEXICON), StandInEngine(LEXICON)])
    monkeypatch.setattr(factory, "build_engine", lambda *args, **kwargs: next(engines))
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    command = ["translate", str(article), "--from", "en", "--to", "es", "--out", str(tmp_path / "out"),
               "--chunk-size", "2"]
    with pytest.raises(RuntimeError, match="power cut"):
        main(command)
    capsys.readouterr()
    assert main(command) == 0
    assert ("Job 1 (continued): 6 segments; continued from 2 of 6 segments done before it stopped; "
            "4 translated now.") in capsys.readouterr().out
    assert main(command + ["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["done_before"] == 6


def test_cli_translate_writes_three_outputs_and_reuses_the_job(argos_env, tmp_path, capsys):
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["translate", str(article), "--from", "en", "--to", "es", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "] 6/6 segments" in captured.err and "ETA" in captured.err
    assert "Job 1 (new): 6 segments." in captured.out
    assert sorted(p.name for p in out.iterdir()) == ["article.en-es.xlf", "article.es.md", "article.es.report.json"]
    first = _outputs(out)
    text = first["article.es.md"].decode()
    assert text.startswith("# ") and text.count("\n\n") == 2 and text.endswith("\n")
    assert main(["translate", str(article), "--from", "en", "--to", "es", "--out", str(out), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["resumed"] and again["already_translated"] and again["reports"][0]["mt"] == 6
    assert _outputs(out) == first
    assert main(["translate", str(article), "--from", "en", "--to", "es", "--out", str(out)]) == 0
    assert "Job 1 (already translated): 6 segments." in capsys.readouterr().out    # not "continued"


def test_cli_bad_inputs_are_one_line_errors_and_write_nothing(argos_env, tmp_path, capsys):
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    cases = [
        ([str(good), str(tmp_path / "missing.md"), "--to", "es"], "missing.md"),
        ([str(good), str(binary), "--to", "es"], "image.txt"),
        ([str(good), "--from", "en", "--to", "tr"], "no translation model for en->tr"),
        ([str(good), "--from", "en", "--to", "es,de"], "no translation model for en->de"),
        (["--to", "es"], "give one or more FILEs"),
        (["--doc", "42", "--to", "es"], "no document with id 42"),
    ]
    for argv, expected in cases:
        assert main(["translate", *argv, "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("Error: ") and expected in err and err.count("\n") == 1, err
        assert not out.exists()
    with Store.open(os.environ["WORKBENCH_DB"]) as store:
        assert store.jobs.list() == []


# --------------------------------------------------------------------------- kill -9, then resume

# 240 sentences: each run is killed once it reports one segment more than the store held
# before it, but a loaded machine lets the job run on for some tens of segments before the
# signal lands; five runs must still leave work for the last resume.
KILL_PARAGRAPHS = 60
KILL_TEXT = "\n\n".join(
    " ".join(f"Sentence {p}-{s} about the {w} of the {v} and {p * s} workers." for s, (w, v) in
             enumerate([("strike", "union"), ("rent", "city"), ("wage", "miners"), ("meeting", "port")]))
    for p in range(KILL_PARAGRAPHS))


def _run_cli(env, args, kill_after=None, delay=0.0):
    """Run ``workbench translate`` in a subprocess; SIGKILL it once it reports ``kill_after`` done segments."""
    cmd = [sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))", *args]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if kill_after is None:
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err
    lines = []
    for line in proc.stderr:
        lines.append(line)
        done = line.split("] ")[1].split("/")[0] if "] " in line else None
        if done is not None and int(done) >= kill_after:
            time.sleep(delay)
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return proc.returncode, "".join(lines)


def test_kill_9_at_five_points_then_resume_gives_identical_outputs(argos_env, tmp_path, capsys):
    article = tmp_path / "long.txt"
    article.write_text(KILL_TEXT + "\n", encoding="utf-8")
    args = [str(article), "--from", "en", "--to", "es", "--chunk-size", "1", "--beam", "2", "--threads", "1"]
    assert main(["translate", *args, "--out", str(tmp_path / "ref")]) == 0   # uninterrupted, in this process
    reference = _outputs(tmp_path / "ref")

    env = {**os.environ, "WORKBENCH_DB": str(tmp_path / "job.sqlite3"), "WORKBENCH_DATA_DIR": str(tmp_path / "d2")}
    out = tmp_path / "out"
    rng = random.Random(7)
    progress = []
    for run in range(5):
        # the first run is killed as soon as it reports (planned, nothing translated yet); each
        # later one as soon as it has saved something new, so the five kill points all differ
        kill_after = progress[-1] + 1 if progress else 0
        rc, err = _run_cli(env, ["translate", *args, "--out", str(out)], kill_after, rng.uniform(0, 0.02))
        assert rc == -signal.SIGKILL, f"the job was not killed (exit {rc}): {err[-300:]}"
        with Store.open(env["WORKBENCH_DB"]) as store:
            jobs = store.jobs.list()
            assert len(jobs) == 1                                   # resumed, never planned twice
            assert job_state(jobs[0]) == "interrupted"              # not "running": its process is gone
            progress.append(store.jobs.progress(jobs[0].id).done)
        assert not out.exists() or not any(p.suffix != ".tmp" for p in out.iterdir())
    assert progress == sorted(set(progress)) and len(progress) == 5 and progress[-1] < 4 * KILL_PARAGRAPHS
    rc, err = _run_cli(env, ["translate", *args, "--out", str(out)])
    assert rc == 0, err
    assert _outputs(out) == reference


def test_cli_chunk_size_default_is_the_core_default():
    from workbench.cli import build_parser
    from workbench.translate import DEFAULT_CHUNK
    from workbench.translate.jobs import JobRequest

    args = build_parser().parse_args(["translate", "a.txt", "--to", "es", "--out", "out"])
    assert args.chunk_size == DEFAULT_CHUNK == JobRequest((1,), ("es",)).chunk_size


MANY = "\n\n".join(f"Pit {n} met on Monday. The strike goes on, said {n} miners!" for n in range(24)) + "\n"


def test_the_first_progress_comes_after_a_few_sentences_and_older_plans_resume(tmp_path, monkeypatch):
    """A job of more than one chunk of distinct sentences reports its first progress after the
    first FIRST_CHUNK (the bar and its ETA move within seconds on a slow model); the other chunks
    are the default's. A job planned before (one first chunk of 32) is found again, resumes after
    a crash with its own chunks, and its outputs are those of a fresh job."""
    from workbench.translate import DEFAULT_CHUNK, FIRST_CHUNK
    from workbench.translate import jobs

    engine, ticks = StandInEngine(LEXICON), []
    with Store.open(tmp_path / "new.sqlite3") as store:
        doc_id = _add(store, MANY, "pits.md")
        result = translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=tmp_path / "new",
                                     progress=lambda p, eta: ticks.append(p))
    assert ticks[-1].total == 48 and ticks[0].done == 0
    assert 0 < ticks[1].done <= FIRST_CHUNK < DEFAULT_CHUNK
    assert engine.calls == [FIRST_CHUNK, DEFAULT_CHUNK - FIRST_CHUNK, 48 - DEFAULT_CHUNK]
    assert result.progress.chunks_total == 3

    with Store.open(tmp_path / "old.sqlite3") as store:
        doc_id = _add(store, MANY, "pits.md")
        monkeypatch.setattr(jobs, "FIRST_CHUNK", DEFAULT_CHUNK)   # planned as before the first cut
        with pytest.raises(RuntimeError, match="power cut"):
            translate_documents(store, Failing(LEXICON, fail_at=2), [doc_id], ["es"], "en")
        monkeypatch.undo()
        again = StandInEngine(LEXICON)
        result = translate_documents(store, again, [doc_id], ["es"], "en", out_dir=tmp_path / "old")
        assert again.calls == [48 - DEFAULT_CHUNK] and result.progress.chunks_total == 2
    assert _outputs(tmp_path / "old") == _outputs(tmp_path / "new")


class SyncOnly:
    """The Argos engine without ``translate_later``: every chunk translated only when awaited."""

    def __init__(self, engine):
        self.engine = engine

    def supports(self, src, tgt):
        return self.engine.supports(src, tgt)

    def describe(self, src, tgt):
        return self.engine.describe(src, tgt)

    def translate(self, sentences, src, tgt, **kw):
        return self.engine.translate(sentences, src, tgt, **kw)


def test_overlapped_chunks_give_the_outputs_of_one_chunk_at_a_time(tmp_path):
    """With the tiny Argos model, chunk k+1 translated in CTranslate2's threads while chunk k is
    saved gives the same bytes as translating each chunk only when it is needed."""
    from tests.tinyargos import build_package
    from workbench.translate.argos import ArgosEngine, ArgosOptions
    from workbench.translate.models import read_package

    package = read_package(build_package(tmp_path / "models", "en", "es"))
    text = "\n\n".join(f"The miners of pit {n} met. The strike goes on, said {n} delegates! Who decides?"
                       for n in range(12)) + "\n"
    outputs = []
    for name, wrap in (("overlapped", lambda e: e), ("one-at-a-time", SyncOnly)):
        engine = wrap(ArgosEngine([package], ArgosOptions(beam_size=2, device="cpu", intra_threads=1,
                                                          inter_threads=2)))
        with Store.open(tmp_path / f"{name}.sqlite3") as store:
            doc_id = _add(store, text, "pits.txt")
            result = translate_documents(store, engine, [doc_id], ["es"], "en", chunk_size=5,
                                         out_dir=tmp_path / name)
            assert result.progress.chunks_total >= 5
        outputs.append(_outputs(tmp_path / name))
    assert outputs[0] == outputs[1]


def test_the_first_cut_gives_the_outputs_of_whole_chunks_on_the_tiny_argos_model(tmp_path, monkeypatch):
    """Real CTranslate2 batches: the first FIRST_CHUNK sentences translated apart from the rest of
    their chunk give the same bytes as the whole first chunk of 32 at once."""
    from tests.tinyargos import build_package
    from workbench.translate import DEFAULT_CHUNK
    from workbench.translate import jobs
    from workbench.translate.argos import ArgosEngine, ArgosOptions
    from workbench.translate.models import read_package

    package = read_package(build_package(tmp_path / "models", "en", "es"))
    outputs = []
    for name, first in (("first-cut", jobs.FIRST_CHUNK), ("whole-chunks", DEFAULT_CHUNK)):
        monkeypatch.setattr(jobs, "FIRST_CHUNK", first)
        engine = ArgosEngine([package], ArgosOptions(beam_size=2, device="cpu", intra_threads=1, inter_threads=2))
        with Store.open(tmp_path / f"{name}.sqlite3") as store:
            doc_id = _add(store, MANY, "pits.txt")
            result = translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=tmp_path / name)
            assert result.progress.chunks_total == (3 if first < DEFAULT_CHUNK else 2)
        outputs.append(_outputs(tmp_path / name))
    assert outputs[0] == outputs[1]


class FailsToStart(StandInEngine):
    """Starts chunks in the background, and cannot start its ``fail_at``-th one."""

    def __init__(self, lexicon, fail_at: int):
        super().__init__(lexicon)
        self.fail_at, self.started = fail_at, 0

    def translate_later(self, sentences, src, tgt, **kw):
        self.started += 1
        if self.started == self.fail_at:
            raise RuntimeError("model gone")
        hyps = self.translate(sentences, src, tgt, **kw)
        return lambda: hyps


def test_a_chunk_that_cannot_start_fails_after_the_one_before_is_saved(store):
    doc_id = _add(store)
    engine = FailsToStart(LEXICON, fail_at=3)
    with pytest.raises(RuntimeError, match="model gone"):
        translate_documents(store, engine, [doc_id], ["es"], "en", chunk_size=2)
    job = store.jobs.list()[-1]
    # chunks 1 and 2 were translated; the failure to start chunk 3 came after chunk 2 was saved
    assert store.jobs.progress(job.id).chunks_done == 2


def test_a_job_refuses_to_continue_with_a_model_replaced_in_place(argos_env, tmp_path, capsys):
    """Same folder, name and version, other weights: the checksum the job recorded tells them apart."""
    from tests.tinyargos import build_package
    from workbench.errors import ModelError
    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine

    article = tmp_path / "long.txt"
    article.write_text(KILL_TEXT + "\n", encoding="utf-8")
    packages = Path(os.environ["ARGOS_PACKAGES_DIR"])
    with Store.open(tmp_path / "job.sqlite3") as store:
        doc_id = _add(store, KILL_TEXT, "long.txt")
        engine = build_engine(load_settings())
        first = engine.checksum("en", "es")
        def stop(progress, eta):   # interrupts the job once its first chunk is saved
            if progress.done:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            translate_documents(store, engine, [doc_id], ["es"], "en", chunk_size=8, progress=stop)
        [job] = store.jobs.list()
        assert job.settings["models"] == {"en-es": first}
        assert 0 < store.jobs.progress(job.id).done < store.jobs.progress(job.id).total

        build_package(packages, "en", "es", seed=5)              # replaced in place, same name and version
        other = build_engine(load_settings())
        assert other.describe("en", "es") == engine.describe("en", "es") and other.checksum("en", "es") != first
        before = store.jobs.progress(job.id).done
        with pytest.raises(ModelError) as err:
            translate_documents(store, other, [doc_id], ["es"], "en", chunk_size=8)
        assert str(err.value) == (
            f"job {job.id} was started with another en->es model (checksum {first[:12]}, installed now: "
            f"{other.checksum('en', 'es')[:12]}); continuing would mix the two models' translations. "
            "Install the model it started with again to continue it")
        assert store.jobs.progress(job.id).done == before and len(store.jobs.list()) == 1

    env = {**os.environ, "WORKBENCH_DB": str(tmp_path / "job.sqlite3")}
    rc, err = _run_cli(env, ["translate", "--doc", str(doc_id), "--from", "en", "--to", "es", "--chunk-size", "8",
                             "--no-glossary", "--out", str(tmp_path / "out")])
    assert rc == 2 and err.splitlines()[-1].startswith(f"Error: job {job.id} was started with another en->es model")
    assert not (tmp_path / "out").exists()


def test_live_state_running_while_a_process_runs_it_then_done_or_interrupted(store):
    from dataclasses import replace
    from datetime import timedelta

    doc_id = _add(store)
    seen = []

    def look(progress, eta):   # what another page or process would show while the job runs
        [job] = store.jobs.list()
        seen.append(job_state(job))

    translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", chunk_size=2, progress=look)
    [job] = store.jobs.list()
    assert set(seen) == {"running"} and job_state(job) == "done" and job.runner is None
    elsewhere = replace(job, status="running", runner="another-machine:12")
    now = datetime.fromisoformat(job.updated_at)
    assert job_state(elsewhere, now + timedelta(seconds=30)) == "running"
    assert job_state(elsewhere, now + timedelta(hours=1)) == "interrupted"
    assert job_state(replace(job, status="planned", runner=None)) == "interrupted"


def test_post_edited_and_confirmed_segments_are_reused_by_the_next_job(store, tmp_path):
    from workbench import review

    doc_id = _add(store, "The miners met on Monday. The strike goes on!\n", "one.txt")
    first = translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en")
    [item] = first.items
    alignment_id = review.open_or_align(store, item.pair_id, user="ana")
    review.edit_target(store, alignment_id, 0, "Los mineros se reunieron el lunes. ¡La huelga continúa!", "ana")
    review.accept(store, alignment_id, 0, "ana")
    assert store.tm.count("en", "es") == 3          # the paragraph and its two sentences

    other = _add(store, "The strike goes on! Who decides?\n", "two.txt")
    engine = StandInEngine(LEXICON)
    second = translate_documents(store, engine, [other], ["es"], "en")
    [report] = second.reports()
    assert report["tm_exact"] == 1 and engine.calls == [1]          # only "Who decides?" went to MT
    texts = [f.data.decode() for f in second.files if f.name.endswith(".es.txt")]
    assert texts[0].startswith("¡La huelga continúa!")


def test_naming_and_rendering_a_job_s_xliff_imports_no_other_format_and_no_url_library():
    """A job's start-up: the registry names the extension without importing every reader, and
    the XLIFF writer does not bring in xml.sax.saxutils (which imports urllib.request)."""
    from tests.test_startup import heavy_imports

    code = """
        import sys
        from workbench.formats.base import extension_of
        from workbench.formats.xliff import XliffFile, XliffSegment, XliffUnit, render_xliff
        assert extension_of("xliff") == ".xlf" and extension_of("tmx") == ".tmx"
        unit = XliffUnit("p0", (XliffSegment("s0", "A & B", "A y B", "translated", ()),), None)
        assert "A &amp; B" in render_xliff(XliffFile("en", "es", "a.txt", (unit,), ()))
        assert not {"workbench.formats.csv_pairs", "workbench.formats.tbx", "xml.sax.saxutils"} & set(sys.modules)
        """
    assert heavy_imports(code) == []


def test_output_names_are_grouped_by_document_and_target_with_the_document_first():
    from workbench.store.jobs import JobItem
    from workbench.translate.jobs import names_by_item

    def item(n, name, tgt):
        return JobItem(n, 1, n, n, name, "en", tgt, "done", None, None)

    items = [item(1, "strike.md", "es"), item(2, "strike.html", "es"), item(3, "strike.md", "de")]
    names = ["strike.en-es.xlf", "strike.es.report.json", "strike.es.md", "strike-2.en-es.xlf",
             "strike-2.es.html", "strike.en-de.xlf", "strike.de.md", "notes.txt"]
    assert names_by_item(items, names) == [["strike.es.md", "strike.en-es.xlf", "strike.es.report.json"],
                                           ["strike-2.es.html", "strike-2.en-es.xlf"],
                                           ["strike.de.md", "strike.en-de.xlf"], ["notes.txt"]]


# --------------------------------------------------------------------------- the first seconds of a job

class Killed(Exception):
    """The process stopped here (a kill of the app while languages were identified)."""


def test_uploads_are_stored_before_their_languages_are_identified_and_each_step_is_told(store, tmp_path,
                                                                                         monkeypatch):
    """Journey 3: the first job of a process sat at "Starting…" for 5-10 s, most of it language
    identification loading its tables, and a kill then had stored nothing of the upload. Each
    step is now told before it runs, and the files are stored (one transaction) before the slow
    ones: a kill while their languages are identified leaves them in the store, found again."""
    from workbench import langid
    from workbench.translate.batch import translate_files, unstarted_uploads

    path = tmp_path / "strike.md"
    path.write_text(ARTICLE, encoding="utf-8")
    # ingested elsewhere, its language not found: no upload of a job
    other = store.documents.add(ingest_text("12 345 678", source_name="numbers.txt"), user="ana")[0]
    real = langid.detect

    def killed(text):
        raise Killed()

    monkeypatch.setattr(langid, "detect", killed)
    told = []
    with pytest.raises(Killed):
        translate_files(store, StandInEngine(LEXICON), [path], ["es"],
                        steps=lambda text: told.append((text, store.documents.count())))
    # each step with the documents stored when it was told
    assert told == [("Reading 1 document…", 1), ("Storing 1 document…", 1),
                    ("Identifying the language of 1 document…", 2)]
    [doc] = [d for d in store.documents.list() if d.id != other]
    assert (doc.source_name, doc.lang, store.jobs.list()) == ("strike.md", None, [])
    [upload] = unstarted_uploads(store)
    assert (upload.document_ids, upload.targets, upload.src_lang) == ([doc.id], ("es",), "auto")

    monkeypatch.setattr(langid, "detect", real)   # the app started again: the same file, or the stored document
    told.clear()
    result = translate_files(store, StandInEngine(LEXICON), [path], ["es"], steps=lambda text: told.append(text))
    assert [t.split(":")[0] for t in told] == ["Reading 1 document…", "Storing 1 document…",
                                               "Identifying the language of 1 document…", "Planning the job"]
    assert result.progress.done == result.progress.total > 0 and store.documents.get(doc.id).lang == "en"
    assert unstarted_uploads(store) == []


def test_a_resumed_job_says_how_many_segments_it_had_done_before(store):
    """After Resume the page said "Job 1: 456 segments (finished)": nothing of the 228 done before."""
    from workbench.translate.batch import resume_job

    doc_id = _add(store)
    with pytest.raises(RuntimeError, match="power cut"):
        translate_documents(store, Failing(LEXICON, fail_at=2), [doc_id], ["es"], "en", chunk_size=2)
    before = store.jobs.progress(1)
    assert 0 < before.done < before.total
    result = resume_job(store, 1, StandInEngine(LEXICON))
    assert (result.done_before, result.progress.done) == (before.done, before.total)
    assert result.continued == (f"continued from {before.done} of {before.total} segments done before it "
                                f"stopped; {before.total - before.done} translated now")
    again = translate_documents(store, StandInEngine(LEXICON), [doc_id], ["es"], "en", chunk_size=2)
    assert again.already_done and again.continued is None     # nothing was translated: nothing to tell


def test_a_kill_after_the_languages_are_identified_leaves_the_upload_to_start_or_discard(store, tmp_path,
                                                                                          monkeypatch):
    """Journey 3: a kill after the upload was stored and its languages identified, while the job
    was planned (before its row existed), left the documents stored and nothing offering them.
    Each upload not started is found, with the languages it was for, and started or discarded."""
    from workbench.store.jobs import JobsRepo
    from workbench.translate.batch import discard_unstarted, start_unstarted, translate_files, unstarted_uploads

    before = _add(store, "The miners met on Monday.\n", name="before.txt")   # stored before, in no job
    for name, text in (("strike.md", ARTICLE), ("port.txt", "Solidarity from the dockers.\n"),
                       ("before.txt", "The miners met on Monday.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    real = JobsRepo.create

    def killed(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(JobsRepo, "create", killed)
    with pytest.raises(Killed):
        translate_files(store, StandInEngine(LEXICON), [tmp_path / "strike.md", tmp_path / "port.txt"], ["es", "de"])
    with pytest.raises(Killed):
        translate_files(store, StandInEngine(LEXICON), [tmp_path / "before.txt"], ["es"], "en")
    monkeypatch.setattr(JobsRepo, "create", real)   # the app started again
    first, second = unstarted_uploads(store)
    names = {d.id: d.source_name for d in store.documents.list()}
    assert [names[i] for i in first.document_ids] == ["strike.md", "port.txt"]
    assert (first.targets, first.src_lang, second.targets, second.src_lang) == (("es", "de"), "auto", ("es",), "en")
    assert store.documents.get(first.document_ids[0]).lang == "en"     # identified before the kill
    assert second.document_ids == [before]

    result = start_unstarted(store, StandInEngine(LEXICON), first)
    assert result.progress.done == result.progress.total > 0
    assert {(i.source_name, i.tgt_lang) for i in result.items} == {(n, t) for n in ("strike.md", "port.txt")
                                                                    for t in ("es", "de")}
    assert [u.document_ids for u in unstarted_uploads(store)] == [[before]]
    assert discard_unstarted(store, second) == 0          # stored before the upload: kept
    assert unstarted_uploads(store) == [] and store.documents.get(before).title

    monkeypatch.setattr(JobsRepo, "create", killed)
    (tmp_path / "new.txt").write_text("The dockers met on Monday.\n", encoding="utf-8")
    with pytest.raises(Killed):
        translate_files(store, StandInEngine(LEXICON), [tmp_path / "new.txt", tmp_path / "port.txt"], ["es"], "en")
    [upload] = unstarted_uploads(store)
    assert [names.get(i, "new") for i in upload.document_ids] == ["new"]   # port.txt is in a job: not offered
    assert discard_unstarted(store, upload) == 1
    assert unstarted_uploads(store) == [] and "new.txt" not in {d.source_name for d in store.documents.list()}


def test_an_upload_of_an_older_version_stopped_while_identified_is_offered_after_the_migration(tmp_path):
    """A store from before uploads were noted: a document stored for a job whose language was never
    identified (confidence 0, in no job) is an upload not started after the migration."""
    import sqlite3

    from workbench.translate.batch import unstarted_uploads

    database = tmp_path / "old.db"
    with Store.open(database) as store:
        waiting = store.documents.add(ingest_text("The miners met.\n", source_name="a.md"), lang=None,
                                      lang_confidence=0.0, user="ana")[0]
        store.documents.add(ingest_text("The dockers met.\n", source_name="b.md"), lang=None, user="ana")
        _add(store, "Solidarity.\n", name="c.md")
    conn = sqlite3.connect(database)
    conn.execute("DROP TABLE translation_uploads")
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", ("0838_translation_uploads",))
    conn.commit()
    conn.close()
    with Store.open(database) as store:
        [upload] = unstarted_uploads(store)
        assert (upload.document_ids, upload.targets, upload.uploaded_by) == ([waiting], (), "ana")
