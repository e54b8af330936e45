"""One call for a whole batch: plan (or find) the job, run it, store the MT documents, write outputs.

Used by ``workbench translate`` and the Translate page. Calling it again with
the same documents, targets and settings continues the same job; a finished
job is not translated again, its outputs are written again (byte-identical),
except for the segments it translated under older segmentation or masking
rules that the current ones translate otherwise: those are translated again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from workbench.errors import InputError, NotFoundError
from workbench.store import Store
from workbench.store.jobs import JobItem, JobProgress
from workbench.translate.jobs import (DEFAULT_CHUNK, JobRequest, OutputFile, ProgressFn, _JobData, find_or_plan,
                                      finish_job, render_outputs, run_job, running, write_outputs)


@dataclass(frozen=True)
class BatchResult:
    job_id: int
    resumed: bool                 # the job existed already (interrupted or finished before)
    progress: JobProgress
    items: tuple[JobItem, ...]
    files: tuple[OutputFile, ...]
    written: tuple[Path, ...]     # empty when no output folder was given
    already_done: bool = False    # the job had finished before this call: nothing was translated
    redone: int = 0               # segments made under older rules (translate/rules.py), translated again
    kept_post_edited: int = 0     # such segments left as they were: their document was post-edited
    done_before: int = 0          # segments the job had done before this call (a resumed job's)

    @property
    def continued(self) -> str | None:
        """What a resumed job had done before this call and what this call did, or None when it
        had done nothing before (or everything: then nothing was translated)."""
        total, before = self.progress.total, self.done_before
        if not self.resumed or before == 0 or before >= total or self.already_done:
            return None
        return (f"continued from {before} of {total} segments done before it stopped; "
                f"{self.progress.done - before} translated now")

    @property
    def how(self) -> str:
        """How this call found the job: new, continued or already translated."""
        how = "already translated" if self.already_done else "continued" if self.resumed else "new"
        if self.redone:
            how += f": {_segments(self.redone)} made under older rules translated again"
        if self.kept_post_edited:
            how += (f"; {_segments(self.kept_post_edited)} made under older rules left as they are, "
                    "in translations post-edited in Review")
        return how

    def reports(self) -> list[dict]:
        return [json.loads(f.data) for f in self.files if f.name.endswith(".report.json")]

    @property
    def reused(self) -> int:
        """The job's segments whose machine translation was taken from an earlier job's (the same
        sentence, model, settings and glossary) instead of the engine, when it was planned."""
        return sum(r.get("mt_reused", 0) for r in self.reports())

    @property
    def reused_text(self) -> str | None:
        """``reused`` in words, or None when there were none."""
        n = self.reused
        return f"{_segments(n)} taken from earlier jobs' machine translations" if n else None


def _segments(n: int) -> str:
    return f"{n} segment{'s' if n != 1 else ''}"


def _documents(n: int) -> str:
    return f"{n} document{'s' if n != 1 else ''}"


StepFn = Callable[[str], None]
UNIDENTIFIED = 0.0   # the language confidence of a file stored for a job before its language is identified


def translate_documents(store: Store, engine, document_ids: Sequence[int], targets: Sequence[str],
                        src_lang: str = "auto", *, out_dir: str | Path | None = None,
                        bilingual: str = "xliff", use_tm: bool = True, chunk_size: int = DEFAULT_CHUNK,
                        progress: ProgressFn | None = None, user: str = "translator",
                        runner: Callable | None = None, steps: StepFn | None = None,
                        reuse_mt: bool = True) -> BatchResult:
    """``runner``: what translates the job's chunks (default ``run_job``, here; a cluster's).
    ``steps``: told each step before the job's first chunk, in words (planning the job).
    ``reuse_mt``: a new job takes earlier jobs' machine translations of the same sentences made
    with the same model, settings and glossary (``jobs._take_earlier``); False: the engine
    translates every sentence the TM does not give."""
    request = JobRequest(tuple(dict.fromkeys(document_ids)), tuple(targets), src_lang or "auto", use_tm,
                         chunk_size, reuse_mt)
    existing_before = {j.id for j in store.jobs.list()}
    if steps:
        steps(f"Planning the job: {_documents(len(request.document_ids))}, looking up the translation memory…")
    with store.jobs.relaxed_sync():   # plan, chunks and finish each commit without waiting for the disk
        job, replanned = find_or_plan(store, request, engine, user)
        result = _run_and_render(store, engine, job.id, job.id in existing_before, out_dir=out_dir,
                                 bilingual=bilingual, progress=progress, user=user, runner=runner)
    return replace(result, already_done=job.status == "done", redone=replanned.redone,
                   kept_post_edited=replanned.kept)


def _run_and_render(store: Store, engine, job_id: int, resumed: bool, *, out_dir, bilingual: str,
                    progress: ProgressFn | None, user: str, runner: Callable | None = None) -> BatchResult:
    """Translate what a planned job still lacks, finish it, and render (and write) its outputs,
    the documents kept with their original files included in their own format."""
    before = store.jobs.progress(job_id).done
    with store.jobs.relaxed_sync(), running(store, job_id):
        final = (runner or run_job)(store, job_id, engine, progress)
        data = _JobData(store, job_id)
        items = finish_job(store, job_id, user, data)   # the job's segments are read once for both
    files = _with_documents(store, engine, items, render_outputs(store, job_id, bilingual, data))
    written = write_outputs(files, out_dir) if out_dir is not None else []
    return BatchResult(job_id, resumed, final, tuple(items), tuple(files), tuple(written), done_before=before)


def translate_files(store: Store, engine, paths: Sequence[str | Path], targets: Sequence[str],
                    src_lang: str = "auto", extra_documents: Sequence[int] = (), *,
                    out_dir: str | Path | None = None, steps: StepFn | None = None, **kwargs) -> BatchResult:
    """Store the files (all read and checked before anything is stored), then translate them
    (after the stored documents ``extra_documents``, if any). Only the document language is
    detected, and only without ``src_lang``: a job needs no per-paragraph languages.

    .md, .html, .docx and .odt files are also written translated in their own format and
    structure (``documents.translate_document``) from the job's translations, and enter the
    job as the runs of text that writes (a block's text, links and emphasis included in .md
    and .html; a paragraph's text outside links and each link's text in .docx and .odt), so a
    sentence with an italic word is one segment.

    The files are stored (in one transaction, noted as uploads for these languages) before the
    slow steps: identifying their languages (its tables load on first use, about 4 s) and
    planning the job; a process killed before the job exists (or a job that could not start)
    leaves them in the store, where ``unstarted_uploads`` finds them to start or discard.
    ``steps``: told each step before the job's first chunk, in words."""
    from workbench.library import PreparedDocument, save_documents

    step = steps or (lambda _text: None)
    for doc_id in extra_documents:
        store.documents.get(doc_id)  # a missing id fails before anything is stored
    lang = None if src_lang in (None, "", "auto") else src_lang
    step(f"Reading {_documents(len(paths))}…")
    inputs = [_read_input(p) for p in paths]  # raises before any write
    _check_one_format_a_text(paths, [doc for doc, _ in inputs])
    # the originals are kept with the documents, in one transaction, for the in-place outputs
    # not identified yet: no language, confidence 0 (a document ingested without a language found
    # has none), which ``unstarted_uploads`` looks for
    prepared = [PreparedDocument(doc, lang, None if lang else UNIDENTIFIED, [], data) for doc, data in inputs]
    if lang is not None:
        _check_models(engine, prepared, targets)   # known before anything is stored
    step(f"Storing {_documents(len(paths))}…")
    user = kwargs.get("user", "translator")
    with store.transaction():
        stored = save_documents(store, prepared, user=user)
        store.jobs.note_uploads([(r.document_id, r.created) for r in stored], src_lang, targets, user)
    if lang is None:
        step(f"Identifying the language of {_documents(len(paths))}…")
        prepared = [replace(p, lang=_stored_language(store, r.document_id, p.document))
                    for p, r in zip(prepared, stored)]
        _check_models(engine, prepared, targets)
    ids = [r.document_id for r in stored]
    return translate_documents(store, engine, [*extra_documents, *ids], targets, src_lang, out_dir=out_dir,
                               steps=steps, **kwargs)


def _stored_language(store: Store, doc_id: int, doc) -> str | None:
    """A stored upload's language: the one it has (the same text stored before), or the one
    detected, then stored with it."""
    known = store.documents.get(doc_id).lang
    if known:
        return known
    found = _document_language(doc)
    if found:
        store.documents.set_language(doc_id, found, None)
    return found


@dataclass(frozen=True)
class UnstartedUpload:
    """Files uploaded together for a translation that did not start: stored, in no job (the
    process stopped while their languages were identified or the job was planned, or the job
    could not start: a language not identified, no model for a pair)."""
    uploaded_at: str
    uploaded_by: str
    src_lang: str
    targets: tuple[str, ...]     # the languages asked for; empty when not recorded (older versions)
    documents: tuple             # DocumentSummary, in upload order

    @property
    def document_ids(self) -> list[int]:
        return [d.id for d in self.documents]


def unstarted_uploads(store: Store) -> list[UnstartedUpload]:
    """The uploads whose job never started, one entry per upload (oldest first)."""
    waiting = store.jobs.unstarted_uploads()
    if not waiting:
        return []
    summaries = {d.id: d for d in store.documents.list()}
    batches: dict[tuple, list] = {}
    for upload in waiting:
        if upload.document_id in summaries:
            key = (upload.batch, upload.uploaded_at, upload.uploaded_by, upload.src_lang, upload.targets)
            batches.setdefault(key, []).append(summaries[upload.document_id])
    return [UnstartedUpload(*key[1:], tuple(docs)) for key, docs in batches.items()]


def start_unstarted(store: Store, engine, upload: UnstartedUpload, targets: Sequence[str] = (),
                    **kwargs) -> BatchResult:
    """Translate an upload that did not start, into the languages it was uploaded for (``targets``
    when it recorded none), as ``translate_documents``."""
    chosen = upload.targets or tuple(targets)
    if not chosen:
        raise InputError("choose the languages to translate them into under To, then start them")
    return translate_documents(store, engine, upload.document_ids, chosen, upload.src_lang, **kwargs)


def discard_unstarted(store: Store, upload: UnstartedUpload) -> int:
    """Forget an upload that did not start; the documents it stored that nothing else uses are
    deleted (a text stored before it is kept). Returns how many were deleted."""
    return store.jobs.discard_uploads(upload.document_ids)


def _check_one_format_a_text(paths: Sequence[str | Path], documents) -> None:
    """Refuse two files of one text in two formats: the document is stored once, with one
    original, and the other format would silently not come back."""
    first: dict[str, Path] = {}
    for path, doc in zip(map(Path, paths), documents):
        earlier = first.setdefault(doc.content_hash, path)
        if earlier.suffix.lower() != path.suffix.lower():
            raise InputError(f"{path}: the same text as {earlier}; a text is stored once, with one file's "
                             f"format, so only {earlier.name} would come back: leave one of them out")


def _read_input(path: str | Path):
    """(document for the job, original bytes when the file is also translated in place)."""
    from workbench.files import read_bytes
    from workbench.ingest import Document, Paragraph, ingest_file
    from workbench.spaces import collapse_spaces
    from workbench.translate.documents import IN_PLACE, document_runs

    suffix = Path(path).suffix.lower()
    if suffix in IN_PLACE:
        data = read_bytes(path, "document")
        runs = [collapse_spaces(r) for r in document_runs(data, str(path)) if r.strip()]
        if not runs:
            raise InputError(f"{path}: no text found")
        # one paragraph a run, as translate_document writes them back (ingest's repairs would
        # join a paragraph with its link or the next one, and Review's edits could not go back;
        # its reader would also give code blocks to translate)
        paragraphs = tuple(Paragraph(n, run) for n, run in enumerate(runs))
        return Document(runs[0][:80], paragraphs, Path(path).name, "txt", "utf-8"), data
    doc = ingest_file(path)
    return doc, (read_bytes(path, "document") if suffix in IN_PLACE else None)


def _with_documents(store: Store, engine, items, files: list[OutputFile]) -> list[OutputFile]:
    """The job's outputs plus each document whose original file is stored (from the command line,
    the Translate page or ingest), written in its own format in place of its plain text. A run of the original that is no stored paragraph goes to the engine."""
    extra = [f for f in (in_place_output(store, engine, item) for item in items) if f is not None]
    return _without_plain_copies(files, [f.name for f in extra]) + extra


def _without_plain_copies(files: Sequence[OutputFile], document_names: Sequence[str]) -> list[OutputFile]:
    """The outputs less the plain-text rendering of each document that comes back in its own
    format: a ``report.es.txt`` beside ``report.es.docx`` read as a second translation to pick
    from, and its text is the document's (the XLIFF carries it for a translation tool)."""
    dropped = {str(Path(name).with_suffix(suffix)) for name in document_names for suffix in (".txt", ".md")}
    dropped |= set(document_names)
    return [f for f in files if f.name not in dropped]


def in_place_output(store: Store, engine, item) -> OutputFile | None:
    """A job item's document translated in its own format (None when no original is stored):
    the job's translations, and the engine for a run of the original that is no stored paragraph."""
    from workbench.translate.documents import engine_sentences, sentence_translator, translate_document
    from workbench.translate.inline_code import marks_code

    original = store.jobs.original(item.document_id) if item.document_id is not None else None
    if original is None:
        return None
    name, data = original
    known = {s.source: s.target for s in store.jobs.segments(item.id) if s.target is not None}
    translate = sentence_translator(engine_sentences(engine, item.src_lang, item.tgt_lang), item.src_lang, known,
                                    inline_code=marks_code(name))
    return OutputFile(in_place_name(store, item, name), translate_document(data, name, translate))


def in_place_name(store: Store, item, name: str) -> str:
    """The file name of an item's document in its own format (``name``: its original's), with
    the stem its job gives the item's other outputs (``strike-2.es.html`` beside ``strike.es.md``)."""
    from workbench.translate.documents import output_name
    from workbench.translate.jobs import output_stems

    stem = output_stems(store.jobs.items(item.job_id))[item.id]
    return output_name(stem + Path(name).suffix, item.tgt_lang)


def in_place_names(store: Store, items) -> list[tuple[int, str]]:
    """(item id, file name) of the items whose document comes back in its own format."""
    # a page redraw asks for these names: the originals' bytes are not read for them
    names = ((item, store.jobs.original_name(item.document_id)) for item in items if item.document_id is not None)
    return [(item.id, in_place_name(store, item, name)) for item, name in names if name]


def in_place_bytes(db_path, engine, job_id: int, item_id: int) -> bytes:
    """One item's document in its own format, on a store of its own (for a download written
    when it is clicked, on another thread than the page's)."""
    with Store.open(db_path) as store:
        [item] = [i for i in store.jobs.items(job_id) if i.id == item_id]
        return in_place_output(store, engine, item).data


def _document_language(doc) -> str | None:
    from workbench import langid

    found = langid.detect("\n\n".join(p.text for p in doc.paragraphs))
    return None if found.lang in (None, "", "und") else found.lang


def _check_models(engine, prepared, targets: Sequence[str]) -> None:
    """The checks the job makes after planning, made on files not yet stored."""
    for p in prepared:
        if not p.lang:
            raise InputError(f"{p.document.source_name}: cannot detect its language; give it with --from")
        for tgt in targets:
            if tgt != p.lang and not engine.supports(p.lang, tgt):
                engine.describe(p.lang, tgt)  # raises the engine's own "no model" message
                raise NotFoundError(f"no translation model for {p.lang}->{tgt}; "
                                    f"install one with: workbench models install {p.lang} {tgt}")


def resume_job(store: Store, job_id: int, engine, *, out_dir: str | Path | None = None,
               bilingual: str = "xliff", progress: ProgressFn | None = None,
               user: str = "translator") -> BatchResult:
    """Continue (or re-render) a stored job by its id, as planned (its segments made under older
    rules that the current ones translate otherwise planned again, as ``translate_documents`` does)."""
    from workbench.translate.jobs import plan_older_again

    job = store.jobs.get(job_id)
    replanned = plan_older_again(store, job, engine=engine if job.settings.get("reuse_mt", True) else None)
    result = _run_and_render(store, engine, job.id, True, out_dir=out_dir, bilingual=bilingual,
                             progress=progress, user=user)
    return replace(result, redone=replanned.redone, kept_post_edited=replanned.kept)


def job_documents(store: Store, job_id: int) -> list[int]:
    """The source documents of a job, in its order."""
    return list(dict.fromkeys(i.document_id for i in store.jobs.items(job_id) if i.document_id is not None))


def job_result(store: Store, job_id: int, bilingual: str = "xliff") -> BatchResult:
    """A finished job's items and outputs, without running anything."""
    job = store.jobs.get(job_id)
    items = store.jobs.items(job.id)
    documents = [name for _, name in in_place_names(store, items)]
    files = _without_plain_copies(render_outputs(store, job.id, bilingual), documents)
    return BatchResult(job.id, True, store.jobs.progress(job.id), tuple(items), tuple(files), ())
