"""A bilingual file (XLIFF, TMX, CSV/TSV pairs) stored as a document pair for Review.

Each segment pair becomes one paragraph on each side and one 1-1 bead of an
alignment, so the translation can be reviewed, edited and accepted like any
aligned pair. Segments already reviewed or final in the file are stored as
accepted; a segment without a translation is a 1-0 bead. Everything is read
and checked before the one transaction that stores the documents, the pair and
the alignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError

if TYPE_CHECKING:
    from workbench.store import Store


@dataclass(frozen=True)
class BilingualImport:
    pair_id: int
    alignment_id: int
    segments: int
    log: tuple[str, ...] = ()


def import_bilingual(store: "Store", data: bytes, name: str, *, user: str = "translator",
                     src_lang: str | None = None, tgt_lang: str | None = None,
                     columns: str | None = None) -> BilingualImport:
    from workbench.formats.base import ReadLog, format_for

    fmt = format_for(name, "pairs")
    log = ReadLog()
    pairs = fmt.read(data, name, log, src_lang=src_lang, tgt_lang=tgt_lang, columns=columns, keep_untranslated=True)
    src, tgt = _languages(pairs, src_lang, tgt_lang, name)
    rows = [(u.text(src) or "", u.text(tgt) or "", u.props.get("x-state", "")) for u in pairs.units]
    rows = [r for r in rows if r[0].strip()]
    if not rows:
        raise InputError(f"{name}: no {src} segments to review")
    sources = [r[0] for r in rows]
    targets = [r[1] for r in rows if r[1].strip()]
    return BilingualImport(*_store(store, name, fmt.name, pairs.segtype, src, tgt, rows, sources, targets, user),
                           len(rows), tuple(log.lines()))


def _languages(pairs, src_lang, tgt_lang, name: str) -> tuple[str, str]:
    langs = list(dict.fromkeys(lang for u in pairs.units for lang in u.segments))
    src = src_lang or (pairs.src_lang if pairs.src_lang and pairs.src_lang != "*all*" else None) or \
        (langs[0] if langs else None)
    tgt = tgt_lang or pairs.tgt_lang or next((lang for lang in langs if lang != src), None)
    if not src or not tgt:
        raise InputError(f"{name}: cannot tell the source and target languages (give --from and --to)")
    return src, tgt


def _store(store, name, fmt, segtype, src, tgt, rows, sources, targets, user) -> tuple[int, int]:
    from workbench.ingest import Document, Paragraph
    from workbench.store.alignments import NewBead

    beads, t = [], 0
    for source_idx, (_, target, state) in enumerate(rows):
        has_target = bool(target.strip())
        beads.append(NewBead((source_idx,), (t,) if has_target else (), 1.0 if has_target else 0.0,
                             not has_target, "accepted" if state in ("reviewed", "final") else "auto"))
        t += has_target
    title = Path(name).name
    docs = [Document(f"{title} ({lang})", tuple(Paragraph(i, text) for i, text in enumerate(texts)),
                     title, fmt, "utf-8") for lang, texts in ((src, sources), (tgt, targets))]
    with store.transaction():
        ids = [store.documents.add(doc, lang=lang, user=user)[0] for doc, lang in zip(docs, (src, tgt))]
        pair_id = store.documents.add_pair(ids[0], ids[1], label=f"{title} ({src} → {tgt})")
        alignment_id = store.alignments.create(
            unit="paragraph" if segtype == "paragraph" else "sentence", src_lang=src, tgt_lang=tgt,
            source_segments=sources, target_segments=targets, beads=beads,
            provenance={"aligner": "imported", "format": fmt, "file": title}, title=f"{title} ({src} → {tgt})",
            pair_id=pair_id, source_doc_id=ids[0], target_doc_id=ids[1], user=user)
    return pair_id, alignment_id
