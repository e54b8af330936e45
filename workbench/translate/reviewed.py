"""After post-editing: a job's target documents as the translator finished them.

The Review page edits and accepts the beads of each MT document (one bead a
paragraph). ``reviewed_outputs`` writes, per document and target language, the
finished document in the format it came in (the stored original, translated
in place with the post-edited text: .docx, .odt, .md, .html; text otherwise)
and an updated XLIFF 2.0 file whose units carry the final targets with their
review state (final: accepted; reviewed: edited; translated: MT as it came).
"""

from __future__ import annotations

from workbench.errors import InputError
from workbench.store import Store
from workbench.translate.jobs import OutputFile, output_stems


def reviewed_outputs(store: Store, job_id: int, *, only_post_edited: bool = False) -> list[OutputFile]:
    """The finished documents and XLIFF files of a job's items (with ``only_post_edited``: of those
    a human has acted on in Review, possibly none; the others are their machine translation)."""
    job = store.jobs.get(job_id)
    if job.status != "done":
        raise InputError(f"translation job {job_id} is not finished; run it again to continue, then post-edit")
    files = []
    stems = output_stems(store.jobs.items(job_id))
    for item in store.jobs.items(job_id):
        if item.pair_id is None or item.document_id is None:
            continue
        if only_post_edited and not post_edited(store, item):
            continue
        alignment_id = store.alignments.latest(item.pair_id, "paragraph")
        if alignment_id is None:
            raise InputError(f"job {job_id}: {item.source_name} -> {item.tgt_lang} has no alignment to export")
        beads = _final_beads(store, alignment_id)
        files.append(_document(store, item, beads, alignment_id, stems[item.id]))
        files.append(_xliff(item, beads, stems[item.id]))
    if not files and not only_post_edited:
        raise InputError(f"translation job {job_id} has no translated documents to export")
    return files


def post_edited(store: Store, item) -> bool:
    """Whether a human acted on the translation of a job item in Review (accepted, edited, merged,
    split or moved a bead of its pair's latest alignment)."""
    if item.pair_id is None:
        return False
    alignment_id = store.alignments.latest(item.pair_id, "paragraph")
    return alignment_id is not None and any(b.touched for b in store.alignments.beads(alignment_id))


def _final_beads(store: Store, alignment_id: int) -> list[tuple[str, str, str]]:
    """(source, final target, XLIFF state) of every bead with a source."""
    from workbench import review

    record = store.alignments.get(alignment_id)
    out = []
    for text in review.bead_texts(record, store.alignments.beads(alignment_id)):
        if not text.source.strip():
            continue
        bead = text.bead
        state = ("final" if bead.status == "accepted" else
                 "reviewed" if bead.edited_target is not None else "translated")
        out.append((text.source, text.target, state))
    return out


def _document(store: Store, item, beads, alignment_id: int, stem: str) -> OutputFile:
    from workbench.tm import sentence_pairs
    from workbench.translate.batch import in_place_name
    from workbench.translate.documents import sentence_translator, translate_document
    from workbench.translate.segments import render_text

    known = {s.source: s.target for s in store.jobs.segments(item.id) if s.target is not None}
    for source, target, _ in beads:     # post-edits win over the MT they replace
        known[source] = target
        known.update(sentence_pairs(source, target, item.src_lang, item.tgt_lang))
    unknown: list[str] = []

    def left_as_they_are(sentences: list[str]) -> list[str]:
        unknown.extend(sentences)
        return list(sentences)

    translate = sentence_translator(left_as_they_are, item.src_lang, known)
    original = store.jobs.original(item.document_id)
    if original is not None:
        name, data = original
        finished = translate_document(data, name, translate)
        if not unknown:
            return OutputFile(in_place_name(store, item, name), finished)
        # a run that is no reviewed text: a .docx/.odt ingested whole (its paragraphs join their
        # runs) or beads merged across runs; its paragraphs take the reviewed paragraphs instead
        finished = _by_paragraph(store, item, alignment_id, name, data, translate)
        if finished is not None:
            return OutputFile(in_place_name(store, item, name), finished)
    doc = store.documents.get(item.document_id)
    texts = translate([p.text for p in doc.paragraphs])
    suffix = "md" if doc.fmt in ("md", "html") else "txt"
    return OutputFile(f"{stem}.{item.tgt_lang}.{suffix}",
                      render_text(doc.paragraphs, texts, doc.fmt).encode("utf-8"))


def _by_paragraph(store: Store, item, alignment_id: int, name: str, data: bytes, translate) -> bytes | None:
    """The original .docx/.odt with each reviewed paragraph written into its paragraph (None for
    other formats, or when the original's paragraphs are not the stored document's)."""
    from workbench import review
    from workbench.translate.documents import STRUCTURED
    from workbench.translate.paragraphs import rewrite_paragraphs

    if not name.lower().endswith(STRUCTURED):
        return None
    stored = [p.text for p in store.documents.get(item.document_id).paragraphs]
    targets: list[str | None] = [None] * len(stored)
    record = store.alignments.get(alignment_id)
    if len(record.source_segments) != len(stored):
        return None
    for text in review.bead_texts(record, store.alignments.beads(alignment_id)):
        if text.bead.source:   # a bead of merged paragraphs: its text in the first, the others emptied
            first, *rest = text.bead.source
            targets[first] = text.target
            for index in rest:
                targets[index] = ""
    missing = [i for i, t in enumerate(targets) if t is None]
    for i, text in zip(missing, translate([stored[i] for i in missing])):
        targets[i] = text
    return rewrite_paragraphs(data, name, stored, targets)


def _xliff(item, beads, stem: str) -> OutputFile:
    from workbench.formats.xliff import XliffFile, XliffSegment, XliffUnit, render_xliff

    units = tuple(XliffUnit(f"p{n}", (XliffSegment(f"p{n}", source, target, state),))
                  for n, (source, target, state) in enumerate(beads))
    data = render_xliff(XliffFile(item.src_lang, item.tgt_lang, item.source_name, units,
                                  (("origin", "post-edited in the workbench's Review"),))).encode("utf-8")
    return OutputFile(f"{stem}.{item.src_lang}-{item.tgt_lang}.reviewed.xlf", data)
