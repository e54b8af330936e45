"""The document library: ingest files or text into the store, with languages.

Everything slow (reading, cleaning, language detection) happens before the
store is touched; then all documents of one call are written in one short
transaction. A bad file leaves the store untouched, and other users are not
kept waiting while languages are detected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from workbench.ingest import Document, ingest_file, ingest_text
from workbench.store import Store


@dataclass(frozen=True)
class IngestResult:
    document_id: int
    created: bool
    document: Document
    lang: str | None


@dataclass(frozen=True)
class PreparedDocument:
    """A cleaned document with its languages, ready to be written."""
    document: Document
    lang: str | None
    confidence: float | None
    paragraph_langs: list[str | None]
    original: bytes | None = None    # the file as it came (.docx, .odt, .md, .html): translated in its format later


def detect_languages(doc: Document, lang: str | None = None) -> tuple[str | None, float | None, list[str | None]]:
    """Document language (given or detected) and per-paragraph languages.

    A given `lang` means no detection at all: the document and every
    paragraph take it (ingesting thousands of lines of a known language
    costs nothing).  Otherwise short paragraphs take the document's language
    as a prior, and foreign names inside a paragraph do not make it foreign
    (see langid)."""
    if lang:
        return lang.lower(), 1.0, [lang.lower()] * len(doc.paragraphs)
    from workbench import langid  # only here: its tables cost ~15 ms, and a given language needs none

    report = langid.analyse_paragraphs([p.text for p in doc.paragraphs], main_lang=lang, with_spans=False)
    doc_lang = None if report.lang == "und" else report.lang
    paragraph_langs = [None if p.lang == "und" else p.lang for p in report.paragraphs]
    return doc_lang, (report.confidence if doc_lang else None), paragraph_langs


def prepare_document(doc: Document, lang: str | None = None, original: bytes | None = None) -> PreparedDocument:
    """Detect the languages of a document; touches no store. ``original``: the file's bytes,
    kept only for the formats a translation job writes in place."""
    kept = original if original is not None and translated_in_place(doc.source_name) else None
    return PreparedDocument(doc, *detect_languages(doc, lang), kept)


def translated_in_place(name: str) -> bool:
    """Whether a job writes a file of this name in its own format (.docx, .odt, .md, .html)."""
    from workbench.translate.documents import IN_PLACE

    return Path(name).suffix.lower() in IN_PLACE


def save_documents(store: Store, prepared: Sequence[PreparedDocument], user: str = "translator") -> list[IngestResult]:
    """Write prepared documents in one transaction (or join the caller's)."""
    results = []
    with store.transaction():
        for p in prepared:
            doc_id, created = store.documents.add(p.document, lang=p.lang, lang_confidence=p.confidence,
                                                  paragraph_langs=p.paragraph_langs, user=user)
            if p.original is not None:
                store.jobs.save_original(doc_id, p.document.source_name, p.original)
            results.append(IngestResult(doc_id, created, p.document, p.lang))
    return results


def store_document(store: Store, doc: Document, lang: str | None = None, user: str = "translator",
                   original: bytes | None = None) -> IngestResult:
    return save_documents(store, [prepare_document(doc, lang, original)], user)[0]


def ingest_files(store: Store, paths: list[str | Path], lang: str | None = None,
                 user: str = "translator") -> list[IngestResult]:
    from workbench.files import read_bytes

    prepared = []
    for path in paths:   # all read and checked before any write
        doc = ingest_file(path)
        original = read_bytes(path, "document") if translated_in_place(str(path)) else None
        prepared.append(prepare_document(doc, lang, original))
    return save_documents(store, prepared, user)


def ingest_pasted(store: Store, text: str, name: str = "pasted text", lang: str | None = None,
                  user: str = "translator") -> IngestResult:
    return store_document(store, ingest_text(text, source_name=name), lang, user)
