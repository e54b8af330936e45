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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic

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
