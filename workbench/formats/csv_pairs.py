"""Aligned segment pairs as CSV (RFC 4180, UTF-8, header row).

Columns: ``src_lang, tgt_lang, source, target, confidence, status,
source_segments, target_segments`` (the last two are the bead's 0-based
indices, space separated). Reading needs only ``source`` and ``target``
(plus ``src_lang``/``tgt_lang`` unless given). Files are written to a
temporary file and renamed, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic
from workbench.formats.base import PairsFile
from workbench.formats.tmx import TmxUnit

_LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
COLUMNS = ("src_lang", "tgt_lang", "source", "target", "confidence", "status", "source_segments",
           "target_segments")


@dataclass(frozen=True)
class PairRow:
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    confidence: float | None = None
    status: str = ""
    source_segments: list[int] = field(default_factory=list)
    target_segments: list[int] = field(default_factory=list)


def format_csv_pairs(rows: Iterable[PairRow]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.src_lang, r.tgt_lang, r.source, r.target,
                         "" if r.confidence is None else f"{r.confidence:.3f}", r.status,
                         " ".join(map(str, r.source_segments)), " ".join(map(str, r.target_segments))])
    return buf.getvalue()


def write_csv_pairs(rows: Iterable[PairRow], path: str | os.PathLike) -> int:
    rows = list(rows)
    write_text_atomic(path, format_csv_pairs(rows), newline=None)
    return len(rows)


def read_csv_pairs(path: str | os.PathLike, src_lang: str | None = None,
                   tgt_lang: str | None = None) -> list[PairRow]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("source", "target") if c not in (reader.fieldnames or [])]
    if missing:
        raise FormatError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    out = []
    for row in reader:
        where = f"{path}: line {reader.line_num}"
        sl, tl = row.get("src_lang") or src_lang, row.get("tgt_lang") or tgt_lang
        if not sl or not tl:
            raise FormatError(f"{where}: no src_lang/tgt_lang (add the columns or give the languages)")
        try:
            conf = float(row["confidence"]) if row.get("confidence") else None
            src_idx = [int(x) for x in (row.get("source_segments") or "").split()]
            tgt_idx = [int(x) for x in (row.get("target_segments") or "").split()]
        except ValueError as exc:
            raise FormatError(f"{where}: {exc}") from exc
        out.append(PairRow(sl, tl, row["source"] or "", row["target"] or "", conf, row.get("status") or "",
                           src_idx, tgt_idx))
    return out


# ---------------------------------------------------------------- other tools' layouts (pairs family)

# Header names other tools write, mapped to our fields: Weblate's and translate-toolkit's CSV
# (location, source, target, id, fuzzy, context, translator_comments, developer_comments), OmegaT's
# and plain two-column files (source, target, comment), and our own columns.
_HEADER_NAMES = {"source": "source", "target": "target", "src": "source", "tgt": "target", "msgid": "source",
                 "msgstr": "target", "original": "source", "translation": "target", "comment": "note",
                 "comments": "note", "note": "note", "notes": "note", "translator_comments": "note",
                 "developer_comments": "note", "fuzzy": "fuzzy", "src_lang": "src_lang", "tgt_lang": "tgt_lang",
                 "location": "-", "id": "-", "context": "-", "confidence": "-", "status": "-",
                 "source_segments": "-", "target_segments": "-"}
_FIELDS = ("source", "target", "note", "fuzzy", "src_lang", "tgt_lang", "-")


def read_pairs(data: bytes, name: str, log=None, src_lang: str | None = None, tgt_lang: str | None = None,
               columns: str | None = None, **_options) -> PairsFile:
    """Segment pairs from a CSV (comma) or TSV (tab, ``.tsv``/``.txt``) file. The columns come
    from ``columns`` ("source,target,note", "-" skips one, a language code names a text
    column: "en,de"), else from a header row with known names, else they are source, target
    and an optional comment. Line ends may be LF, CRLF or CR. Rows with an empty source or
    target and Weblate's fuzzy rows are counted in the log, not imported."""
    from workbench.formats.base import decode_utf8

    text = decode_utf8(data, name)
    delimiter = "\t" if name.lower().endswith((".tsv", ".txt")) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    fields, rows = _layout(rows, columns, name, log)
    langs = {f: f for f in fields if f not in _FIELDS}
    text_cols = list(langs) or ["source", "target"]
    if len(text_cols) != 2:
        raise InputError(f"{name}: --columns needs exactly two text columns (source and target, or two "
                         f"language codes), not {', '.join(text_cols)}")
    units, counts = [], {"empty": 0, "fuzzy": 0}
    for line, row in rows:
        cell = dict(zip(fields, (c.strip() for c in row)))
        if "source" in fields and len(row) < 2:
            raise FormatError(f"{name}: line {line}: expected at least 2 columns, got {len(row)}")
        sl = text_cols[0] if langs else cell.get("src_lang") or src_lang
        tl = text_cols[1] if langs else cell.get("tgt_lang") or tgt_lang
        if not sl or not tl:
            raise InputError(f"{name}: line {line}: no source/target language (give --from and --to)")
        if cell.get("fuzzy", "").lower() in ("true", "1", "yes"):
            counts["fuzzy"] += 1
        elif not cell.get(text_cols[0]) or not cell.get(text_cols[1]):
            counts["empty"] += 1
        else:
            props = {"x-note": cell["note"]} if cell.get("note") else {}
            units.append(TmxUnit({sl: cell.get(text_cols[0], ""), tl: cell[text_cols[1]]}, props=props))
    if log is not None:
        for what, n in counts.items():
            if n:
                log.note(f"skipped {n} row(s): {'marked fuzzy (needs editing)' if what == 'fuzzy' else 'an empty text'}")
    return PairsFile(units, src_lang=src_lang, tgt_lang=tgt_lang)


def _layout(rows: list, columns: str | None, name: str, log) -> tuple[list[str], list]:
    """The field of each column, and the data rows (a header row dropped)."""
    header = rows[0][1] if rows else []
    known = [_HEADER_NAMES.get(h.strip().lower()) for h in header]
    has_header = bool(header) and "source" in known and "target" in known
    if columns:
        fields = [c.strip().lower() if c.strip().lower() in _FIELDS else c.strip() for c in columns.split(",")]
        for f in fields:
            if f not in _FIELDS and not _LANG_CODE.fullmatch(f):
                raise InputError(f"--columns: {f!r} is not one of {', '.join(_FIELDS)} or a language code")
        return fields, rows[1:] if has_header else rows
    if has_header:
        unknown = [h for h, k in zip(header, known) if k is None]
        if unknown and log is not None:
            log.note(f"ignored columns {', '.join(unknown)} (not a known column; map them with --columns)")
        return [k or "-" for k in known], rows[1:]
    return ["source", "target", "note"], rows


def write_pairs(pairs: PairsFile, **_options) -> str:
    """Our CSV columns (``src_lang, tgt_lang, source, target, …``)."""
    rows = [PairRow(src, tgt, u.segments[src], u.segments[tgt])
            for u in pairs.units for src, tgt in [_two_languages(u, pairs.src_lang)] if tgt]
    return format_csv_pairs(rows)


def write_tsv_pairs(pairs: PairsFile, **_options) -> str:
    """Two columns, source and target, no header (OmegaT and translate-toolkit read every line
    as an entry)."""
    lines = ["\t".join(re.sub(r"[\t\r\n]+", " ", u.segments[lang]) for lang in (src, tgt)) + "\n"
             for u in pairs.units for src, tgt in [_two_languages(u, pairs.src_lang)] if tgt]
    return "".join(lines)


def _two_languages(unit: TmxUnit, src_lang: str | None) -> tuple[str, str | None]:
    langs = list(unit.segments)
    src = src_lang if src_lang in unit.segments else langs[0]
    return src, next((lang for lang in langs if lang != src), None)
