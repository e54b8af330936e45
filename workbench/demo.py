"""The bundled demo corpus: documents, translation pairs and gold alignments,
described by ``corpus/manifest.json``. Loaded into a new store on first start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import FormatError, InputError
from workbench.ingest import ingest_file
from workbench.settings import Settings
from workbench.store import Store

DEMO_LOADED_KEY = "demo_loaded"


@dataclass(frozen=True)
class ManifestDocument:
    id: str
    path: Path
    lang: str
    title: str
    translation_of: str | None
    original: bool


@dataclass(frozen=True)
class ManifestPair:
    source: str
    target: str
    paragraph_gold: Path | None
    sentence_gold: Path | None
    notes: str


@dataclass(frozen=True)
class Manifest:
    root: Path
    documents: tuple[ManifestDocument, ...]
    pairs: tuple[ManifestPair, ...]
    raw_variants: tuple[tuple[Path, str], ...]

    def document(self, doc_id: str) -> ManifestDocument:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise FormatError(f"{self.root / 'manifest.json'}: unknown document id '{doc_id}'")


@dataclass(frozen=True)
class DemoReport:
    documents_added: int
    documents_present: int
    pairs: int


def read_manifest(corpus_dir: Path) -> Manifest:
    path = Path(corpus_dir) / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"no demo corpus: {path} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: line {exc.lineno}: {exc.msg}") from exc
    root = path.parent
    try:
        docs = tuple(ManifestDocument(d["id"], root / d["path"], d["lang"], d.get("title", ""),
                                      d.get("translation_of"), bool(d.get("original", False)))
                     for d in data["documents"])
        pairs = tuple(ManifestPair(p["source"], p["target"],
                                   root / p["paragraph_gold"] if p.get("paragraph_gold") else None,
                                   root / p["sentence_gold"] if p.get("sentence_gold") else None,
                                   p.get("notes", ""))
                      for p in data.get("pairs", []))
        raws = tuple((root / r["raw"], r["clean"]) for r in data.get("raw_variants", []))
    except KeyError as exc:
        raise FormatError(f"{path}: missing field {exc.args[0]!r}") from exc
    return Manifest(root, docs, pairs, raws)


def load_demo(store: Store, settings: Settings) -> DemoReport:
    """Ingest every manifest document and record the translation pairs."""
    manifest = read_manifest(settings.corpus_dir)
    from workbench.library import prepare_document, save_documents

    # all parsed and their languages detected before the one short write
    prepared = {d.id: prepare_document(ingest_file(d.path), d.lang) for d in manifest.documents}
    added = present = 0
    ids: dict[str, int] = {}
    with store.transaction():
        for d in manifest.documents:
            result = save_documents(store, [prepared[d.id]], user="demo")[0]
            ids[d.id] = result.document_id
            added += result.created
            present += not result.created
        for p in manifest.pairs:
            gold = p.paragraph_gold.read_text(encoding="utf-8") if p.paragraph_gold else None
            store.documents.add_pair(ids[p.source], ids[p.target], label=f"{p.source} → {p.target}",
                                     gold_beads=gold)
        store.set_meta(DEMO_LOADED_KEY, "yes")
    return DemoReport(added, present, len(manifest.pairs))


def ensure_first_start(store: Store, settings: Settings) -> bool:
    """Load the demo corpus into a store that has never been started. True if loaded."""
    from workbench.glossary.termbase import ensure_shared_glossary

    ensure_shared_glossary(store, settings)  # the shared glossary, with or without a demo corpus
    if store.get_meta(DEMO_LOADED_KEY) is not None:
        return False
    if store.documents.count() or not (Path(settings.corpus_dir) / "manifest.json").exists():
        store.set_meta(DEMO_LOADED_KEY, "skipped")
        return False
    load_demo(store, settings)
    return True
