"""The document library: ingest files or text into the store, with languages.

All files of one call are read and checked before anything is written, so a
bad file leaves the store untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench import langid
from workbench.ingest import Document, ingest_file, ingest_text
from workbench.store import Store


@dataclass(frozen=True)
class IngestResult:
    document_id: int
    created: bool
    document: Document
    lang: str | None


def detect_languages(doc: Document, lang: str | None = None) -> tuple[str | None, float | None, list[str | None]]:
    """Document language (given or detected) and per-paragraph languages.

    A given `lang` means no detection at all: the document and every
    paragraph take it (ingesting thousands of lines of a known language
    costs nothing).  Otherwise short paragraphs take the document's language
    as a prior, and foreign names inside a paragraph do not make it foreign
    (see langid)."""
    if lang:
        return lang.lower(), 1.0, [lang.lower()] * len(doc.paragraphs)
    report = langid.analyse_paragraphs([p.text for p in doc.paragraphs], main_lang=lang, with_spans=False)
    doc_lang = None if report.lang == "und" else report.lang
    paragraph_langs = [None if p.lang == "und" else p.lang for p in report.paragraphs]
    return doc_lang, (report.confidence if doc_lang else None), paragraph_langs


def store_document(store: Store, doc: Document, lang: str | None = None, user: str = "translator") -> IngestResult:
    doc_lang, confidence, paragraph_langs = detect_languages(doc, lang)
    doc_id, created = store.documents.add(doc, lang=doc_lang, lang_confidence=confidence,
                                          paragraph_langs=paragraph_langs, user=user)
    return IngestResult(doc_id, created, doc, doc_lang)


def ingest_files(store: Store, paths: list[str | Path], lang: str | None = None,
                 user: str = "translator") -> list[IngestResult]:
    documents = [ingest_file(p) for p in paths]  # raises before any write
    with store.transaction():
        return [store_document(store, doc, lang, user) for doc in documents]


def ingest_pasted(store: Store, text: str, name: str = "pasted text", lang: str | None = None,
                  user: str = "translator") -> IngestResult:
    return store_document(store, ingest_text(text, source_name=name), lang, user)
