"""Batch translation jobs: plan, run (resumably), store the results, write outputs.

* ``prepare_job`` finds the job for the same documents, languages and
  settings, or plans a new one: every segment is looked up in the TM (exact
  hits are reused, fuzzy ones kept as offers) and the rest are put into MT
  chunks (distinct sentences of a language pair, sorted by length), except
  those an earlier job translated with the same model, settings, rules and
  glossary: their machine translation is taken as it is (``_take_earlier``). A found
  job's segments translated under older segmentation or masking rules are
  planned again where the current rules would translate them otherwise
  (``rules.py``).
* ``run_job`` translates the unfinished chunks in order, one store transaction each
  (the next chunk is translated while one is saved); killing the process loses at
  most the chunks in flight, and a second run continues from there with the same
  chunks, so outputs are byte-identical.
* ``finish_job`` stores each translation as a document paired with its source
  (the Review page opens it as a source/MT pair).
* ``render_outputs``/``write_outputs``: translated text (same paragraphs and
  headings), a bilingual XLIFF 2.0 (or TMX) file and a JSON report per
  document and target, each written to a temporary file and renamed.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from workbench.errors import InputError, ModelError, NotFoundError
from workbench.files import write_bytes_atomic
from workbench.ingest import BODY, Document, Paragraph
from workbench.store import Store
from workbench.store.jobs import ChunkWork, Job, JobItem, JobProgress, JobSegment, PlannedItem
from workbench.translate import DEFAULT_CHUNK, FIRST_CHUNK
from workbench.translate.eta import Eta, estimate_left, work_of
from workbench.translate.engine import engine_runtime, model_checksum, translate_later
from workbench.translate.glossary import fingerprint
from workbench.translate.inline_code import CODE_SPAN, mask_code, marks_code, restore_code
from workbench.translate.rules import RULES, engine_input, leftover_placeholder, still_current
from workbench.translate.segments import plan_segments, rebuild_paragraphs, render_text

BILINGUAL = ("xliff", "tmx", "xliff12")   # xliff: XLIFF 2.0; xliff12: XLIFF 1.2


@dataclass(frozen=True)
class JobRequest:
    document_ids: tuple[int, ...]
    targets: tuple[str, ...]
    src_lang: str = "auto"
    use_tm: bool = True
    chunk_size: int = DEFAULT_CHUNK
    reuse_mt: bool = True   # take earlier jobs' machine translations of the same sentences (see _take_earlier)


@dataclass(frozen=True)
class OutputFile:
    name: str
    data: bytes


ProgressFn = Callable[[JobProgress, "Eta | None"], None]   # the time left (eta.py), None before any


# --------------------------------------------------------------------------- planning

def parse_targets(text: str) -> tuple[str, ...]:
    targets = tuple(dict.fromkeys(t.strip().lower() for t in text.split(",") if t.strip()))
    if not targets:
        raise InputError("--to: give at least one target language, like es or es,de,tr")
    for t in targets:
        if not t.replace("-", "").isalpha() or not 2 <= len(t.split("-")[0]) <= 3:
            raise InputError(f"--to: {t!r} is not a language code like es")
    return targets


def source_language(store: Store, doc_id: int, requested: str) -> str:
    if requested and requested != "auto":
        return requested
    doc = store.documents.get(doc_id)
    if doc.lang:
        return doc.lang
    from workbench import langid

    found = langid.detect("\n\n".join(p.text for p in doc.paragraphs))
    if found.lang in (None, "", "und"):
        raise InputError(f"{doc.source_name}: cannot detect its language; give it with --from")
    return found.lang


def job_signature(store: Store, request: JobRequest, engine, src_langs: dict[int, str],
                  docs: dict[int, Document] | None = None) -> str:
    parts = {"chunk": request.chunk_size, "tm": request.use_tm, "items": []}
    for doc_id in request.document_ids:
        doc = docs[doc_id] if docs and doc_id in docs else store.documents.get(doc_id)
        for tgt in request.targets:
            src = src_langs[doc_id]
            if src == tgt:
                continue
            parts["items"].append([doc.content_hash, src, tgt, engine.describe(src, tgt)])
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def prepare_job(store: Store, request: JobRequest, engine, user: str = "translator") -> Job:
    """The existing job for this request (to resume or re-use), or a newly planned one."""
    return find_or_plan(store, request, engine, user)[0]


@dataclass(frozen=True)
class Replanned:
    """What ``find_or_plan`` did to a found job's segments made under older rules."""
    redone: int = 0   # planned again: translated when the job runs
    kept: int = 0     # left as they were: their translation has been post-edited in Review


def find_or_plan(store: Store, request: JobRequest, engine, user: str = "translator") -> tuple[Job, Replanned]:
    """``prepare_job``, and what became of an existing job's segments that were translated under
    older segmentation or masking rules (``rules.py``): planned again, to be translated when the
    job runs, unless their translation has been post-edited; the others are kept as they were."""
    if not request.document_ids:
        raise InputError("choose at least one document to translate")
    if request.chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    src_langs = {d: source_language(store, d, request.src_lang) for d in request.document_ids}
    pairs = sorted({(src_langs[d], t) for d in request.document_ids for t in request.targets
                    if src_langs[d] != t})
    if not pairs:
        raise InputError("nothing to translate: every document is already in the target language")
    for src, tgt in pairs:
        if not engine.supports(src, tgt):
            engine.describe(src, tgt)  # raises the engine's own "no model" message
            raise NotFoundError(f"no translation model for {src}->{tgt}; "
                                f"install one with: workbench models install {src} {tgt}")
    docs = {d: store.documents.get(d) for d in request.document_ids}   # each read once for signature and plan
    signature = job_signature(store, request, engine, src_langs, docs)
    existing = store.jobs.find(signature)
    if existing is not None:
        store.jobs.forget_uploads(request.document_ids)   # uploaded again: that job translates them
        replanned = plan_older_again(store, existing, docs, engine if request.reuse_mt else None)
        return (store.jobs.get(existing.id) if replanned.redone else existing), replanned
    settings = {"src": request.src_lang, "targets": list(request.targets), "tm": request.use_tm,
                "chunk_size": request.chunk_size, "reuse_mt": request.reuse_mt, **engine_settings(engine, pairs)}
    items = _plan_items(store, request, src_langs, docs, settings)
    job_id = store.jobs.create(signature, request.src_lang, list(request.targets), settings, items, user)
    store.tm.record_use([s["tm_unit_id"] for item in items for s in item.segments if s.get("tm_unit_id")])
    return store.jobs.get(job_id), Replanned()


def engine_settings(engine, pairs) -> dict:
    """What decides the engine's translation of a language pair's sentences, as a job's settings
    record it and ``_take_earlier`` compares it: its description (model, beam, glossary size), its
    model checksum, where and how it runs the model (device and compute type: CPU int8 and GPU
    float16 translate a sentence differently) and the glossary state it enforces."""
    pairs = sorted(set(pairs))
    return {"engines": {f"{s}-{t}": engine.describe(s, t) for s, t in pairs},
            "models": {f"{s}-{t}": model_checksum(engine, s, t) for s, t in pairs},
            "runtimes": {f"{s}-{t}": engine_runtime(engine, s, t) for s, t in pairs},
            "glossary": fingerprint(engine)}


def _plan_items(store: Store, request: JobRequest, src_langs, docs: dict[int, Document],
                settings: dict) -> list[PlannedItem]:
    planned: list[tuple[int, str, str, str, list[dict]]] = []
    for doc_id in request.document_ids:
        doc = docs[doc_id]
        src = src_langs[doc_id]
        code = marks_code(store.jobs.original_name(doc_id) or "")
        segments = plan_segments(doc.paragraphs, src)
        for tgt in request.targets:
            if tgt == src:
                continue
            rows = [_row(seg) for seg in segments]
            _look_up(store, rows, src, tgt, code, request.use_tm)
            planned.append((doc_id, doc.source_name, src, tgt, rows))
    if request.reuse_mt:
        _take_earlier(store, [(src, tgt, rows) for _, _, src, tgt, rows in planned], settings)
    _assign_chunks([(src, tgt, rows) for _, _, src, tgt, rows in planned], request.chunk_size)
    return [PlannedItem(doc_id, name, src, tgt, tuple(rows)) for doc_id, name, src, tgt, rows in planned]


def _row(seg) -> dict:
    return {"index": seg.index, "para_index": seg.para_index, "start": seg.start, "end": seg.end,
            "source": seg.source, "origin": "mt", "rules": RULES}


def _look_up(store: Store, rows: list[dict], src: str, tgt: str, code: bool, use_tm: bool,
             stale: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Plan ``rows``: an exact TM hit is reused (fuzzy ones kept as offers), the others are marked
    for MT with whether their backticks are code (a sentence with backticks is translated apart
    for documents whose format makes them code, .md and .html, and for the others: see
    _start_chunk). ``stale``: (source, target) pairs known to be out of date."""
    tm_here = use_tm and store.tm.count(src, tgt) > 0
    # every segment looked up at once (same results as tm.lookup each)
    lookups = _tm_lookups(store, [row["source"] for row in rows], src, tgt, stale) if tm_here else {}
    for row in rows:
        if tm_here:
            found = lookups[row["source"]]
            if found.exact is not None:
                row.update(origin="tm", target=found.exact.target, tm_unit_id=found.exact.unit_id,
                           engine=f"tm unit {found.exact.unit_id} ({found.exact.kind})")
            row["fuzzy"] = [{"unit_id": m.unit_id, "score": m.score, "source": m.source,
                             "target": m.target} for m in found.fuzzy[:3]]
        if row["origin"] == "mt":
            row["code"] = code and CODE_SPAN.search(row["source"]) is not None


def _take_earlier(store: Store, groups: list[tuple[str, str, list[dict]]], settings: dict) -> None:
    """Give each row to translate (marked by ``_look_up``) the machine translation an earlier job
    made of the same sentence, where there is one made with everything that decides it equal: the
    language pair, the engine's description (model and beam, glossary size), model checksum and
    runtime (device and compute type) recorded in that job's settings (``engine_settings``), the
    glossary state (``glossary.fingerprint``; jobs from before the glossary state or the runtime
    was recorded carry none and give nothing), the rules version, and what the engine was given
    (the format's reading of backticks). Target, engine, findings and flags are copied; the row
    stays a machine translation, done at planning (no chunk), with ``reused_from`` its job. Only a
    segment's stored machine output is taken (a post-edit lives in Review and the TM, not there),
    never one a rerun replaced or has still to translate."""
    wanted: dict[tuple[str, str], list[dict]] = {}
    for src, tgt, rows in groups:
        wanted.setdefault((src, tgt), []).extend(row for row in rows if "code" in row)
    earlier = [job for job in store.jobs.list() if job.settings.get("glossary") == settings["glossary"]]
    for (src, tgt), rows in sorted(wanted.items()):
        pair = f"{src}-{tgt}"
        same = [job.id for job in earlier
                if job.settings.get("engines", {}).get(pair) == settings["engines"][pair]
                and job.settings.get("models", {}).get(pair) == settings["models"][pair]
                and job.settings.get("runtimes", {}).get(pair) == settings["runtimes"][pair]]
        if not rows or not same:
            continue
        found: dict[tuple[str, str], tuple] = {}   # (source, what the engine was given) -> the latest job's
        for source, target, engine, findings, flags, job_id, original in store.jobs.machine_translations(
                src, tgt, [row["source"] for row in rows], same, RULES):
            found.setdefault((source, engine_input(source, marks_code(original or ""))),
                             (target, engine, findings, flags, job_id))
        for row in rows:
            hit = found.get((row["source"], engine_input(row["source"], row["code"])))
            if hit is not None:
                target, engine, findings, flags, job_id = hit
                row.pop("code")
                row.update(target=target, engine=engine, findings=list(findings), flags=list(flags),
                           reused_from=job_id)


def _tm_lookups(store: Store, sources: list[str], src: str, tgt: str, stale: frozenset[tuple[str, str]]):
    """``tm.lookup_many``, less the exact hits that must not be reused as if current: a target with
    a masking placeholder left in it, and an old rules' machine translation confirmed unchanged
    (the same source and target as a job segment made under older rules that the current ones
    would translate otherwise)."""
    from dataclasses import replace

    from workbench import tm

    lookups = tm.lookup_many(store, sources, src, tgt)
    hits = {s: found for s, found in lookups.items() if found.exact is not None}
    if not hits:
        return lookups
    old = set(stale) | {(source, target) for source, target, rules, original
                        in store.jobs.older_translations(src, tgt, hits, RULES)
                        if rules == 0 or not still_current(source, marks_code(original or ""), rules)}
    for source, found in hits.items():
        if (source, found.exact.target) in old or leftover_placeholder(source, found.exact.target):
            lookups[source] = replace(found, exact=None)
    return lookups


def _assign_chunks(groups: list[tuple[str, str, list[dict]]], chunk_size: int, first: int = 0) -> None:
    """Give each row to translate (marked by ``_look_up``) its chunk, numbered from ``first``: the
    distinct sentences of a language pair (and code reading), sorted by length. The first chunk
    is cut in two, its ``FIRST_CHUNK`` shortest sentences first, so that a run's first progress
    and ETA come after a few sentences, not a whole chunk; the other chunks are as they were.
    (Chunks are stored per row: a job planned before runs and resumes with its own.)"""
    mt_sources: dict[tuple[str, str, bool], set[str]] = {}
    for src, tgt, rows in groups:
        for row in rows:
            if "code" in row:
                mt_sources.setdefault((src, tgt, row["code"]), set()).add(row["source"])
    chunk_of: dict[tuple[str, str, bool, str], int] = {}
    next_chunk = first
    for group in sorted(mt_sources):
        ordered = sorted(mt_sources[group], key=lambda s: (len(s), s))
        cuts = list(range(0, len(ordered), chunk_size))
        if next_chunk == first and FIRST_CHUNK < min(chunk_size, len(ordered)):
            cuts.insert(1, FIRST_CHUNK)
        for i, end in zip(cuts, [*cuts[1:], len(ordered)]):
            for source in ordered[i:end]:
                chunk_of[(*group, source)] = next_chunk
            next_chunk += 1
    for src, tgt, rows in groups:
        for row in rows:
            if "code" in row:
                row["chunk"] = chunk_of[(src, tgt, row.pop("code"), row["source"])]


def plan_older_again(store: Store, job: Job, docs: dict[int, Document] | None = None,
                     engine=None) -> Replanned:
    """Plan again the segments of a stored job that were translated under older rules and that the
    current ones would translate otherwise (another text given to the engine, or other segment
    boundaries); the others are kept, and marked as current. A segment planned again keeps its
    old translation as ``previous_target`` (nothing is lost), is looked up in the TM (not taking
    that old translation back from it), then, with ``engine`` (the one that will translate it),
    in earlier jobs' machine translations made as that engine would make it (``_take_earlier``),
    and the rest go to new chunks at the end of the job. A document
    whose translation has been post-edited in Review is left whole as it is: a new translation
    would be a new pair, away from her edits (its segments stay marked as older, and are counted).
    ``docs``: the job's documents, when already read. (The job's TM use and chunk size are its
    request's: they are part of its signature.)"""
    from workbench.translate.reviewed import post_edited

    if not store.jobs.has_older_rules(job.id, RULES):
        return Replanned()
    use_tm, chunk_size = job.settings.get("tm", True), job.settings.get("chunk_size", DEFAULT_CHUNK)
    stored = store.jobs.job_segments(job.id)
    docs = dict(docs or {})
    changed: dict[int, tuple[dict, ...]] = {}
    current: list[int] = []
    kept = 0
    groups: list[tuple[str, str, list[dict]]] = []
    for item in store.jobs.items(job.id):
        if item.document_id is None:
            continue
        if item.document_id not in docs:
            docs[item.document_id] = store.documents.get(item.document_id)
        code = marks_code(store.jobs.original_name(item.document_id) or "")
        old = {(s.para_index, s.start, s.end, s.source): s for s in stored.get(item.id, [])}
        rows, again = [], []
        for seg in plan_segments(docs[item.document_id].paragraphs, item.src_lang):
            row, before = _row(seg), old.get((seg.para_index, seg.start, seg.end, seg.source))
            if before is not None and (before.target is None or before.origin == "tm"
                                       or still_current(before.source, code, before.rules)):
                row.update(origin=before.origin, target=before.target, chunk=before.chunk,
                           tm_unit_id=before.tm_unit_id, engine=before.engine, fuzzy=before.fuzzy,
                           findings=before.findings, flags=before.flags, previous_target=before.previous_target,
                           reused_from=before.reused_from)
            else:
                row["previous_target"] = before.target if before is not None else None
                again.append(row)
            rows.append(row)
        if (again or len(rows) != len(old)) and post_edited(store, item):
            kept += len(again) or 1
            continue
        current.append(item.id)
        if again or len(rows) != len(old):
            stale = frozenset((r["source"], r["previous_target"]) for r in again if r["previous_target"])
            _look_up(store, again, item.src_lang, item.tgt_lang, code, use_tm, stale)
            changed[item.id] = tuple(rows)
            groups.append((item.src_lang, item.tgt_lang, again))
    if engine is not None and groups:
        _take_earlier(store, groups, engine_settings(engine, [(src, tgt) for src, tgt, _ in groups]))
    first = 1 + max((s.chunk for segs in stored.values() for s in segs if s.chunk is not None), default=-1)
    _assign_chunks(groups, chunk_size, first)
    store.jobs.replan(job.id, changed, current, RULES)
    return Replanned(sum(len(rows) for _, _, rows in groups), kept)


# --------------------------------------------------------------------------- running

def run_job(store: Store, job_id: int, engine, progress: ProgressFn | None = None) -> JobProgress:
    """Translate every unfinished chunk; safe to interrupt and call again.

    The unfinished chunks and their rows are read in one query. Each chunk is
    saved in its own transaction (one update per row by rowid, committed without
    waiting for the disk: see ``JobsRepo.relaxed_sync``), in order. While chunk k
    is collected and saved, chunk k+1 is already being translated: engines that
    can (``translate_later``: CTranslate2's own threads) start it before chunk k's
    answer is awaited, so the model never idles between chunks and no Python
    thread is added. (An earlier version ran the engine in a Python worker
    thread; under competing load its threads and CTranslate2's contended and it
    cost 1.4-2x.) A chunk's batches are the same either way, so outputs are
    too; a kill loses at most the two chunks in flight. Progress after each
    chunk is counted here (the numbers ``store.jobs.progress`` would give), not
    queried; its ETA (``eta.py``) from the characters done and left, timed from
    when the model is loaded."""
    first = store.jobs.progress(job_id)
    if progress:
        progress(first, None)
    work = store.jobs.pending_work(job_id)   # every unfinished chunk in one read
    if not work:
        return first
    check_same_models(store.jobs.get(job_id), engine, {(w.src_lang, w.tgt_lang) for w in work})
    done, chunks_done = first.done, first.chunks_done
    costs = [work_of(w.sources) for w in work]   # the ETA's measure: characters, not sentences
    work_done, work_left = 0, sum(costs)
    with store.jobs.relaxed_sync():
        started = _start_chunk(engine, work[0])
        start = time.monotonic()   # the model is loaded now: its load tells nothing of the work's pace
        for n, w in enumerate(work):
            current, started, failed = started, None, None
            if n + 1 < len(work):
                try:
                    started = _start_chunk(engine, work[n + 1])
                except Exception as exc:  # raised once this chunk is saved, as before the overlap
                    failed = exc
            store.jobs.save_chunk(job_id, current(), w.rows)
            done += len(w.rows)
            chunks_done += 1
            work_done, work_left = work_done + costs[n], work_left - costs[n]
            if progress:
                eta = estimate_left(time.monotonic() - start, work_done, work_left)
                progress(JobProgress(first.total, done, first.chunks_total, chunks_done), eta)
            if failed is not None:
                raise failed
    return JobProgress(first.total, done, first.chunks_total, chunks_done)


# --------------------------------------------------------------------------- live state

STALE_AFTER_S = 300   # a job run on another machine that saved nothing for this long counts as interrupted


@contextmanager
def running(store: Store, job_id: int):
    """Mark the job as run by this process while the block runs; a process killed inside
    leaves its id behind, and ``job_state`` sees that the process is gone."""
    store.jobs.set_runner(job_id, f"{socket.gethostname()}:{os.getpid()}")
    try:
        yield
    finally:
        store.jobs.set_runner(job_id, None)


def job_state(job: Job, now: datetime | None = None) -> str:
    """done, running (a live process runs it) or interrupted (planned or started, and no
    process runs it now: stopped, killed, or its machine went down)."""
    if job.status == "done":
        return "done"
    if not job.runner:
        return "interrupted"
    host, _, pid = job.runner.rpartition(":")
    if host == socket.gethostname():
        return "running" if _process_alive(int(pid)) else "interrupted"
    updated = datetime.fromisoformat(job.updated_at.replace("Z", "+00:00"))
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=timezone.utc)
    age = ((now or datetime.now(timezone.utc)) - updated).total_seconds()
    return "running" if age < STALE_AFTER_S else "interrupted"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process
        return True
    try:   # a killed child its parent has not waited for yet is a zombie: gone all the same
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def check_same_models(job: Job, engine, pairs: set[tuple[str, str]]) -> None:
    """Refuse to continue a job with models other than those it started with: its finished
    and its remaining segments would come from different models."""
    recorded = job.settings.get("models", {})
    for src, tgt in sorted(pairs):
        before = recorded.get(f"{src}-{tgt}")
        now = model_checksum(engine, src, tgt)
        if before is not None and before != now:
            raise ModelError(f"job {job.id} was started with another {src}->{tgt} model (checksum "
                             f"{_short(before)}, installed now: {_short(now)}); continuing would mix the two "
                             "models' translations. Install the model it started with again to continue it")


def _short(checksum: str) -> str:
    return " + ".join(part[:12] for part in checksum.split(" + ")) or "none"


def translate_chunk(engine, work: ChunkWork) -> dict[str, dict]:
    """A chunk's results to save, translated here and now (a cluster worker's part of a job)."""
    return _start_chunk(engine, work)()


def _start_chunk(engine, work: ChunkWork) -> Callable[[], dict[str, dict]]:
    """Start translating a chunk; the returned function waits for it and gives the results to save.
    Inline code is never translated; backticks are inline code only in the sentences of .md and
    .html documents (planned in other chunks than the same sentence of a .txt)."""
    src, tgt, sources = work.src_lang, work.tgt_lang, work.sources
    described = engine.describe(src, tgt)
    masked = [mask_code(s, any(marks_code(n) for n in work.originals.get(s, ()))) for s in sources]
    texts = [m.text for m in masked]

    def result(m, text: str, findings=(), flags=()) -> dict:
        text, lost = restore_code(text, m)
        return {"target": text, "engine": described, "findings": list(findings), "flags": [*flags, *lost]}

    if hasattr(engine, "translate_checked_later"):   # the glossary enforcer
        get_checked = engine.translate_checked_later(texts, src, tgt)
        return lambda: {s: result(m, c.text, c.findings, c.flags) for s, m, c in zip(sources, masked, get_checked())}
    get = translate_later(engine, texts, src, tgt)
    return lambda: {s: result(m, h[0]) for s, m, h in zip(sources, masked, get())}


class _JobData:
    """A finished job's items, segments (one query), source documents and rebuilt paragraphs,
    read once and shared by ``finish_job`` and ``render_outputs`` (none of it changes between)."""

    def __init__(self, store: Store, job_id: int):
        self.items = store.jobs.items(job_id)
        self.segments = store.jobs.job_segments(job_id)
        self._store = store
        self._docs: dict[int, Document] = {}
        self._texts: dict[int, list[str]] = {}

    def doc(self, doc_id: int) -> Document:
        if doc_id not in self._docs:
            self._docs[doc_id] = self._store.documents.get(doc_id)
        return self._docs[doc_id]

    def segments_of(self, item: JobItem) -> list[JobSegment]:
        return self.segments.get(item.id, [])

    def texts(self, item: JobItem) -> list[str]:
        if item.id not in self._texts:
            segments = self.segments_of(item)
            self._texts[item.id] = rebuild_paragraphs(self.doc(item.document_id).paragraphs, segments,
                                                      [s.target or "" for s in segments])
        return self._texts[item.id]


def finish_job(store: Store, job_id: int, user: str = "translator", data: _JobData | None = None) -> list[JobItem]:
    """Store each finished translation as a document paired with its source (one transaction)."""
    if store.jobs.pending_chunks(job_id):
        raise InputError(f"translation job {job_id} is not finished; run it again to continue")
    data = data or _JobData(store, job_id)
    with store.transaction():
        for item in data.items:
            if item.status == "done" or item.document_id is None:
                continue
            doc = data.doc(item.document_id)
            segments = data.segments_of(item)
            texts = data.texts(item)
            mt = Document(title=f"{translated_title(doc, texts)} [{item.tgt_lang}, MT]",
                          source_name=_output_name(item, "text", doc.fmt), fmt=doc.fmt, encoding="utf-8",
                          paragraphs=tuple(Paragraph(p.index, t, p.kind if t.strip() else BODY, p.level)
                                           for p, t in zip(doc.paragraphs, texts)))
            engines = sorted({s.engine for s in segments if s.origin == "mt" and s.engine})
            mt_id, _ = store.documents.add(mt, lang=item.tgt_lang, lang_confidence=1.0,
                                           paragraph_langs=[item.tgt_lang] * len(mt.paragraphs), user=user)
            pair_id = None
            if mt_id != item.document_id:
                pair_id = store.documents.add_pair(item.document_id, mt_id,
                                                   label=f"MT {item.src_lang}->{item.tgt_lang}: {'; '.join(engines)}")
                if store.alignments.latest(pair_id, "paragraph") is None:
                    store_mt_alignment(store, job_id, item, doc, mt, segments, pair_id, mt_id, engines, user)
            store.jobs.finish_item(item.id, mt_id, pair_id)
        store.jobs.set_status(job_id, "done")
    return store.jobs.items(job_id)


def translated_title(doc: Document, texts: Sequence[str]) -> str:
    """The translation's title: the translation of the paragraph its source's title was taken
    from (its first heading or line); the source's title when none is (a file's name). Review
    named an English article's Turkish translation "Metal workers in Stuttgart → Metal workers
    in Stuttgart [tr, MT]"."""
    title = (doc.title or "").strip()
    for paragraph, text in zip(doc.paragraphs, texts):
        if title and paragraph.text.strip() == title and text.strip():
            return " ".join(text.split())
    return doc.title


def store_mt_alignment(store: Store, job_id: int, item: JobItem, doc: Document, mt: Document,
                       segments: Sequence[JobSegment], pair_id: int, mt_id: int, engines: Sequence[str],
                       user: str) -> int:
    """The MT document translates its source paragraph by paragraph, so the pair's
    alignment is known, not guessed: one 1-1 bead a paragraph, ready for post-editing.
    A paragraph whose segments carry a flag (a placeholder re-inserted) or a missing or
    forbidden glossary term is marked for a human look."""
    from workbench.store.alignments import NewBead

    reasons: dict[int, list[str]] = {}
    for s in segments:
        found = reasons.setdefault(s.para_index, [])
        found += [_flag_reason(f) for f in s.flags]
        found += [_finding_reason(f) for f in s.findings if f.get("kind") in ("missing", "forbidden")]
    beads = [NewBead((i,), (i,), 1.0, bool(reasons.get(i)), "auto", None,
                     {"origin": "machine translation", "reasons": list(dict.fromkeys(reasons.get(i, ())))})
             for i in range(len(doc.paragraphs))]
    return store.alignments.create(
        unit="paragraph", src_lang=item.src_lang, tgt_lang=item.tgt_lang,
        source_segments=[p.text for p in doc.paragraphs], target_segments=[p.text for p in mt.paragraphs],
        beads=beads, provenance={"method": "machine translation", "job": job_id, "engines": list(engines)},
        title=f"{doc.title} → {mt.title}", pair_id=pair_id, source_doc_id=item.document_id,
        target_doc_id=mt_id, user=user)


def _flag_reason(flag: str) -> str:
    return f"name or protected term lost by the model: {flag}" if "dropped" in flag else flag


def _finding_reason(finding: dict) -> str:
    expected = " / ".join(finding.get("expected") or ()) or "?"
    if finding.get("kind") == "forbidden":
        return f"forbidden term '{finding.get('target_term')}' (glossary: {expected})"
    return f"glossary term missing: '{finding.get('source_term')}' should be '{expected}'"


# --------------------------------------------------------------------------- outputs

def _stem(name: str) -> str:
    stem = Path(name).name
    return stem.rsplit(".", 1)[0] if "." in stem else stem


def output_stems(items: Sequence[JobItem]) -> dict[int, str]:
    """Each item's output file stem: its file's, numbered from the second item of one stem and
    target on (``strike.md`` and ``strike.html``, or two ``index.html``: ``strike``, ``strike-2``),
    so that no output is written over another's."""
    used: Counter = Counter()
    stems = {}
    for item in items:
        stem = _stem(item.source_name)
        used[stem, item.tgt_lang] += 1
        stems[item.id] = stem if used[stem, item.tgt_lang] == 1 else f"{stem}-{used[stem, item.tgt_lang]}"
    return stems


def names_by_item(items: Sequence[JobItem], names: Sequence[str]) -> list[list[str]]:
    """``names`` (a job's output files) grouped by the item they belong to, in the items' order
    (its document, then its bilingual file and report, post-edited or not); a name of no item is
    a group of its own, at the end."""
    return [group for _, group in groups_by_item(items, names)]


def groups_by_item(items: Sequence[JobItem], names: Sequence[str]) -> list[tuple[JobItem | None, list[str]]]:
    """(item, its names) as ``names_by_item`` groups them; None for a name of no item."""
    stems = output_stems(items)
    by_id = {item.id: item for item in items}
    groups: dict[object, list[str]] = {item.id: [] for item in items}
    for name in names:
        owner = next((item.id for item in sorted(items, key=lambda i: -len(stems[i.id]))
                      if name.startswith(stems[item.id] + ".") and _of_target(name[len(stems[item.id]) + 1:], item)),
                     name)
        groups.setdefault(owner, []).append(name)
    # the document first: it is what she came for
    return [(by_id.get(owner), sorted(group, key=lambda n: n.endswith((".xlf", ".tmx", ".json"))))
            for owner, group in groups.items() if group]


def _of_target(rest: str, item: JobItem) -> bool:
    """Whether an output name's part after its stem is the item's target's (``es.docx``,
    ``en-es.xlf``, ``es.report.json``)."""
    return rest.startswith(f"{item.tgt_lang}.") or rest.startswith(f"{item.src_lang}-{item.tgt_lang}.")


def _output_name(item: JobItem, kind: str, fmt: str = "txt", bilingual: str = "xliff", stem: str | None = None) -> str:
    stem = stem or _stem(item.source_name)
    if kind == "text":
        return f"{stem}.{item.tgt_lang}.{'md' if fmt in ('md', 'html') else 'txt'}"
    if kind == "bilingual":
        from workbench.formats.base import extension_of

        return f"{stem}.{item.src_lang}-{item.tgt_lang}{extension_of('tmx' if bilingual == 'tmx' else 'xliff')}"
    return f"{stem}.{item.tgt_lang}.report.json"


def render_outputs(store: Store, job_id: int, bilingual: str = "xliff",
                   data: _JobData | None = None) -> list[OutputFile]:
    if bilingual not in BILINGUAL:
        raise InputError(f"--bilingual must be one of {', '.join(BILINGUAL)}, not {bilingual!r}")
    if store.jobs.pending_chunks(job_id):
        raise InputError(f"translation job {job_id} is not finished; run it again to continue")
    job = store.jobs.get(job_id)
    data = data or _JobData(store, job_id)
    files: list[OutputFile] = []
    stems = output_stems(data.items)
    for item in data.items:
        doc = data.doc(item.document_id)
        segments = data.segments_of(item)
        texts = data.texts(item)
        names = [_output_name(item, k, doc.fmt, bilingual, stems[item.id]) for k in ("text", "bilingual", "report")]
        files.append(OutputFile(names[0], render_text(doc.paragraphs, texts, doc.fmt).encode("utf-8")))
        files.append(OutputFile(names[1], _bilingual(doc, item, segments, bilingual, job.created_at)))
        report = item_report(item, segments)
        files.append(OutputFile(names[2], (json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True)
                                           + "\n").encode("utf-8")))
    return files


def write_outputs(files: Sequence[OutputFile], out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot create the folder ({exc.strerror})") from None
    paths = []
    for f in files:
        path = out / f.name
        for stale in out.glob(f".{f.name}.*.tmp"):  # left by a run killed while writing
            stale.unlink(missing_ok=True)
        write_bytes_atomic(path, f.data)
        paths.append(path)
    return paths


# a report's glossary findings as the Translate page names them, under "glossary terms": the
# preferred term (or the name) used, an admitted one, none, a forbidden one ("missing 1, ok 4")
FINDING_WORDS = {"ok": "{} preferred", "admitted": "{} admitted", "missing": "{} missing", "forbidden": "{} forbidden"}


def findings_text(findings: dict[str, int]) -> str:
    """``{"missing": 1, "ok": 4}`` as "4 preferred, 1 missing"; "–" for none."""
    known = [FINDING_WORDS[k].format(findings[k]) for k in FINDING_WORDS if findings.get(k)]
    others = [f"{v} {k}" for k, v in findings.items() if k not in FINDING_WORDS and v]
    return ", ".join(known + others) or "–"


def item_report(item: JobItem, segments: Sequence[JobSegment]) -> dict:
    kinds = Counter(f.get("kind", "?") for s in segments for f in s.findings)
    flagged = [{"segment": s.index, "flags": list(s.flags)} for s in segments if s.flags]
    return {
        "source": item.source_name, "document_id": item.document_id, "src_lang": item.src_lang,
        "tgt_lang": item.tgt_lang, "segments": len(segments),
        "tm_exact": sum(1 for s in segments if s.origin == "tm"),
        "tm_fuzzy_offered": sum(1 for s in segments if s.origin == "mt" and s.fuzzy),
        "mt": sum(1 for s in segments if s.origin == "mt"),
        # of those, taken from an earlier job's machine translation of the same sentence
        "mt_reused": sum(1 for s in segments if s.origin == "mt" and s.reused_from is not None),
        "engines": sorted({s.engine for s in segments if s.origin == "mt" and s.engine}),
        "glossary_findings": dict(sorted(kinds.items())),
        "flagged_segments": flagged,
    }


def _bilingual(doc, item: JobItem, segments: Sequence[JobSegment], kind: str,
               created_at: str | None = None) -> bytes:
    if kind == "tmx":
        import io

        from workbench.formats.tmx import TmxUnit, write_tmx

        # Dated with the job's creation time, not the clock: the same job writes the same bytes.
        created = created_at or "1970-01-01T00:00:00+00:00"
        buf = io.StringIO()
        write_tmx([TmxUnit({item.src_lang: s.source, item.tgt_lang: s.target or ""},
                           props={"x-origin": s.origin, "x-engine": s.engine, "x-segment": str(s.index)},
                           tuid=f"{_stem(item.source_name)}-{s.index}")
                   for s in segments], buf, item.src_lang, creationdate=created)
        text = buf.getvalue()
        return text.encode("utf-8")
    from workbench.formats.xliff import XliffFile, XliffSegment, XliffUnit, render_xliff, render_xliff12

    by_para: dict[int, list[JobSegment]] = {}
    for s in segments:
        by_para.setdefault(s.para_index, []).append(s)
    engines = Counter(s.engine for s in segments if s.origin == "mt" and s.engine)
    main_engine = engines.most_common(1)[0][0] if engines else ""
    units = []
    for p in doc.paragraphs:
        segs = by_para.get(p.index)
        if not segs:
            continue
        parts: list = []
        pos = 0
        text = p.text
        for s in segs:
            if s.start > pos:   # the text between sentences; empty gaps are left out
                parts.append(text[pos:s.start])
            notes = [] if s.engine == main_engine and s.origin == "mt" else [("origin", s.engine or s.origin)]
            notes += [("glossary", json.dumps(f, ensure_ascii=False, sort_keys=True)) for f in s.findings
                      if f.get("kind") not in ("ok", None)]
            notes += [("flag", f) for f in s.flags]
            notes += [("tm-fuzzy", f"{m['score']}: {m['target']}") for m in s.fuzzy]
            parts.append(XliffSegment(f"s{s.index}", s.source, s.target,
                                      "reviewed" if s.origin == "tm" else "translated", tuple(notes)))
            pos = s.end
        if pos < len(text):
            parts.append(text[pos:])
        units.append(XliffUnit(f"p{p.index}", tuple(parts), "heading" if p.kind == "heading" else None))
    file_notes = (("origin", f"machine translation: {main_engine}"),) if main_engine else ()
    render = render_xliff12 if kind == "xliff12" else render_xliff
    return render(XliffFile(item.src_lang, item.tgt_lang, item.source_name, tuple(units),
                            file_notes)).encode("utf-8")
