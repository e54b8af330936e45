"""One call for a whole batch: plan (or find) the job, run it, store the MT documents, write outputs.

Used by ``workbench translate`` and the Translate page. Calling it again with
the same documents, targets and settings continues the same job; a finished
job is not translated again, its outputs are written again (byte-identical).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.errors import InputError, NotFoundError
from workbench.store import Store
from workbench.store.jobs import JobItem, JobProgress
from workbench.translate.jobs import (DEFAULT_CHUNK, JobRequest, OutputFile, ProgressFn, _JobData, finish_job,
                                      prepare_job, render_outputs, run_job, write_outputs)


@dataclass(frozen=True)
class BatchResult:
    job_id: int
    resumed: bool                 # the job existed already (interrupted or finished before)
    progress: JobProgress
    items: tuple[JobItem, ...]
    files: tuple[OutputFile, ...]
    written: tuple[Path, ...]     # empty when no output folder was given

    def reports(self) -> list[dict]:
        return [json.loads(f.data) for f in self.files if f.name.endswith(".report.json")]


def translate_documents(store: Store, engine, document_ids: Sequence[int], targets: Sequence[str],
                        src_lang: str = "auto", *, out_dir: str | Path | None = None,
                        bilingual: str = "xliff", use_tm: bool = True, chunk_size: int = DEFAULT_CHUNK,
                        progress: ProgressFn | None = None, user: str = "translator") -> BatchResult:
    request = JobRequest(tuple(dict.fromkeys(document_ids)), tuple(targets), src_lang or "auto", use_tm,
                         chunk_size)
    existing_before = {j.id for j in store.jobs.list()}
    with store.jobs.relaxed_sync():   # plan, chunks and finish each commit without waiting for the disk
        job = prepare_job(store, request, engine, user)
        final = run_job(store, job.id, engine, progress)
        data = _JobData(store, job.id)
        items = finish_job(store, job.id, user, data)   # the job's segments are read once for both
    files = render_outputs(store, job.id, bilingual, data)
    written = write_outputs(files, out_dir) if out_dir is not None else []
    return BatchResult(job.id, job.id in existing_before, final, tuple(items), tuple(files), tuple(written))


def translate_files(store: Store, engine, paths: Sequence[str | Path], targets: Sequence[str],
                    src_lang: str = "auto", extra_documents: Sequence[int] = (), **kwargs) -> BatchResult:
    """Store the files, then translate them (after the stored documents ``extra_documents``,
    if any). The files are read, the document language detected (only without ``src_lang``:
    a job needs no per-paragraph languages) and a model checked for every pair before
    anything is stored."""
    from workbench.ingest import ingest_file
    from workbench.library import PreparedDocument, save_documents

    for doc_id in extra_documents:
        store.documents.get(doc_id)  # a missing id fails before anything is stored
    lang = None if src_lang in (None, "", "auto") else src_lang
    documents = [ingest_file(p) for p in paths]  # raises before any write
    prepared = [PreparedDocument(doc, lang or _document_language(doc), None, []) for doc in documents]
    _check_models(engine, prepared, targets)
    results = save_documents(store, prepared, user=kwargs.get("user", "translator"))
    return translate_documents(store, engine, [*extra_documents, *(r.document_id for r in results)], targets,
                               src_lang, **kwargs)


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
    """Continue (or re-render) a stored job by its id, as planned."""
    job = store.jobs.get(job_id)
    with store.jobs.relaxed_sync():
        final = run_job(store, job.id, engine, progress)
        data = _JobData(store, job.id)
        items = finish_job(store, job.id, user, data)   # the job's segments are read once for both
    files = render_outputs(store, job.id, bilingual, data)
    written = write_outputs(files, out_dir) if out_dir is not None else []
    return BatchResult(job.id, True, final, tuple(items), tuple(files), tuple(written))


def job_documents(store: Store, job_id: int) -> list[int]:
    """The source documents of a job, in its order."""
    return list(dict.fromkeys(i.document_id for i in store.jobs.items(job_id) if i.document_id is not None))


def job_result(store: Store, job_id: int, bilingual: str = "xliff") -> BatchResult:
    """A finished job's items and outputs, without running anything."""
    job = store.jobs.get(job_id)
    files = render_outputs(store, job.id, bilingual)
    return BatchResult(job.id, True, store.jobs.progress(job.id), tuple(store.jobs.items(job.id)), tuple(files), ())
