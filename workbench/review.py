"""Aligning stored documents and reviewing the beads: the core of the Review page.

Each review action (accept, edit the target, merge with the next bead,
split, move a segment to the previous or next bead, mark unaligned, undo) is
one store transaction recorded with who and when; ``undo`` reverts the latest
action. Actions name beads by position; given ``seen`` (the alignment's
``updated_at`` when the translator's page was drawn) they refuse with a
ConflictError when someone changed the alignment since, instead of acting
on a bead that moved. ``realign`` runs the aligner again but keeps every bead a human has
touched: the untouched stretches between them are aligned afresh.

Accepted beads are also added to the translation memory
(``store.tm.add_unit``) when the store has one. Undoing an accept does not
remove the unit from the memory (the same pair may have been added by
someone else).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from workbench.align import AlignmentResult, align_documents, align_segments
from workbench.align.confidence import REVIEW_THRESHOLD
from workbench.align.evidence import EvidenceConfig
from workbench.errors import ConflictError, InputError
from workbench.files import decode_bytes, display_name, require_regular_file, write_text_atomic
from workbench.store import Store
from workbench.store.alignments import AlignmentRecord, AlignmentSummary, NewBead, Progress, StoredBead
from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.library import PreparedDocument

EXPORT_FORMATS = ("tmx", "xliff", "csv", "beads", "json")
HUMAN_STATUS = "accepted"   # the status of every bead a human acted on (see _confirm)
LENGTH_Z_UNUSUAL = 2.0      # |z| of the length ratio beyond which lengths are called unusual
FEW_SHARED = 0.05           # share of names, numbers and terms found on both sides
MT_ORIGIN = "machine translation"   # a job's alignment: its provenance "method", its beads' "origin"


@frozen_dataclass
class BeadText:
    position: int
    source: str
    target: str
    bead: StoredBead

    @property
    def revision(self) -> str:
        """Changes whenever the bead's segments or texts change (merge, split, edit,
        undo, someone else's action): an editor keyed by it never shows another
        bead's text, or text that was undone, after positions shift."""
        import hashlib   # (OpenSSL's start: a few ms that aligning on the command line never needs)

        key = repr((self.bead.source, self.bead.target, self.source, self.target))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


# ------------------------------------------------------------------ aligning

def evidence_for(store: Store | None, src_lang: str, tgt_lang: str, *, dictionary=None,
                 mt=None, glossary=None, matcher_cache: Path | None = None) -> EvidenceConfig:
    """Evidence settings with the shared glossary's matchers when there is a glossary
    (kept in ``matcher_cache`` between calls when given: see ``align.termcache``)."""
    src_terms = tgt_terms = None
    if glossary is None and store is not None and hasattr(store, "glossary"):
        from workbench.align.termcache import term_matchers

        src_terms, tgt_terms = term_matchers(store, (src_lang, tgt_lang), matcher_cache) or (None, None)
    elif glossary is not None and len(glossary):
        from workbench.glossary import TermMatcher

        src_terms, tgt_terms = TermMatcher(glossary, src_lang), TermMatcher(glossary, tgt_lang)
    if dictionary is not None:
        dictionary = dictionary.for_pair(src_lang, tgt_lang)
    return EvidenceConfig(src_terms=src_terms, tgt_terms=tgt_terms, dictionary=dictionary, mt=mt)


def mt_evidence(settings, src_lang: str, tgt_lang: str):
    """MT evidence from the installed translation models, or an error naming the pair."""
    from workbench.align.evidence import EngineMT
    from workbench.translate.factory import build_engine

    engine = build_engine(settings)
    if not engine.supports(src_lang, tgt_lang):
        raise InputError(f"no translation model for {src_lang}->{tgt_lang} is installed: "
                         "install one or leave out --mt")
    return EngineMT(engine, src_lang, tgt_lang)


def align_texts(store: Store, source: Sequence[str], target: Sequence[str], src_lang: str, tgt_lang: str, *,
                unit: str = "paragraph", presegmented: bool = False, title: str = "",
                user: str = "translator", pair_id: int | None = None, source_doc_id: int | None = None,
                target_doc_id: int | None = None, evidence: EvidenceConfig | None = None,
                check_languages: bool = True) -> int:
    """Align two texts given as paragraphs (or, ``presegmented``, as final segments) and store it.
    ``check_languages=False``: the languages were given by the user, no detection at all."""
    result = run_aligner(source, target, src_lang, tgt_lang, unit=unit, presegmented=presegmented,
                         evidence=evidence, check_languages=check_languages)
    return _store_alignment(store, result, src_lang, tgt_lang, presegmented=presegmented, title=title, user=user,
                            pair_id=pair_id, source_doc_id=source_doc_id, target_doc_id=target_doc_id)


def align_sides(store: Store, src: "AlignSide", tgt: "AlignSide", *, unit: str = "paragraph",
                presegmented: bool = False, user: str = "translator", evidence: EvidenceConfig | None = None,
                check_languages: bool = True, learn: bool = True) -> tuple[int, AlignmentResult]:
    """Align two loaded sides, then write their new documents and the alignment in one
    transaction: an interrupted or failed run leaves all of it or nothing. Returns the
    alignment's id and the aligner's result (what was stored: no need to read it back).
    ``check_languages=False``: the languages were given by the user, no detection at all.
    ``learn=False``: one pass, without the translation table learnt from the first."""
    result = run_aligner(src.segments, tgt.segments, src.lang, tgt.lang, unit=unit, presegmented=presegmented,
                         evidence=evidence, check_languages=check_languages, learn=learn)
    return store_aligned_sides(store, src, tgt, result, presegmented=presegmented, user=user), result


def store_aligned_sides(store: Store, src: "AlignSide", tgt: "AlignSide", result: AlignmentResult, *,
                        presegmented: bool = False, user: str = "translator") -> int:
    """Write the sides' new documents and their alignment in one transaction."""
    with store.transaction():
        src_id, tgt_id = (_side_document(store, side, user) for side in (src, tgt))
        return _store_alignment(store, result, src.lang, tgt.lang, presegmented=presegmented,
                                title=f"{src.name} → {tgt.name}", user=user, pair_id=pair_of(store, src_id, tgt_id),
                                source_doc_id=src_id, target_doc_id=tgt_id)


def _side_document(store: Store, side: "AlignSide", user: str) -> int | None:
    if side.prepared is None:
        return side.doc_id
    from workbench.library import save_documents

    return save_documents(store, [side.prepared], user)[0].document_id


def _store_alignment(store: Store, result: AlignmentResult, src_lang: str, tgt_lang: str, *, presegmented: bool,
                     title: str, user: str, pair_id: int | None, source_doc_id: int | None,
                     target_doc_id: int | None) -> int:
    return store.alignments.create(
        unit=result.unit, src_lang=src_lang, tgt_lang=tgt_lang, source_segments=result.source_segments,
        target_segments=result.target_segments, beads=[_new(b) for b in result.beads],
        provenance=dict(result.provenance, presegmented=presegmented), title=title, pair_id=pair_id,
        source_doc_id=source_doc_id, target_doc_id=target_doc_id, warnings=result.warnings, user=user)


def run_aligner(source, target, src_lang, tgt_lang, *, unit="paragraph", presegmented=False,
                evidence=None, check_languages: bool = True, learn: bool = True) -> AlignmentResult:
    return align_documents(list(source), list(target), src_lang, tgt_lang, unit=unit, evidence=evidence,
                           presegmented=presegmented, check_languages=check_languages, learn=learn)


def align_pair(store: Store, pair_id: int, *, unit: str = "paragraph", user: str = "translator",
               evidence: EvidenceConfig | None = None) -> int:
    """Align a stored document pair; returns the new alignment id."""
    pair = store.documents.get_pair(pair_id)
    return align_stored(store, pair.source_id, pair.target_id, unit=unit, user=user, evidence=evidence,
                        pair_id=pair_id)


def open_or_align(store: Store, pair_id: int, *, unit: str = "paragraph", user: str = "translator") -> int:
    """The latest saved alignment of a pair in ``unit``, or a new one when there is none."""
    latest = store.alignments.latest(pair_id, unit)
    return latest if latest is not None else align_pair(store, pair_id, unit=unit, user=user)


def last_worked_on(store: Store) -> int | None:
    """The alignment changed most recently (where a translator left off), if any."""
    saved = store.alignments.list()
    return max(saved, key=lambda a: (a.updated_at or a.created_at, a.id)).id if saved else None


def alignment_label(a: AlignmentSummary, width: int = 36) -> str:
    """A saved alignment as the chooser names it: id, title (each side of its arrow cut to
    ``width``, not the whole at 70: the target's side was lost), unit and progress, then what
    tells two alignments of one article apart: its files (unless the title is made of them),
    languages and when it was last saved (local time)."""
    from workbench.store import local_time

    def cut(text: str) -> str:
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"

    title = " → ".join(cut(side) for side in (a.title or f"Alignment {a.id}").split(" → "))
    files = " → ".join(cut(n) for n in (a.source_name, a.target_name) if n)
    parts = [str(a.id), title, a.unit, f"{a.reviewed}/{a.beads} reviewed"]
    if files and files != title:
        parts.append(files)
    parts += [f"{a.src_lang}→{a.tgt_lang}", f"saved {local_time(a.updated_at or a.created_at)}"]
    return " · ".join(parts)


def resume_position(store: Store, alignment_id: int, user: str) -> int | None:
    """Where ``user`` left off: the first bead nobody has reviewed from the bead of her latest
    standing action on (she works down the article: the first unreviewed bead of all may be
    one she skipped, screens above), else the first unreviewed one. When every bead is
    reviewed: the bead of her latest standing action (else anyone's), the last she acted on;
    None when nobody acted on it (an import that came reviewed) or it has no beads."""
    standing = [h for h in store.alignments.history(alignment_id, limit=200) if h.undone_at is None]
    latest = next((h for h in standing if h.user == user), None)
    open_beads = store.alignments.beads(alignment_id, status="unreviewed")
    if not open_beads:
        last = latest or next(iter(standing), None)
        total = store.alignments.progress(alignment_id).total
        return min(last.start, total - 1) if last is not None and total else None
    start = latest.start if latest is not None else 0
    return next((b.position for b in open_beads if b.position >= start), open_beads[0].position)


def align_uploaded(store: Store, files: Sequence[tuple[str, bytes]], langs: Sequence[str | None], *,
                   unit: str = "paragraph", user: str = "translator") -> tuple[int, int]:
    """Ingest two uploaded files (source, target), store them as a pair and align them.
    Everything is computed first; documents, pair and alignment are written in one
    transaction. Returns (pair id, alignment id)."""
    from workbench.ingest import ingest_bytes
    from workbench.library import prepare_document, save_documents

    if len(files) != 2:
        raise InputError(f"choose exactly two files, the source and the target (got {len(files)})")
    if files[0][1] == files[1][1]:   # refused before the work of reading and aligning it
        raise InputError(_given_twice(files[0][0], files[1][0]))
    langs = [_language_code(lang, side) for lang, side in zip(langs, ("source", "target"))]
    prepared = []
    for (name, data), lang in zip(files, langs):
        prepared.append(prepare_document(ingest_bytes(data, name), lang))
    for (name, _), side, ready in zip(files, ("source", "target"), prepared):
        if not ready.lang:   # named as the app's upload form names it: there are no flags there
            raise InputError(f"{name}: cannot detect the language of this {side} file: give it as the {side} "
                             "language (an ISO 639 code such as en, es, de or tr)")
    src, tgt = prepared
    result = run_aligner([p.text for p in src.document.paragraphs], [p.text for p in tgt.document.paragraphs],
                         src.lang, tgt.lang, unit=unit, evidence=evidence_for(store, src.lang, tgt.lang))
    with store.transaction():
        ids = [r.document_id for r in save_documents(store, prepared, user)]
        if ids[0] == ids[1]:   # two files of one text (stored once): the store's refusal named neither
            raise InputError(_given_twice(files[0][0], files[1][0]))
        pair_id = store.documents.add_pair(ids[0], ids[1], label=f"{files[0][0]} → {files[1][0]}")
        aid = _store_alignment(store, result, src.lang, tgt.lang, presegmented=False,
                               title=f"{src.document.title} → {tgt.document.title}", user=user, pair_id=pair_id,
                               source_doc_id=ids[0], target_doc_id=ids[1])
    return pair_id, aid


def _given_twice(source: str, target: str) -> str:
    what = f"{source} was given twice" if source == target else f"{source} and {target} hold the same text"
    return f"{what}: a document cannot be paired with itself; choose the source file and its translation"


def _language_code(lang: str | None, side: str) -> str | None:
    """A typed language as an ISO 639 code (``None`` when empty: detect it)."""
    code = (lang or "").strip().lower()
    if not code:
        return None
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InputError(f"{side} language {lang.strip()!r}: give an ISO 639 code such as en, es, de or tr, "
                         "or leave it empty to detect it")
    return code


def align_stored(store: Store, source_id: int, target_id: int, *, unit: str = "paragraph",
                 user: str = "translator", evidence: EvidenceConfig | None = None,
                 pair_id: int | None = None, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    src, tgt = store.documents.get(source_id), store.documents.get(target_id)
    src_lang = src_lang or src.lang
    tgt_lang = tgt_lang or tgt.lang
    if not src_lang or not tgt_lang:
        side, doc = ("source", src) if not src_lang else ("target", tgt)
        # only the Review page aligns a stored pair, and it takes a language with an upload
        raise InputError(f"the {side} document's language is unknown ({doc.source_name}, document {doc.id}: "
                         f"it could not be detected): align its file under “Upload two files” with the {side} "
                         "language given")
    if evidence is None:
        evidence = evidence_for(store, src_lang, tgt_lang)
    return align_texts(store, [p.text for p in src.paragraphs], [p.text for p in tgt.paragraphs],
                       src_lang, tgt_lang, unit=unit, title=f"{src.title} → {tgt.title}", user=user,
                       pair_id=pair_id, source_doc_id=source_id, target_doc_id=target_id, evidence=evidence)


def _new(b) -> NewBead:
    return NewBead(tuple(b.source), tuple(b.target), b.confidence, _for_a_look(b), "auto", None, _features(b))


def _for_a_look(b) -> bool:
    """Flagged by the aligner, or a segment without a counterpart: a bead the aligner is sure
    is an omission or insertion (a translator's note, a heading left out) still asks a human
    whether the text was left out, or is aligned wrongly; bulk confirm must not take it."""
    return b.needs_review or not (b.source and b.target)


def _features(b) -> dict:
    """An aligned bead's scores as stored, with its reasons (a sentence left out) when it has any."""
    out = {"length_z": b.length_z, "dice": b.dice, "reliability": b.reliability, "margin": b.margin}
    if b.reasons:
        out["reasons"] = list(b.reasons)
    return out


@frozen_dataclass
class AlignSide:
    name: str
    segments: list[str]
    lang: str | None
    doc_id: int | None
    prepared: "PreparedDocument | None" = None   # a file's document, written only with its alignment


MAX_INPUT_BYTES = 8_000_000  # about 80k paragraphs: aligned in bounded time (bench/align.py)


def load_side(store: Store, ref: str, lang: str | None, presegmented: bool, user: str) -> AlignSide:
    """One side of an alignment: a file (cleaned and prepared, but not yet stored; kept
    out of the store when ``presegmented``) or, when ``ref`` is a number and no such
    file exists, a stored document id. Nothing is written."""
    path = Path(ref)
    if not path.exists() and ref.isdigit():
        doc = store.documents.get(int(ref))
        return AlignSide(doc.source_name, [p.text for p in doc.paragraphs], lang or doc.lang, doc.id)
    require_regular_file(path, "text file")
    if not path.is_file():
        raise InputError(f"{ref}: no such file (and not a stored document id)")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise InputError(f"{ref}: {path.stat().st_size // 1_000_000} MB is more than the "
                         f"{MAX_INPUT_BYTES // 1_000_000} MB one alignment can take; split the file")
    if presegmented:
        data = path.read_bytes()
        text = decode_bytes(data, path.name)[0] if data.strip() else ""
        segments = [line.strip() for line in text.splitlines() if line.strip()]
        if lang is None and segments:
            from workbench.langid import detect

            found = detect(" ".join(segments)[:20000])
            lang = None if found.lang == "und" else found.lang
        return AlignSide(display_name(path), segments, lang, None)
    from workbench.ingest import ingest_file
    from workbench.library import prepare_document

    prepared = prepare_document(ingest_file(path), lang)
    return AlignSide(display_name(path), [p.text for p in prepared.document.paragraphs], prepared.lang, None,
                     prepared)


def pair_of(store: Store, source_id: int | None, target_id: int | None) -> int | None:
    """The stored document pair of these two documents, if there is one."""
    if source_id is None or target_id is None:
        return None
    for pair in store.documents.pairs():
        if (pair.source_id, pair.target_id) == (source_id, target_id):
            return pair.id
    return None


# ------------------------------------------------------------------ reading

def bead_texts(record: AlignmentRecord, beads: Sequence[StoredBead]) -> list[BeadText]:
    return [BeadText(b.position, _join(record.source_segments, b.source),
                     b.edited_target if b.edited_target is not None else _join(record.target_segments, b.target),
                     b) for b in beads]


def flag_reasons(record: AlignmentRecord, bead: StoredBead) -> list[str]:
    """Why a bead is flagged for a human look, in words (empty when it is not flagged,
    or a human has dealt with it). Machine-translated beads carry their own reasons
    (a name the model lost, a missing or forbidden glossary term). A segment without a
    counterpart always says so, flagged or not (alignments stored before such beads were
    flagged: their aligner's 0.97 read as a sure pair)."""
    if not (bead.needs_review or one_side(bead)) or bead.status != "auto":
        return []
    f = bead.features or {}
    reasons = _one_line_per_kind(f.get("reasons", ()))
    if not bead.source or not bead.target:
        reasons.append("no counterpart found on the other side")
    else:
        if abs(f.get("length_z", 0.0)) >= LENGTH_Z_UNUSUAL:
            reasons.append("the two sides differ in length more than translations usually do")
        if "dice" in f and f["dice"] < FEW_SHARED:
            reasons.append("few shared names, numbers or glossary terms")
        margin = record.provenance.get("review_margin")
        if margin is not None and "margin" in f and f["margin"] < margin:
            reasons.append("another way of aligning these segments is nearly as likely")
    if bead.confidence < REVIEW_THRESHOLD:
        reasons.append(f"low confidence ({bead.confidence:.2f})")
    return reasons or ["flagged by the aligner"]


def _one_line_per_kind(reasons) -> list[str]:
    """'kind: a', 'kind: b' become 'kind: a, b' (a machine-translated bead lists each lost
    name as its own reason), in first-seen order."""
    grouped: dict[str, list[str]] = {}
    for reason in reasons:
        kind, sep, what = reason.partition(": ")
        grouped.setdefault(kind if sep else reason, []).append(what if sep else "")
    return [kind + (": " + ", ".join(dict.fromkeys(w for w in whats if w)) if any(whats) else "")
            for kind, whats in grouped.items()]


def score_label(record: AlignmentRecord, bead: StoredBead) -> str:
    """What a bead's line says of it: "human (who, when)" once a human acted on it; "MT" for a
    paragraph a job translated, "file" for a segment pair of an imported bilingual file (paired
    by the job or the file, not by the aligner: their confidence of 1.0 read as a sure alignment,
    the flagged ones too); "only in source" or "only in target" for a segment without a
    counterpart (the aligner's 0.97 that it is one read as a sure pair); else the aligner's
    confidence."""
    stamp = human_stamp(bead)
    if stamp:
        return f"human ({stamp})"
    return paired_by(record) or one_side(bead) or f"{bead.confidence:.2f}"


def one_side(bead: StoredBead) -> str | None:
    """"only in source" for a bead without target (an omission, or text aligned elsewhere),
    "only in target" for one without source (an insertion, such as a translator's note);
    None for a pair."""
    if bead.source and bead.target:
        return None
    return "only in source" if bead.source else "only in target" if bead.target else None


def paired_by(record: AlignmentRecord) -> str | None:
    """"MT" for the alignment a translation job stored for post-editing, "file" for an imported
    bilingual file: their beads were paired by their maker and have no alignment confidence.
    None for an aligned pair."""
    if is_machine_translation(record):
        return "MT"
    return "file" if record.provenance.get("aligner") == "imported" else None


def is_machine_translation(record: AlignmentRecord) -> bool:
    """True for the alignment a translation job stored for post-editing."""
    return record.provenance.get("method") == MT_ORIGIN


def human_stamp(bead: StoredBead) -> str:
    """Who confirmed a bead and when, in this machine's local time ('' for untouched beads)."""
    if not bead.touched or not bead.updated_by:
        return ""
    from datetime import datetime

    try:
        when = datetime.fromisoformat(bead.updated_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        when = bead.updated_at or ""
    return f"{bead.updated_by}, {when}"


def _join(segments: Sequence[str], idx: Sequence[int]) -> str:
    return " ".join(segments[i] for i in idx)


# ------------------------------------------------------------------ actions

@frozen_dataclass
class Change:
    """Who changed an alignment last, and when (UTC, as stored)."""
    user: str
    at: str


def last_change(store: Store, alignment_id: int) -> Change | None:
    """The latest action or undo on an alignment (an undo changes it too, under the undoer's name)."""
    history = store.alignments.history(alignment_id, limit=200)
    stamps = [(h.at, h.user) for h in history] + [(h.undone_at, h.undone_by) for h in history if h.undone_at]
    return Change(user=max(stamps)[1], at=max(stamps)[0]) if stamps else None


@contextmanager
def naming_conflicts(store: Store, alignment_id: int):
    """A refused stale action names who changed the alignment, and when (local time): with
    named users, "someone else" alone would not tell a translator whom to ask."""
    try:
        yield
    except ConflictError as exc:
        change = last_change(store, alignment_id)
        if change is None:
            raise
        from workbench.store import local_time

        advice = str(exc).partition("; ")[2] or "reload to see their change"
        raise ConflictError(f"alignment {alignment_id} was changed by someone else: {change.user}, at "
                            f"{local_time(change.at)} (local time), after your page was drawn; {advice}",
                            theirs=change) from None


def bead_with_segments(store: Store, alignment_id: int, source: Sequence[int], target: Sequence[int]
                       ) -> StoredBead | None:
    """The bead that now holds exactly these segments (its position may have moved), if any."""
    wanted = (tuple(source), tuple(target))
    return next((b for b in store.alignments.beads(alignment_id) if (b.source, b.target) == wanted), None)


def accept(store: Store, alignment_id: int, position: int, user: str, *, seen: str | None = None) -> None:
    """Accept a bead (and store it in the translation memory when both sides have text). A bead
    without a counterpart is confirmed as such: unaligned, not an accepted pair (an accepted
    1-0 bead went to the CSV export as a pair with an empty target); one whose empty target
    she typed is a pair."""
    bead = store.alignments.bead_at(alignment_id, position)
    _confirm(store, alignment_id, position, position + 1,
             [bead.as_new(status=_confirmed_status(bead, bead.edited_target), needs_review=False)],
             action="accept", user=user, detail=f"bead {position}", seen=seen)


def _confirmed_status(bead: StoredBead, edited_target: str | None) -> str:
    """What a human's accept or edit makes of a bead: a pair is accepted (whatever she typed);
    a bead with segments on one side only is confirmed as having no counterpart (unaligned),
    unless she typed the target its source lacked."""
    if bead.source and bead.target:
        return HUMAN_STATUS
    return HUMAN_STATUS if bead.source and (edited_target or "").strip() else "unaligned"


def _confirm(store: Store, alignment_id: int, start: int, end: int, new: Sequence[NewBead], *, action: str,
             user: str, detail: str, seen: str | None) -> None:
    """Replace beads ``start:end`` with ``new`` as one human action, and put each new
    bead with text on both sides into the translation memory: whatever a human did
    to a bead (accept, edit, merge, split, move) confirms it."""
    record = store.alignments.get(alignment_id)
    with naming_conflicts(store, alignment_id), store.transaction():
        store.alignments.replace_beads(alignment_id, start, end, list(new), action=action, user=user,
                                       detail=detail, expected_updated_at=seen)
        if not hasattr(store, "tm"):
            return
        from workbench.tm import add_confirmed

        for b in new:
            if b.status != HUMAN_STATUS:
                continue
            source = _join(record.source_segments, b.source)
            target = b.edited_target if b.edited_target is not None else _join(record.target_segments, b.target)
            if source.strip() and target.strip():
                add_confirmed(store, record.src_lang, record.tgt_lang, source, target,
                              origin=f"alignment {alignment_id}", user=user)


def accept_many(store: Store, alignment_id: int, positions: Sequence[int], user: str, *,
                seen: str | None = None) -> int:
    """Accept the beads at ``positions``, all or none. With ``seen`` (the page's stamp), refuse
    when someone changed the alignment since: the positions may name other beads now."""
    with store.transaction():
        for n, p in enumerate(positions):
            accept(store, alignment_id, p, user, seen=seen if n == 0 else None)
    return len(positions)


def sure_positions(store: Store, alignment_id: int, threshold: float,
                   glossary: Mapping[int, Sequence[str]] | None = None) -> list[int]:
    """Positions of the beads nobody has reviewed that the aligner is sure of (confidence at
    least ``threshold`` and not flagged, nor with a reason to look): what a bulk confirm accepts."""
    return bulk_confirm(store, alignment_id, threshold, glossary).positions


@frozen_dataclass
class BulkConfirm:
    """What "Confirm" would do: the positions it accepts, its button's label, and a line
    saying which unreviewed beads it leaves and why ('' for none)."""

    positions: list[int]
    label: str
    left: str


def bulk_confirm(store: Store, alignment_id: int, threshold: float,
                 glossary: Mapping[int, Sequence[str]] | None = None) -> BulkConfirm:
    """The beads a bulk confirm accepts (``sure_positions``) and those it leaves: flagged
    ones counted by reason (a bead with two reasons counts under each), then the unflagged
    ones below ``threshold``. ``glossary``: the beads' glossary problems (``glossary_flags``),
    each a reason to leave a bead as a job's flag on its machine translation is."""
    record = store.alignments.get(alignment_id)
    sure, flagged, below = [], {}, 0
    for b in store.alignments.beads(alignment_id, status="unreviewed"):
        if b.status != "auto":
            continue
        reasons = _flag_kinds(record, b) + list(_glossary_kinds(b, glossary))
        if reasons:
            for kind in reasons:
                flagged.setdefault(kind, set()).add(b.position)
        elif b.confidence >= threshold:
            sure.append(b.position)
        else:
            below += 1
    if not is_machine_translation(record):
        label = f"Confirm {len(sure)} unreviewed bead{'' if len(sure) == 1 else 's'}"
    else:   # confirming a machine translation accepts the model's words unedited: said on the button
        label = (f"Confirm {len(sure)} machine translations as they stand" if len(sure) != 1
                 else "Confirm 1 machine translation as it stands")
    return BulkConfirm(sure, label, _left_line(flagged, below, threshold))


def _flag_kinds(record: AlignmentRecord, bead: StoredBead) -> list[str]:
    """The kinds of reason a bead is flagged for ("glossary term missing", "low confidence"),
    without the particulars (which term, which score)."""
    reasons = flag_reasons(record, bead)
    reasons = reasons or _one_line_per_kind((bead.features or {}).get("reasons", ()))
    return list(dict.fromkeys(re.sub(r" \(.*\)$", "", r.partition(": ")[0]) for r in reasons))


def _glossary_kinds(bead: StoredBead, glossary: Mapping[int, Sequence[str]] | None) -> Sequence[str]:
    """A bead's glossary problems as reasons to look at it; none for a job's machine translation,
    whose own flags already name its glossary findings (term by term)."""
    if not glossary or "reasons" in (bead.features or {}):
        return ()
    return glossary.get(bead.position, ())


def glossary_reasons(bead: StoredBead, glossary: Mapping[int, Sequence[str]] | None) -> list[str]:
    """An unconfirmed bead's glossary problems (``glossary``, as in ``bulk_confirm``) as reasons
    to look at it; none once a human has confirmed it."""
    if bead.status in ("accepted", "unaligned"):
        return []
    return list(_glossary_kinds(bead, glossary))


def is_doubtful(bead: StoredBead, glossary: Mapping[int, Sequence[str]] | None = None,
                low: float = REVIEW_THRESHOLD) -> bool:
    """Unconfirmed and doubtful (the beads the "next doubtful" key stops at): flagged for a look,
    without a counterpart, below ``low``, or with a glossary problem (``glossary``, as in
    ``bulk_confirm``: the beads Confirm leaves for one)."""
    if bead.status in ("accepted", "unaligned"):
        return False
    return (bead.needs_review or not (bead.source and bead.target) or bead.confidence < low
            or bool(glossary_reasons(bead, glossary)))


def flagged_for_a_look(store: Store, alignment_id: int, glossary: Mapping[int, Sequence[str]] | None,
                       progress: Progress | None = None) -> int:
    """How many unconfirmed beads are flagged for a look: stored so (by the aligner or a job), or
    with a glossary problem (``glossary``). The page's count left out the glossary's, so "0 flagged"
    stood above beads that ``l`` stopped at and Confirm left. ``progress``: the alignment's, when
    the caller has read it."""
    flagged = (progress or store.alignments.progress(alignment_id)).needs_review
    if glossary:
        flagged += sum(1 for b in store.alignments.beads(alignment_id, positions=sorted(glossary))
                       if not b.needs_review and glossary_reasons(b, glossary))
    return flagged


def _left_line(flagged: dict[str, set[int]], below: int, threshold: float) -> str:
    lines = []
    if flagged:
        n = len(set().union(*flagged.values()))
        lines.append(f"{n} flagged bead{' is' if n == 1 else 's are'} left for a look: "
                     + ", ".join(f"{len(ps)} {kind}" for kind, ps in flagged.items()) + ".")
    if below:
        lines.append(f"{below} bead{'' if below == 1 else 's'} below {threshold:.2f} "
                     f"{'is' if below == 1 else 'are'} left{' too' if flagged else ''}.")
    return " ".join(lines)


def edit_target(store: Store, alignment_id: int, position: int, text: str, user: str, *,
                seen: str | None = None) -> None:
    """Replace the target text of a bead (the stored segments stay as aligned)."""
    bead = store.alignments.bead_at(alignment_id, position)
    if not bead.target and not bead.source:
        raise InputError(f"bead {position} is empty")
    _confirm(store, alignment_id, position, position + 1,
             [bead.as_new(edited_target=text, status=_confirmed_status(bead, text), needs_review=False)],
             action="edit", user=user, detail=f"bead {position}", seen=seen)


def merge_next(store: Store, alignment_id: int, position: int, user: str, *, seen: str | None = None) -> None:
    """Merge a bead with the one after it."""
    record = store.alignments.get(alignment_id)
    beads = store.alignments.beads(alignment_id, positions=[position, position + 1])
    if len(beads) < 2:
        raise InputError(f"bead {position} has no next bead to merge with")
    a, b = beads
    edited = None
    if a.edited_target is not None or b.edited_target is not None:
        edited = " ".join(t.target for t in bead_texts(record, beads) if t.target)
    merged = NewBead(a.source + b.source, a.target + b.target, min(a.confidence, b.confidence), False,
                     HUMAN_STATUS, edited, {})
    _confirm(store, alignment_id, position, position + 2, [merged], action="merge",
             user=user, detail=f"beads {position} and {position + 1}", seen=seen)


def split(store: Store, alignment_id: int, position: int, source_at: int, target_at: int, user: str, *,
          seen: str | None = None) -> None:
    """Split a bead in two: the first keeps ``source_at`` source and ``target_at``
    target segments, the second the rest. Both parts must keep a segment, and one of
    them a pair (else it is Unalign). A bead whose target was edited splits its edited
    text: ``target_at`` counts that text's sentences, the stored target segments are
    shared out with them (``_segment_at``), and a part whose text is no longer as stored
    keeps it as its edited target."""
    bead = store.alignments.bead_at(alignment_id, position)
    record = store.alignments.get(alignment_id) if bead.edited_target is not None else None
    spans = _edited_spans(bead, record)
    ns, nt = len(bead.source), len(bead.target) if spans is None else len(spans)
    if not (0 <= source_at <= ns and 0 <= target_at <= nt):
        what = "target segments" if spans is None else "sentences in its edited target"
        raise InputError(f"bead {position} has {ns} source segments and {nt} {what}: "
                         f"cannot split at {source_at}/{target_at}")
    if not (source_at or target_at) or (source_at, target_at) == (ns, nt):
        raise InputError(f"splitting bead {position} at {source_at}/{target_at} leaves an empty bead")
    if _only_orphans(ns, nt, source_at, target_at):
        raise InputError(f"splitting bead {position} at {source_at}/{target_at} leaves no pair: "
                         "use Unalign to make its sentences unaligned")
    segment_at = target_at if spans is None else _segment_at(bead, record, spans, target_at)
    if segment_at is None:
        raise InputError(f"bead {position} cannot split its edited target at {source_at}/{target_at}: its "
                         f"{len(bead.target)} stored target segment(s) cannot go to both parts")
    parts = [(bead.source[:source_at], bead.target[:segment_at]), (bead.source[source_at:], bead.target[segment_at:])]
    edits = _edited_parts(bead, record, spans, target_at) if spans is not None else (None, None)
    new = [NewBead(s, t, bead.confidence, False, HUMAN_STATUS if s and t else "unaligned", edited, {})
           for (s, t), edited in zip(parts, edits)]
    _confirm(store, alignment_id, position, position + 1, new, action="split", user=user,
             detail=f"bead {position} at {source_at}/{target_at}", seen=seen)


def _edited_spans(bead: StoredBead, record: AlignmentRecord | None) -> list[tuple[int, int]] | None:
    """The sentences of a bead's edited target, as spans of that text (None without an edit,
    or without the ``record`` that names the target language)."""
    if bead.edited_target is None or record is None:
        return None
    from workbench.segment import sentence_spans

    return sentence_spans(bead.edited_target, record.tgt_lang)


def _segment_at(bead: StoredBead, record: AlignmentRecord, spans, target_at: int) -> int | None:
    """How many stored target segments go with the first ``target_at`` sentences of the edited
    target: as many when it has as many sentences as segments, else the share of the text
    nearest theirs; None when a part with text would get none (or the edit is blank)."""
    m, n = len(bead.target), len(spans)
    if m == 0 or n == 0 or not (0 <= target_at <= n):   # a blank edit: nothing to share out
        return None
    if target_at in (0, n):
        return 0 if target_at == 0 else m
    if m < 2:
        return None
    if m == n:
        return target_at
    lengths = [len(record.target_segments[i]) for i in bead.target]
    share = spans[target_at][0] / max(1, len(bead.edited_target))
    return min(range(1, m), key=lambda t: abs(sum(lengths[:t]) / max(1, sum(lengths)) - share))


def _edited_parts(bead: StoredBead, record: AlignmentRecord, spans, target_at: int) -> tuple:
    """The edited target cut before its sentence ``target_at`` (her line breaks and spaces kept);
    a part that reads as its stored segments is no edit (None)."""
    text = bead.edited_target
    cut = spans[target_at][0] if target_at < len(spans) else len(text)
    segment_at = _segment_at(bead, record, spans, target_at)
    out = []
    halves = ((text[:cut].strip(), bead.target[:segment_at]), (text[cut:].strip(), bead.target[segment_at:]))
    for part, segments in halves:
        out.append(part if part and part != _join(record.target_segments, segments) else None)
    return tuple(out)


def split_options(bead: StoredBead, record: AlignmentRecord | None = None) -> list[tuple[int, int]]:
    """Every (source_at, target_at) that splits the bead into two non-empty beads;
    first those that leave text on both sides of both parts (the usual fix for
    a wrong merge), then, with the ``record``'s texts, those whose parts' lengths fit
    best, so the first option is the likely one. With the ``record``, an edited target
    is split at its sentences (see ``split``)."""
    spans = _edited_spans(bead, record)
    ns, nt = len(bead.source), len(bead.target) if spans is None else len(spans)
    out = [(s, t) for s in range(ns + 1) for t in range(nt + 1)
           if (s or t) and (s < ns or t < nt) and not _only_orphans(ns, nt, s, t)
           and (spans is None or _segment_at(bead, record, spans, t) is not None)]
    misfit = _length_misfit(bead, record, spans) if record is not None else (lambda s, t: 0.0)
    return sorted(out, key=lambda st: (not (0 < st[0] < ns and 0 < st[1] < nt), misfit(*st)))


def _length_misfit(bead: StoredBead, record: AlignmentRecord, spans=None):
    """How far a split's first part is from sharing the bead's source and target text in the
    same proportion (in characters of target; the second part is off by as much): a 2-1 bead
    whose short second sentence went untranslated splits off that sentence, not the long one.
    ``spans``: the sentences of an edited target, measured instead of the stored segments."""
    source = [len(record.source_segments[i]) for i in bead.source]
    target = ([len(record.target_segments[i]) for i in bead.target] if spans is None else
              [end - start for start, end in spans])
    ratio = sum(target) / max(1, sum(source))
    return lambda source_at, target_at: abs(sum(source[:source_at]) * ratio - sum(target[:target_at]))


def _only_orphans(ns: int, nt: int, source_at: int, target_at: int) -> bool:
    """All the source on one side of the split and all the target on the other: two
    beads without a counterpart, which is what Unalign does (a 1-1 bead has no other split)."""
    return (source_at, target_at) in ((ns, 0), (0, nt))


def nothing_to_split(bead: StoredBead) -> str:
    """Why a bead without split options cannot be split, in words for the translator."""
    if len(bead.source) == 1 and len(bead.target) == 1:
        return (f"Bead #{bead.position} has one sentence on each side: nothing to split "
                "(Unalign makes them two unaligned sentences).")
    return f"Bead #{bead.position} has nothing to split."


def split_label(bead: StoredBead, source_at: int, target_at: int, record: AlignmentRecord | None = None) -> str:
    """How a split divides the bead's segments (numbered from 1 within the bead), in words:
    'source 1 + target 1 | source 2 + target 2', 'source 1 alone | source 2 + target 1'.
    With the ``record``, an edited target's sentences are counted (see ``split``)."""
    spans = _edited_spans(bead, record)
    ns, nt = len(bead.source), len(bead.target) if spans is None else len(spans)
    return f"{_part_label(0, source_at, 0, target_at)} | {_part_label(source_at, ns, target_at, nt)}"


def _part_label(s_lo: int, s_hi: int, t_lo: int, t_hi: int) -> str:
    def numbers(lo: int, hi: int) -> str:
        return str(hi) if hi - lo == 1 else f"{lo + 1}–{hi}"

    sides = [f"{name} {numbers(lo, hi)}" for name, lo, hi in (("source", s_lo, s_hi), ("target", t_lo, t_hi))
             if hi > lo]
    return " + ".join(sides) if len(sides) == 2 else f"{sides[0]} alone"


def move_segment(store: Store, alignment_id: int, position: int, side: str, direction: str, user: str, *,
                 seen: str | None = None) -> None:
    """Move the first segment of a side to the previous bead (``direction="previous"``)
    or its last segment to the next bead (``"next"``); an emptied bead disappears."""
    if side not in ("source", "target") or direction not in ("previous", "next"):
        raise InputError("move needs side 'source' or 'target' and direction 'previous' or 'next'")
    other = position - 1 if direction == "previous" else position + 1
    lo = min(position, other)
    beads = store.alignments.beads(alignment_id, positions=[lo, lo + 1])
    if len(beads) < 2 or other < 0:
        raise InputError(f"bead {position} has no {direction} bead")
    here, there = (beads[1], beads[0]) if direction == "previous" else (beads[0], beads[1])
    segs = getattr(here, side)
    if not segs:
        raise InputError(f"bead {position} has no {side} segment to move")
    if here.edited_target is not None or there.edited_target is not None:
        if side == "target":
            raise InputError("a bead with an edited target cannot give or take target segments; undo the edit")
    if direction == "previous":
        moved, kept = segs[0], segs[1:]
        there_new = getattr(there, side) + (moved,)
    else:
        moved, kept = segs[-1], segs[:-1]
        there_new = (moved,) + getattr(there, side)
    here_b = here.as_new(**{side: kept, "status": _human_status(here, side, kept), "needs_review": False})
    there_b = there.as_new(**{side: there_new, "status": _human_status(there, side, there_new), "needs_review": False})
    new = [b for b in ((there_b, here_b) if direction == "previous" else (here_b, there_b))
           if b.source or b.target]
    _confirm(store, alignment_id, lo, lo + 2, new, action="move", user=user,
             detail=f"{side} segment {moved} from bead {position} to the {direction} bead", seen=seen)


def _human_status(bead: StoredBead, side: str, segments: tuple[int, ...]) -> str:
    """A bead left with one side only has no counterpart: unaligned, not accepted."""
    other = bead.target if side == "source" else bead.source
    return HUMAN_STATUS if segments and other else "unaligned"


def mark_unaligned(store: Store, alignment_id: int, position: int, user: str, *,
                   seen: str | None = None) -> None:
    """Mark every segment of a bead as having no counterpart (1-0 and 0-1 beads)."""
    bead = store.alignments.bead_at(alignment_id, position)
    new = ([NewBead((s,), (), bead.confidence, False, "unaligned") for s in bead.source]
           + [NewBead((), (t,), bead.confidence, False, "unaligned") for t in bead.target])
    with naming_conflicts(store, alignment_id):
        store.alignments.replace_beads(alignment_id, position, position + 1, new, action="unaligned", user=user,
                                       detail=f"bead {position}", expected_updated_at=seen)


def undo(store: Store, alignment_id: int, user: str, *, seen: str | None = None):
    """Undo the latest action on the alignment; returns it, or None when there is none.
    With ``seen``, refuse when someone acted since (their action would be the one undone)."""
    with naming_conflicts(store, alignment_id):
        return store.alignments.undo(alignment_id, user, expected_updated_at=seen)


def realign(store: Store, alignment_id: int, user: str, evidence: EvidenceConfig | None = None) -> int:
    """Align again the stretches between beads a human touched; returns the number of reviewed
    beads kept. One action: it can be undone. A job's translation or an imported bilingual file
    (``paired_by``) keeps every bead: its maker paired them, flags and all."""
    record = store.alignments.get(alignment_id)
    beads = store.alignments.beads(alignment_id)
    if evidence is None:
        evidence = evidence_for(store, record.src_lang, record.tgt_lang)
    kept = [b for b in beads if b.touched or paired_by(record)]
    new: list[NewBead] = []
    s0 = t0 = 0
    for fixed in kept + [None]:
        s1 = (fixed.source[0] if fixed.source else _next_index(fixed, beads, "source")) if fixed else \
            len(record.source_segments)
        t1 = (fixed.target[0] if fixed.target else _next_index(fixed, beads, "target")) if fixed else \
            len(record.target_segments)
        new += _align_gap(record, s0, s1, t0, t1, evidence)
        if fixed is not None:
            new.append(fixed.as_new())
            s0 = fixed.source[-1] + 1 if fixed.source else s1
            t0 = fixed.target[-1] + 1 if fixed.target else t1
    # aligned outside the write: a colleague's action in the meantime is a conflict, not overwritten
    reviewed = sum(b.touched for b in kept)
    store.alignments.replace_beads(alignment_id, 0, len(beads), new, action="realign", user=user,
                                   detail=f"kept {reviewed} reviewed beads", expected_updated_at=record.updated_at)
    return reviewed


def _next_index(fixed: StoredBead, beads: Sequence[StoredBead], side: str) -> int:
    """For a bead with nothing on ``side``: the index where that side continues."""
    for b in beads[fixed.position:]:
        if getattr(b, side):
            return getattr(b, side)[0]
    return 1 + max((i for b in beads for i in getattr(b, side)), default=-1)


def _align_gap(record: AlignmentRecord, s0, s1, t0, t1, evidence) -> list[NewBead]:
    if s0 >= s1 and t0 >= t1:
        return []
    if s0 >= s1 or t0 >= t1:
        return ([NewBead((s,), (), 0.5, True) for s in range(s0, s1)]
                + [NewBead((), (t,), 0.5, True) for t in range(t0, t1)])
    result = align_segments(record.source_segments[s0:s1], record.target_segments[t0:t1], record.src_lang,
                            record.tgt_lang, unit=record.unit, evidence=evidence)
    if "left_out" in record.provenance:   # checked when aligned: its stretches aligned afresh are too
        from workbench.align.leftout import flag_left_out

        result = flag_left_out(result, evidence)
    return [NewBead(tuple(s0 + i for i in b.source), tuple(t0 + j for j in b.target), b.confidence,
                    _for_a_look(b), "auto", None, _features(b))
            for b in result.beads]


# ------------------------------------------------------------------ export

def export_alignment(store: Store, alignment_id: int, path: str | Path, fmt: str, *,
                     accepted_only: bool = True) -> int:
    """Write the (accepted) beads as TMX, XLIFF, CSV, beads or JSON; returns the number written.
    The file is written whole or not at all (temporary file and rename)."""
    text, n = export_text(store, alignment_id, fmt, accepted_only=accepted_only)
    write_text_atomic(path, text, newline=None)
    return n


def export_text(store: Store, alignment_id: int, fmt: str, *, accepted_only: bool = True) -> tuple[str, int]:
    """The export as text, and how many beads it holds. ``beads`` always has every
    bead (the format must cover every segment)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"export format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    record = store.alignments.get(alignment_id)
    status = "accepted" if accepted_only and fmt != "beads" else "all"
    texts = bead_texts(record, store.alignments.beads(alignment_id, status=status))
    if fmt == "tmx":
        import io

        from workbench.formats.tmx import write_tmx

        buf = io.StringIO()
        segtype = "paragraph" if record.unit == "paragraph" else "sentence"
        n = write_tmx(tmx_units(record, texts), buf, record.src_lang, segtype=segtype)
        return buf.getvalue(), n
    if fmt == "xliff":   # XLIFF 2.0, one unit a bead, for CAT tools that read no TMX
        from workbench.formats.base import PairsFile
        from workbench.formats.xliff import write_pairs

        units = tmx_units(record, texts)
        return write_pairs(PairsFile(units, record.src_lang, record.tgt_lang, original=record.title)), len(units)
    if fmt == "csv":
        from workbench.formats.csv_pairs import format_csv_pairs

        return format_csv_pairs(csv_rows(record, texts)), len(texts)
    if fmt == "beads":
        return beads_text([t.bead for t in texts]), len(texts)
    return alignment_json_text(alignment_json(record, texts)), len(texts)


def alignment_json_text(data: dict) -> str:
    """``alignment_json`` as text: indented, one bead a line. (json's indenting encoder is
    written in Python; a bead alone goes through its C encoder: 0.6 of the time for a thousand
    beads, ``bench/align_json.py``.)"""
    import json

    head = json.dumps({k: v for k, v in data.items() if k != "beads"}, ensure_ascii=False, indent=2)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    beads = ",\n    ".join(encode(bead) for bead in data["beads"])
    listed = f"\n    {beads}\n  " if beads else ""
    return f'{head[:-2]},\n  "beads": [{listed}]\n}}\n'


def alignment_revision(store: Store, alignment_id: int) -> str:
    """A fingerprint of the beads' segments and edited texts: it changes with every
    action and undo that changes what a glossary check sees, and (unlike the change
    stamp) tells apart alignments of two stores that share an id, for a cache that
    outlives one store."""
    record = store.alignments.get(alignment_id)
    beads = [(b.source, b.target, b.edited_target) for b in store.alignments.beads(alignment_id)]
    key = repr((record.source_segments[:1], record.target_segments[:1], len(record.source_segments), beads))
    import hashlib

    return hashlib.sha1(key.encode("utf-8")).hexdigest()


# a glossary QA finding that makes a bead doubtful, as Confirm names it when it leaves the bead
GLOSSARY_KINDS = {"missing": "glossary term missing", "forbidden": "forbidden glossary term"}


def approved_only(glossary):
    """The glossary's approved concepts: a problem with one of them makes a bead doubtful (a
    draft concept's, awaiting a second translator's approval, is lit on the page, not flagged)."""
    from workbench.glossary.model import Glossary

    return Glossary(tuple(c for c in glossary.concepts if c.status == "approved"))


def glossary_flags(store: Store, alignment_id: int, annotator) -> dict[int, tuple[str, ...]]:
    """The beads whose glossary QA finds an expected rendering missing or a forbidden one used,
    by position, with those kinds in words (``GLOSSARY_KINDS``). With an annotator of the
    ``approved_only`` glossary: the doubtful beads, as a job flags its machine translation with
    such a finding. Checked against the glossary of now; nothing is stored, so the alignment and
    its exports stay as they are."""
    record = store.alignments.get(alignment_id)
    found = {}
    for t in bead_texts(record, store.alignments.beads(alignment_id)):
        if t.source and t.target:
            kinds = [GLOSSARY_KINDS[k] for k in dict.fromkeys(annotator.marks(t.source, t.target).findings)
                     if k in GLOSSARY_KINDS]
            if kinds:
                found[t.position] = tuple(kinds)
    return found


def tmx_units(record: AlignmentRecord, texts: Sequence[BeadText]):
    from workbench.formats.tmx import TmxUnit

    out = []
    for t in texts:
        if not t.source.strip() or not t.target.strip():
            continue
        b = t.bead
        props = {"x-confidence": _confidence(record, b), "x-status": b.status, "x-bead": f"{b.kind}",
                 "x-alignment": str(record.id)}
        if is_machine_translation(record) and not b.touched:   # the model's words: a memory must not take them as human
            props["x-origin"] = _mt_origin(record)
        out.append(TmxUnit({record.src_lang: t.source, record.tgt_lang: t.target},
                           props={k: v for k, v in props.items() if v is not None},
                           tuid=f"a{record.id}-b{b.position}", creationdate=b.updated_at or record.created_at,
                           creationid=b.updated_by or record.created_by))
    return out


def _confidence(record: AlignmentRecord, bead: StoredBead) -> str | None:
    """The aligner's confidence as exported; None for a bead of a job or an imported file (they
    paired it: its 1.0 is no alignment confidence, and read as one it made the model's words
    look sure)."""
    return None if paired_by(record) else f"{bead.confidence:.3f}"


def _mt_origin(record: AlignmentRecord) -> str:
    engines = ", ".join(record.provenance.get("engines") or ())
    return f"{MT_ORIGIN} ({engines})" if engines else MT_ORIGIN


def csv_rows(record: AlignmentRecord, texts: Sequence[BeadText]):
    from workbench.formats.csv_pairs import PairRow

    return [PairRow(record.src_lang, record.tgt_lang, t.source, t.target,
                    None if paired_by(record) else t.bead.confidence, t.bead.status,
                    list(t.bead.source), list(t.bead.target)) for t in texts]


def beads_text(beads: Sequence[StoredBead]) -> str:
    from workbench.formats.beads import format_beads

    return format_beads(beads, with_confidence=True)   # (read as they are: no Bead made for each)


def alignment_json(record: AlignmentRecord, texts: Sequence[BeadText]) -> dict:
    return {"id": record.id, "unit": record.unit, "src_lang": record.src_lang, "tgt_lang": record.tgt_lang,
            "provenance": record.provenance, "warnings": list(record.warnings),
            "beads": [{"source": list(t.bead.source), "target": list(t.bead.target),
                       "confidence": t.bead.confidence, "needs_review": t.bead.needs_review,
                       "status": t.bead.status, "source_text": t.source, "target_text": t.target}
                      for t in texts]}


# ------------------------------------------------------------------ statistics

@frozen_dataclass
class ConfidenceSummary:
    total: int
    reviewed_fraction: float
    mean_confidence: float | None   # None for a job's translation or an imported file (``paired_by``)
    flagged: int
    histogram: list[dict]      # {"confidence": "0.8-0.9", "beads": n}
    actions: list[dict]        # {"time": iso, "actions so far": n}
    paired_by: str | None = None   # "MT" or "file": paired by a job or a file, no alignment confidence


def confidence_summary(store: Store, alignment_id: int, bins: int = 10) -> ConfidenceSummary:
    record = store.alignments.get(alignment_id)
    paired = paired_by(record)
    values = [] if paired else [b.confidence for b in store.alignments.beads(alignment_id)]
    progress = store.alignments.progress(alignment_id)
    counts = [0] * bins
    for conf in values:
        counts[min(bins - 1, int(conf * bins))] += 1
    histogram = [{"confidence": f"{k / bins:.1f}-{(k + 1) / bins:.1f}", "beads": n} for k, n in enumerate(counts)]
    history = sorted(store.alignments.history(alignment_id, limit=100_000), key=lambda h: h.id)
    actions = [{"time": h.at, "actions so far": n} for n, h in enumerate(history, start=1)]
    mean = None if paired else sum(values) / len(values) if values else 0.0
    return ConfidenceSummary(progress.total, progress.fraction, mean, progress.needs_review, histogram, actions,
                             paired_by=paired)


def paired_line(summary: ConfidenceSummary) -> str:
    """Stats' line for an alignment without alignment confidences (``paired_by``)."""
    n = summary.total
    what = "a job's machine translation, paired paragraph by paragraph by the job" if summary.paired_by == "MT" \
        else "segment pairs of an imported file, paired by the file"
    return (f"{n} bead{'s are' if n != 1 else ' is'} {what}: no alignment confidence "
            "(the flagged ones are counted above).")


def progress_table(store: Store) -> list[dict]:
    """One row per alignment: accepted, unaligned and other beads."""
    rows = []
    for a in store.alignments.list():
        p = store.alignments.progress(a.id)
        accepted, unaligned = p.by_status.get("accepted", 0), p.by_status.get("unaligned", 0)
        rows.append({"alignment": f"{a.id} · {a.title[:40]}", "accepted": accepted, "unaligned": unaligned,
                     "other": p.total - accepted - unaligned})
    return rows
