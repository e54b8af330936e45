"""XLIFF 2.0 bilingual files for review in CAT tools (OmegaT, Okapi, Weblate…).

One ``<unit>`` per paragraph, one ``<segment>`` per sentence, the text between
sentences kept as ``<ignorable>`` so the paragraph can be rebuilt exactly.
Notes carry the origin of the target (MT engine or TM) and glossary findings.
The output is deterministic (no timestamps): the same job writes the same bytes.
Reading uses defusedxml (no entity expansion).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import IO, Iterable

from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic

NS = "urn:oasis:names:tc:xliff:document:2.0"
STATES = ("initial", "translated", "reviewed", "final")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class XliffSegment:
    id: str
    source: str
    target: str | None = None
    state: str = "translated"
    notes: tuple[tuple[str, str], ...] = ()     # (category, text)


@dataclass(frozen=True)
class XliffUnit:
    id: str
    parts: tuple[XliffSegment | str, ...]       # segments and the ignorable text between them
    name: str | None = None


@dataclass(frozen=True)
class XliffFile:
    src_lang: str
    tgt_lang: str
    original: str
    units: tuple[XliffUnit, ...] = field(default=())
    notes: tuple[tuple[str, str], ...] = ()     # file-level (category, text), e.g. the MT engine


def render_xliff(doc: XliffFile) -> str:
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n',
                      f'<xliff xmlns="{NS}" version="2.0" srcLang={_attr(doc.src_lang)} '
                      f'trgLang={_attr(doc.tgt_lang)}>\n',
                      f'  <file id="f1" original={_attr(_clean(doc.original))}>\n']
    write = out.append
    if doc.notes:
        write("    <notes>\n")
        for k, (category, text) in enumerate(doc.notes, start=1):
            write(f"      <note category={_attr(category)} id=\"f{k}\">{_text_xml(text)}</note>\n")
        write("    </notes>\n")
    for unit in doc.units:
        name = f" name={_attr(_clean(unit.name))}" if unit.name else ""
        write(f"    <unit id={_attr(unit.id)}{name}>\n")
        notes = [(seg.id, c, t) for seg in unit.parts if isinstance(seg, XliffSegment) for c, t in seg.notes]
        if notes:
            write("      <notes>\n")
            for k, (seg_id, category, text) in enumerate(notes, start=1):  # ids unique in the unit
                write(f"        <note category={_attr(category)} appliesTo=\"target\" "
                      f"id={_attr(f'{seg_id}-n{k}')}>{_text_xml(text)}</note>\n")
            write("      </notes>\n")
        for part in unit.parts:
            if isinstance(part, str):
                if part:
                    write(f"      <ignorable><source xml:space=\"preserve\">{_text_xml(part)}"
                          "</source></ignorable>\n")
                continue
            if part.state not in STATES:
                raise InputError(f"XLIFF segment {part.id}: state {part.state!r} is not one of {STATES}")
            if part.target is None:
                write(f"      <segment id={_attr(part.id)}>\n"
                      f"        <source xml:space=\"preserve\">{_text_xml(part.source)}</source>\n"
                      "      </segment>\n")
            else:
                write(f"      <segment id={_attr(part.id)} state={_attr(part.state)}>\n"
                      f"        <source xml:space=\"preserve\">{_text_xml(part.source)}</source>\n"
                      f"        <target xml:space=\"preserve\">{_text_xml(part.target)}</target>\n"
                      "      </segment>\n")
        write("    </unit>\n")
    write("  </file>\n</xliff>\n")
    return "".join(out)


def write_xliff(doc: XliffFile, path_or_file: str | os.PathLike | IO[str]) -> None:
    text = render_xliff(doc)
    if hasattr(path_or_file, "write"):
        path_or_file.write(text)
        return
    write_text_atomic(path_or_file, text)


def read_xliff(path: str | os.PathLike) -> XliffFile:
    from defusedxml import ElementTree as ET

    name = str(path)
    try:
        root = ET.parse(name).getroot()
    except ET.ParseError as exc:
        raise FormatError(f"{name}: line {exc.position[0]}: not well-formed XML ({exc.msg})") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    except Exception as exc:  # defusedxml refusals (entities, DTDs)
        raise FormatError(f"{name}: refused: {exc}") from None
    if root.tag != f"{{{NS}}}xliff" or root.get("version") != "2.0":
        raise FormatError(f"{name}: not an XLIFF 2.0 document (root {root.tag!r})")
    src, tgt = root.get("srcLang"), root.get("trgLang")
    if not src:
        raise FormatError(f"{name}: the xliff element has no srcLang")
    file_el = root.find(f"{{{NS}}}file")
    original = file_el.get("original", "") if file_el is not None else ""
    file_notes = file_el.find(f"{{{NS}}}notes") if file_el is not None else None
    top_notes = tuple((n.get("category", ""), n.text or "") for n in file_notes) if file_notes is not None else ()
    units = []
    for unit in root.iter(f"{{{NS}}}unit"):
        notes: dict[str, list[tuple[str, str]]] = {}
        unit_notes = unit.find(f"{{{NS}}}notes")
        for note in (unit_notes if unit_notes is not None else ()):
            seg_id = (note.get("id") or "").rsplit("-n", 1)[0]  # written as <segment id>-n<k>
            notes.setdefault(seg_id, []).append((note.get("category", ""), note.text or ""))
        parts: list[XliffSegment | str] = []
        for child in unit:
            tag = child.tag.split("}")[-1]
            source = child.find(f"{{{NS}}}source")
            if tag == "ignorable":
                parts.append(_text(source))
            elif tag == "segment":
                if source is None:
                    raise FormatError(f"{name}: unit {unit.get('id')}: a segment without source")
                target = child.find(f"{{{NS}}}target")
                parts.append(XliffSegment(child.get("id", ""), _text(source),
                                          None if target is None else _text(target),
                                          child.get("state", "initial"), tuple(notes.get(child.get("id", ""), ()))))
        units.append(XliffUnit(unit.get("id", ""), tuple(parts), unit.get("name")))
    return XliffFile(src, tgt or "", original, tuple(units), top_notes)


def _text(el) -> str:
    return "" if el is None else "".join(el.itertext())


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


# The same escaping as xml.sax.saxutils.escape and quoteattr, inlined: a job's file escapes
# thousands of short strings, and the library functions' call overhead was most of the cost.

def _text_xml(text: str) -> str:
    """Element text: characters XML cannot hold dropped, then escaped as ``escape`` does."""
    return _INVALID_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """An attribute value with its quotes, as ``quoteattr`` writes it."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\n" in value or "\r" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in value:
        if "'" in value:
            return '"%s"' % value.replace('"', "&quot;")
        return "'%s'" % value
    return '"%s"' % value


def segments_of(doc: XliffFile) -> Iterable[XliffSegment]:
    for unit in doc.units:
        for part in unit.parts:
            if isinstance(part, XliffSegment):
                yield part
