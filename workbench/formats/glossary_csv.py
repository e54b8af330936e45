"""Glossary CSV/TSV files.

- ``.tsv``: OmegaT's glossary layout for one language pair: UTF-8, one entry
  per line, ``source<TAB>target<TAB>comment``, lines starting with ``#`` are
  comments. Export writes a row per source term and non-forbidden target term
  (the comment says when the target is only admitted or deprecated, and the
  note), and no ``#`` line (translate-toolkit would read it as an entry), so
  import needs the languages (an older file's ``# workbench glossary en → es``
  first line still gives them). Import groups rows by the ``[concept-id]`` at the end of
  the comment when there is one, else by source term: the first target is
  preferred, later ones admitted; a comment that starts with ``admitted``,
  ``deprecated`` or ``forbidden`` sets that status.
- ``.csv``: every language, one row per term with its concept's fields, so
  nothing the model holds is lost.

Files are written to a temporary file and renamed. Errors name the row.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from workbench.errors import FormatError, InputError
from workbench.files import read_bytes, write_text_atomic
from workbench.glossary.model import (TERM_STATUSES, Concept, Glossary, Term, slugify, validate_concept,
                                      validate_term)

CSV_COLUMNS = ("concept_id", "subject", "concept_status", "definition", "concept_note", "version", "lang", "text",
               "status", "pos", "gender", "variants", "case_sensitive", "proper_name", "gloss", "note")
_PAIR_HEADER = re.compile(r"^#\s*workbench glossary\s+([A-Za-z-]+)\s*(?:→|->)\s*([A-Za-z-]+)")


# ---------------------------------------------------------------- writing

def dumps_omegat(glossary: Glossary, src_lang: str, tgt_lang: str) -> str:
    lines = []   # no '# languages' line: translate-toolkit reads every line as an entry
    for c in glossary.concepts:
        targets = [t for t in sorted(c.terms_in(tgt_lang), key=Term.sort_key) if t.status != "forbidden"]
        if not targets:
            continue
        for s in sorted(c.terms_in(src_lang), key=Term.sort_key):
            if s.status == "forbidden":
                continue
            for t in targets:
                comment = []
                if t.status != "preferred":
                    comment.append(t.status)
                if t.gloss:
                    comment.append(t.gloss)
                if t.note:
                    comment.append(t.note)
                comment.append(f"[{c.id}]")
                lines.append("\t".join(_cell(x) for x in (s.text, t.text, " — ".join(comment))) + "\n")
    return "".join(lines)


def dumps_multi(glossary: Glossary) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in glossary.concepts:
        for t in sorted(c.terms, key=Term.sort_key):
            writer.writerow([c.id, c.subject, c.status, c.definition, c.note, c.version, t.lang, t.text, t.status,
                             t.pos, t.gender or "", "|".join(t.variants), _flag(t.case_sensitive),
                             _flag(t.proper_name), t.gloss, t.note])
    return buf.getvalue()


def write_csv(glossary: Glossary, path: str | os.PathLike, *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> Path:
    return write_text_atomic(path, write_glossary(glossary, name=str(path), src_lang=src_lang, tgt_lang=tgt_lang))


def write_glossary(glossary: Glossary, *, name: str = "glossary.csv", src_lang: str | None = None,
                   tgt_lang: str | None = None, **_options) -> str:
    """The glossary as ``.csv`` (every language) or, for a ``.tsv`` name, OmegaT's layout of one pair."""
    if not name.lower().endswith(".tsv"):
        return dumps_multi(glossary)
    if not (src_lang and tgt_lang):
        raise InputError(f"{name}: an OmegaT .tsv glossary is for one pair: give the source and target "
                         "languages (or export to .csv for every language)")
    return dumps_omegat(glossary, src_lang, tgt_lang)


def _cell(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text)


def _flag(value: bool) -> str:
    return "true" if value else ""


# ---------------------------------------------------------------- reading

def read_csv(path: str | os.PathLike, *, src_lang: str | None = None, tgt_lang: str | None = None) -> Glossary:
    return read_glossary(read_bytes(path, "glossary file"), str(path), src_lang=src_lang, tgt_lang=tgt_lang)


def read_glossary(data: bytes, name: str, log=None, *, src_lang: str | None = None,
                  tgt_lang: str | None = None, **_options) -> Glossary:
    from workbench.formats.base import decode_utf8

    text = decode_utf8(data, name)
    if name.lower().endswith(".tsv"):
        return loads_omegat(text, src_lang, tgt_lang, name=name)
    pairs = _pair_layout_as_omegat(text)
    if pairs is not None:
        if log is not None:
            log.note("read a source/target CSV (Weblate's or translate-toolkit's layout) as one language pair")
        return loads_omegat(pairs, src_lang, tgt_lang, name=name)
    return loads_multi(text, name=name)


def _pair_layout_as_omegat(text: str) -> str | None:
    """A CSV with ``source`` and ``target`` columns (and no ``concept_id``) as OmegaT lines,
    the header kept as a comment line so that line numbers still match."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if "concept_id" in header or not {"source", "target"} <= set(header):
        return None
    col = {h: i for i, h in enumerate(header)}
    note = next((col[c] for c in ("translator_comments", "comment", "note", "developer_comments") if c in col), None)
    lines = ["# header"]
    for row in reader:
        cells = [_cell(row[i]) if i is not None and i < len(row) else "" for i in (col["source"], col["target"], note)]
        lines.append("\t".join(cells).rstrip("\t") if any(c.strip() for c in cells) else "")
    return "\n".join(lines) + "\n"


def loads_omegat(text: str, src_lang: str | None, tgt_lang: str | None, name: str = "glossary.tsv") -> Glossary:
    first = text.split("\n", 1)[0]
    m = _PAIR_HEADER.match(first)
    if m and not (src_lang and tgt_lang):
        src_lang, tgt_lang = m.group(1), m.group(2)
    if not (src_lang and tgt_lang):
        raise InputError(f"{name}: an OmegaT glossary does not say its languages: give the source and target "
                         "languages")
    concepts: dict[str, dict] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise FormatError(f"{name}: line {lineno}: expected 'source<TAB>target[<TAB>comment]', got {line!r}")
        source, target = cells[0].strip(), cells[1].strip()
        comment = cells[2].strip() if len(cells) > 2 else ""
        cid_match = re.search(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\s*$", comment)
        if cid_match:
            comment = comment[:cid_match.start()].rstrip(" —")
        head = comment.split(" — ", 1)
        status = head[0].strip() if head[0].strip() in TERM_STATUSES else None
        note = head[1] if status and len(head) > 1 else ("" if status else comment)
        key = cid_match.group(1) if cid_match else source.lower()
        entry = concepts.setdefault(key, {"id": cid_match.group(1) if cid_match else slugify(source),
                                          "sources": [], "targets": {}})
        if source not in entry["sources"]:
            entry["sources"].append(source)
        if target not in entry["targets"]:
            entry["targets"][target] = (status or ("preferred" if not entry["targets"] else "admitted"), note)
    out, ids = [], set()
    for entry in concepts.values():
        cid = entry["id"]
        n = 2
        while cid in ids:
            cid, n = f"{entry['id']}-{n}", n + 1
        ids.add(cid)
        terms = [Term(src_lang, s) for s in entry["sources"]]
        terms += [Term(tgt_lang, t, status=s, note=note) for t, (s, note) in entry["targets"].items()
                  if src_lang != tgt_lang or t not in entry["sources"]]
        concept = Concept(id=cid, subject="history", status="draft", terms=tuple(terms)).normalized()
        try:
            validate_concept(concept, f"{name}: entry '{entry['sources'][0]}'")
        except InputError as exc:
            raise FormatError(str(exc)) from None
        out.append(concept)
    return Glossary(tuple(out))


def loads_multi(text: str, name: str = "glossary.csv") -> Glossary:
    reader = csv.reader(io.StringIO(text, newline=""))   # LF, CRLF and CR line ends
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(f"{name}: the file is empty (expected a header row)") from None
    header = [h.strip() for h in header]
    missing = [c for c in ("concept_id", "lang", "text") if c not in header]
    if missing:
        raise FormatError(f"{name}: line 1: missing column(s) {', '.join(missing)} "
                          f"(columns: {', '.join(CSV_COLUMNS)})")
    col = {h: i for i, h in enumerate(header)}
    concepts: dict[str, dict] = {}
    for row in reader:
        rowno = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def get(key: str, default: str = "") -> str:
            i = col.get(key)
            return row[i].strip() if i is not None and i < len(row) else default

        where = f"{name}: line {rowno}"
        cid = get("concept_id")
        if not cid or not get("text") or not get("lang"):
            raise FormatError(f"{where}: concept_id, lang and text must not be empty")
        version = get("version", "1") or "1"
        if not version.isdigit():
            raise FormatError(f"{where}: version {version!r} is not a number")
        entry = concepts.setdefault(cid, {"row": rowno, "subject": get("subject") or "history",
                                          "status": get("concept_status") or "draft",
                                          "definition": get("definition"), "note": get("concept_note"),
                                          "version": int(version), "terms": []})
        try:
            term = Term(lang=get("lang"), text=get("text"), status=get("status") or "preferred",
                        pos=get("pos") or "noun", gender=get("gender") or None,
                        variants=tuple(v for v in get("variants").split("|") if v.strip()),
                        case_sensitive=_bool(get("case_sensitive"), where, "case_sensitive"),
                        proper_name=_bool(get("proper_name"), where, "proper_name"), gloss=get("gloss"),
                        note=get("note"))
        except ValueError as exc:
            raise FormatError(str(exc)) from None
        entry["terms"].append((rowno, term))
    out = []
    for cid, e in concepts.items():
        concept = Concept(id=cid, subject=e["subject"], status=e["status"], definition=e["definition"],
                          note=e["note"], version=e["version"], terms=tuple(t for _, t in e["terms"]))
        try:
            for rowno, term in e["terms"]:
                validate_term(term, f"{name}: line {rowno} ({term.lang} {term.text!r})")
            validate_concept(concept, f"{name}: line {e['row']}: concept '{cid}'")
        except InputError as exc:
            raise FormatError(str(exc)) from None
        out.append(concept.normalized())
    return Glossary(tuple(out))


def _bool(value: str, where: str, key: str) -> bool:
    v = value.lower()
    if v in ("", "false", "no", "0"):
        return False
    if v in ("true", "yes", "1"):
        return True
    raise ValueError(f"{where}: {key} {value!r} is not true or false")
