"""XLIFF bilingual files for review in CAT tools (OmegaT, Okapi, Weblate…): 2.0 and 1.2.

One ``<unit>`` per paragraph, one ``<segment>`` per sentence, the text between
sentences kept as ``<ignorable>`` so the paragraph can be rebuilt exactly.
Notes carry the origin of the target (MT engine or TM) and glossary findings.
The output is deterministic (no timestamps): the same job writes the same bytes.
Reading takes XLIFF 1.2 and 2.x (the safe XML parser, ``xmlsafe``); XLIFF 1.2
output puts each segment's notes inside its ``trans-unit``, where translate-toolkit
reads them (its XLIFF 2 reader looks for notes inside ``<segment>``, which the 2.0
schema does not allow, so 2.0 output keeps them on the unit).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import IO, Iterable

from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic
from workbench.formats.base import PairsFile
from workbench.formats.tmx import TmxUnit
from workbench.formats.xmlsafe import child, children, inline_text, local, parse_xml, text_of

NS = "urn:oasis:names:tc:xliff:document:2.0"
NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
# inline codes of both versions: 2.x pc/sc/ec/ph, 1.2 g/bx/ex/x/ph/bpt/ept/it
_CODES = {"pc": "wrap", "g": "wrap", "sc": "open", "bx": "open", "bpt": "open", "ec": "close", "ex": "close",
          "ept": "close", "ph": "alone", "x": "alone", "it": "alone"}
_STATE_12 = {"new": "initial", "needs-translation": "initial", "needs-adaptation": "initial",
             "needs-l10n": "initial", "needs-review-translation": "translated", "translated": "translated",
             "signed-off": "reviewed", "final": "final"}
_STATE_OUT_12 = {"initial": "needs-translation", "translated": "translated", "reviewed": "signed-off",
                 "final": "final"}
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
    from workbench.files import read_bytes

    return loads_xliff(read_bytes(path, "XLIFF file"), str(path))


def loads_xliff(data: bytes, name: str) -> XliffFile:
    """An XLIFF 1.2 or 2.x file (the root's ``version`` decides); inline codes become
    placeholders like ``{1}``…``{/1}``."""
    root = parse_xml(data, name)
    namespace = root.tag[1:].split("}")[0] if str(root.tag).startswith("{") else ""
    # the version attribute, else the namespace's (XLIFF 1.0/1.1 files often omit it)
    version = root.get("version") or namespace.rsplit(":", 1)[-1]
    if local(root.tag) != "xliff" or version[:1] not in ("1", "2"):
        raise FormatError(f"{name}: not an XLIFF 1.2 or 2.x document (root <{local(root.tag)}> "
                          f"version {version or 'none'})")
    if version.startswith("1"):
        return _read_12(root, name)
    src, tgt = root.get("srcLang"), root.get("trgLang")
    if not src:
        raise FormatError(f"{name}: the xliff element has no srcLang")
    files = children(root, "file")
    top_notes = tuple(_notes(child(files[0], "notes"))) if files else ()
    units = tuple(_unit_2(unit, f"{name}: unit {unit.get('id')}") for f in files for unit in f.iter()
                  if local(unit.tag) == "unit")
    return XliffFile(src, tgt or "", files[0].get("original", "") if files else "", units, top_notes)


def _unit_2(unit, where: str) -> XliffUnit:
    notes: dict[str, list[tuple[str, str]]] = {}
    for category, text, note_id in _notes(child(unit, "notes"), with_id=True):
        seg_id = note_id.rsplit("-n", 1)[0]  # ours are written as <segment id>-n<k>; others: the unit
        notes.setdefault(seg_id, []).append((category, text))
    segment_ids = {s.get("id", "") for s in children(unit, "segment")}
    unit_notes = [n for key, found in notes.items() if key not in segment_ids for n in found]
    parts: list[XliffSegment | str] = []
    for el in unit:
        tag, source = local(el.tag), child(el, "source")
        if tag == "ignorable":
            parts.append(_inline(source))
        elif tag == "segment":
            if source is None:
                raise FormatError(f"{where}: a segment without source")
            target = child(el, "target")
            first = not any(isinstance(p, XliffSegment) for p in parts)   # the unit's notes go to its first segment
            seg_notes = tuple(notes.get(el.get("id", ""), ())) + tuple(unit_notes if first else ())
            parts.append(XliffSegment(el.get("id", ""), _inline(source), None if target is None else _inline(target),
                                      el.get("state", "initial"), seg_notes))
    return XliffUnit(unit.get("id", ""), tuple(parts), unit.get("name"))


def _read_12(root, name: str) -> XliffFile:
    files = children(root, "file")
    if not files:
        raise FormatError(f"{name}: an XLIFF 1.2 document without <file>")
    src, tgt = files[0].get("source-language", ""), files[0].get("target-language", "")
    if not src:
        raise FormatError(f"{name}: <file> has no source-language")
    units = []
    for f in files:
        for tu in (el for el in f.iter() if local(el.tag) == "trans-unit"):
            source, target = child(tu, "source"), child(tu, "target")
            if source is None:
                raise FormatError(f"{name}: trans-unit {tu.get('id')}: no <source>")
            state = _STATE_12.get((target.get("state") if target is not None else None) or "", "translated")
            notes = tuple((n.get("from", ""), text_of(n)) for n in children(tu, "note"))
            seg = XliffSegment(tu.get("id", ""), _inline(source), None if target is None else _inline(target),
                               state, notes)
            units.append(XliffUnit(tu.get("id", ""), (seg,), tu.get("resname")))
    return XliffFile(src, tgt, files[0].get("original", ""), tuple(units))


def _notes(container, with_id: bool = False):
    for note in (children(container, "note") if container is not None else ()):
        yield ((note.get("category", ""), text_of(note), note.get("id") or "") if with_id
               else (note.get("category", ""), text_of(note)))


def _inline(el) -> str:
    return "" if el is None else inline_text(el, _CODES)


# ---------------------------------------------------------------- XLIFF 1.2 and the pairs verbs

def render_xliff12(doc: XliffFile) -> str:
    """XLIFF 1.2: one ``trans-unit`` per segment, its notes inside it (where translate-toolkit
    and OmegaT read them); the text between segments is not kept (1.2 has no place for it)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<xliff xmlns="{NS_12}" version="1.2">\n',
           f'  <file original={_attr(_clean(doc.original or "workbench"))} source-language={_attr(doc.src_lang)} '
           f'target-language={_attr(doc.tgt_lang)} datatype="plaintext">\n    <body>\n']
    for unit in doc.units:
        segments = [p for p in unit.parts if isinstance(p, XliffSegment)]
        for seg in segments:
            seg_id = unit.id if len(segments) == 1 else f"{unit.id}-{seg.id}"   # unique in the file
            out.append(f"      <trans-unit id={_attr(seg_id)}>\n"
                       f"        <source xml:space=\"preserve\">{_text_xml(seg.source)}</source>\n")
            if seg.target is not None:
                out.append(f"        <target xml:space=\"preserve\" state={_attr(_STATE_OUT_12[seg.state])}>"
                           f"{_text_xml(seg.target)}</target>\n")
            out.extend(f"        <note from={_attr(c)}>{_text_xml(t)}</note>\n" for c, t in seg.notes)
            out.append("      </trans-unit>\n")
    out.append("    </body>\n  </file>\n</xliff>\n")
    return "".join(out)


def read_pairs(data: bytes, name: str, log=None, keep_untranslated: bool = False, **_options) -> PairsFile:
    """The segments as pairs; ones without a translation (no target, empty, state 'initial')
    are counted in the log and left out, unless ``keep_untranslated`` (for review)."""
    doc = loads_xliff(data, name)
    if not doc.tgt_lang:
        raise FormatError(f"{name}: the file names no target language (trgLang / target-language)")
    units, untranslated = [], 0
    for seg in segments_of(doc):
        translated = bool(seg.target and seg.target.strip()) and seg.state != "initial"
        untranslated += not translated
        if not translated and not keep_untranslated:
            continue
        props = {"x-state": seg.state if translated else "initial"}
        if seg.notes:
            props["x-note"] = "\n".join(t for _, t in seg.notes)
        units.append(TmxUnit({doc.src_lang: seg.source, doc.tgt_lang: seg.target or ""}, props=props, tuid=seg.id))
    if log is not None and untranslated:
        log.note(f"{'kept' if keep_untranslated else 'skipped'} {untranslated} segment(s) without a translation "
                 "(no target, empty or state 'initial')")
    return PairsFile(units, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, original=doc.original)


def write_pairs(pairs: PairsFile, version: str = "2.0", **_options) -> str:
    src = pairs.src_lang or (next(iter(pairs.units[0].segments)) if pairs.units else "en")
    tgt = pairs.tgt_lang or next((lang for u in pairs.units for lang in u.segments if lang != src), "und")
    units = tuple(XliffUnit(f"u{n}", (XliffSegment("s1", u.text(src) or "", u.text(tgt), notes=_prop_notes(u)),))
                  for n, u in enumerate(pairs.units, start=1))
    doc = XliffFile(src, tgt, pairs.original or "workbench", units)
    return render_xliff12(doc) if version.startswith("1") else render_xliff(doc)


def _prop_notes(unit: TmxUnit) -> tuple[tuple[str, str], ...]:
    """A unit's note and origin as XLIFF notes (category, text)."""
    return tuple((key[2:], unit.props[key]) for key in ("x-note", "x-origin") if unit.props.get(key))


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
