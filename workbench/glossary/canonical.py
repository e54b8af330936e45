"""The canonical glossary file: diff-friendly TOML (see glossaries/README.md).

One ``[[concept]]`` table per concept, sorted by id; its terms as
``[[concept.term]]`` tables sorted by language, status, text; keys in a fixed
order; a term key is left out when it has its default. ``dumps`` reproduces an
unchanged file byte for byte, so a change to one term changes a few lines.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.errors import FormatError, InputError
from workbench.glossary.model import Concept, Glossary, Term, validate_concept
from workbench.files import read_text, write_text_atomic

import tomllib

HEADER = "# Shared glossary of political terms. Format: see glossaries/README.md\n"
CONCEPT_KEYS = ("id", "subject", "status", "definition", "note", "version", "term")
TERM_KEYS = ("lang", "text", "status", "pos", "gender", "variants", "case_sensitive", "proper_name",
             "gloss", "note")


def load_glossary(path: str | os.PathLike) -> Glossary:
    """Read a canonical glossary file; errors name the file, concept and line."""
    return loads(read_text(path, "glossary file"), name=str(path))


def loads(text: str, name: str = "glossary") -> Glossary:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"{name}: {exc}") from None
    except RecursionError:   # tomllib parses nested arrays and inline tables recursively
        raise FormatError(f"{name}: line {_deep_line(text)}: arrays or inline tables nested too deeply; "
                          "refused (a glossary nests two levels)") from None
    unknown = set(data) - {"concept"}
    if unknown:
        raise FormatError(f"{name}: unknown top-level key {sorted(unknown)[0]!r} (expected [[concept]] tables)")
    lines = _table_lines(text)
    concepts, seen = [], set()
    for n, raw in enumerate(data.get("concept", [])):
        where = f"{name}: line {lines[n] if n < len(lines) else '?'}: concept {raw.get('id', n + 1)!r}"
        concept = _concept(raw, where)
        if concept.id in seen:
            raise FormatError(f"{where}: the id appears twice")
        seen.add(concept.id)
        concepts.append(concept)
    return Glossary(tuple(concepts))


def _deep_line(text: str, limit: int = 100) -> int | str:
    """The line where brackets and braces first nest ``limit`` deep (strings not parsed: a hint)."""
    depth = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        for ch in line:
            depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
            if depth >= limit:
                return lineno
    return "?"


def _table_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[concept]]"]


def _concept(raw: dict, where: str) -> Concept:
    _no_unknown(raw, CONCEPT_KEYS, where)
    for key in ("id", "subject"):
        if key not in raw:
            raise FormatError(f"{where}: missing key '{key}'")
    terms = []
    for n, t in enumerate(raw.get("term", []), start=1):
        twhere = f"{where}: term {n}"
        _no_unknown(t, TERM_KEYS, twhere)
        for key in ("lang", "text"):
            if key not in t:
                raise FormatError(f"{twhere}: missing key '{key}'")
        variants = t.get("variants", [])
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise FormatError(f"{twhere}: variants must be a list of strings")
        terms.append(Term(lang=_str(t, "lang", twhere), text=_str(t, "text", twhere),
                          status=_str(t, "status", twhere, "preferred"), pos=_str(t, "pos", twhere, "noun"),
                          gender=t.get("gender"), variants=tuple(variants),
                          case_sensitive=_bool(t, "case_sensitive", twhere),
                          proper_name=_bool(t, "proper_name", twhere), gloss=_str(t, "gloss", twhere, ""),
                          note=_str(t, "note", twhere, "")))
    version = raw.get("version", 1)
    concept = Concept(id=_str(raw, "id", where), subject=_str(raw, "subject", where),
                      status=_str(raw, "status", where, "draft"), definition=_str(raw, "definition", where, ""),
                      note=_str(raw, "note", where, ""), version=version, terms=tuple(terms))
    try:
        validate_concept(concept, where)
    except InputError as exc:
        raise FormatError(str(exc)) from None
    return concept.normalized()


def _no_unknown(raw: dict, allowed: tuple, where: str) -> None:
    for key in raw:
        if key not in allowed:
            raise FormatError(f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})")


def _str(raw: dict, key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise FormatError(f"{where}: {key} must be a string, not {value!r}")
    return value


def _bool(raw: dict, key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise FormatError(f"{where}: {key} must be true or false, not {value!r}")
    return value


# ---------------------------------------------------------------- writing

def dumps(glossary: Glossary) -> str:
    out = [HEADER]
    for concept in glossary.concepts:
        out.append("[[concept]]\n")
        out.append(f"id = {_q(concept.id)}\n")
        out.append(f"subject = {_q(concept.subject)}\n")
        out.append(f"status = {_q(concept.status)}\n")
        out.append(f"definition = {_q(concept.definition)}\n")
        out.append(f"note = {_q(concept.note)}\n")
        out.append(f"version = {int(concept.version)}\n")
        for term in sorted(concept.terms, key=Term.sort_key):
            out.append("\n[[concept.term]]\n")
            out.extend(_term_lines(term))
        out.append("\n")
    text = "".join(out)
    return text[:-1] if text.endswith("\n\n") else text


def _term_lines(t: Term) -> list[str]:
    lines = [f"lang = {_q(t.lang)}\n", f"text = {_q(t.text)}\n"]
    if t.status != "preferred":
        lines.append(f"status = {_q(t.status)}\n")
    if t.pos != "noun":
        lines.append(f"pos = {_q(t.pos)}\n")
    if t.gender:
        lines.append(f"gender = {_q(t.gender)}\n")
    if t.variants:
        lines.append(f"variants = [{', '.join(_q(v) for v in t.variants)}]\n")
    if t.case_sensitive:
        lines.append("case_sensitive = true\n")
    if t.proper_name:
        lines.append("proper_name = true\n")
    if t.gloss:
        lines.append(f"gloss = {_q(t.gloss)}\n")
    if t.note:
        lines.append(f"note = {_q(t.note)}\n")
    return lines


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _q(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def write_glossary(glossary: Glossary, path: str | os.PathLike) -> Path:
    """Write the canonical file atomically (temporary file, then rename)."""
    path = Path(path)
    text = dumps(glossary)
    return write_text_atomic(path, text)
