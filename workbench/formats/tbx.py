"""TBX (ISO 30042) import and export: TBX-Basic (v3, DCA style) and TBX v2 (``martif``).

Export writes one ``conceptEntry`` per concept with its subject field,
definition and note, one ``langSec`` per language and one ``termSec`` per term
with ``partOfSpeech``, ``grammaticalGender``, ``administrativeStatus`` and the
term's note; only values TBX-Basic's Schematron permits. Explicit variants are
``termSec``s of ``termType`` ``variant`` right after their term. What the model
holds and TBX-Basic has no value for (proper names, the forbidden status, case
sensitivity, the gloss, the concept status and version) is written as
``<note>workbench:key=value</note>``; other tools keep them as notes, and export
-> import -> export gives the same file. Terms of a draft concept (accepted
candidates nobody approved yet) go out as admitted, not preferred. The v2
dialect (``martif``/``termEntry``/``langSet``/``tig``) is what OmegaT and
Weblate (translate-toolkit) read: neither reads v3.

Import reads both, DCA (``<termNote type="partOfSpeech">``) and DCT
(``<min:partOfSpeech>``) styles, leniently: any id (made a slug), subjects
outside ours (kept as a note, subject 'general'), the usual status values of
other tools (``standardizedTerm-admn-sts``; ``obsolete``, which Weblate treats
as forbidden…), and every data category it has no field for kept as a note. Each mapping and each kept
note is counted in the ``ReadLog``; nothing is dropped silently.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from workbench.errors import FormatError, InputError
from workbench.files import read_bytes, write_text_atomic
from workbench.formats.base import ReadLog
from workbench.formats.xmlsafe import local, parse_xml_lines
from workbench.glossary.model import Glossary, Term

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
               "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
NOTE_PREFIX = "workbench:"
# element names of the two dialects: (entry, language section, term section, root, header)
_V3 = ("conceptEntry", "langSec", "termSec")
_V2 = ("termEntry", "langSet", "tig")


# ---------------------------------------------------------------- writing

def dumps_tbx(glossary: Glossary, title: str = "Shared glossary of political terms", dialect: str = "v3",
              src_lang: str = "en", tgt_lang: str | None = None) -> str:
    """The glossary as TBX, ``src_lang`` the file's language (the root's ``xml:lang``). In v2,
    ``src_lang``'s terms come first in each entry and ``tgt_lang``'s second: translate-toolkit
    (Weblate, Pootle) reads v2 as bilingual and, unless its caller names the languages, takes an
    entry's first ``langSet`` as the source and the second as the target (it does not read the
    root's ``xml:lang``; it writes its source language there). The other languages follow."""
    if dialect not in ("v3", "v2"):
        raise InputError(f"TBX dialect must be v3 (TBX-Basic) or v2 (martif), not {dialect!r}")
    names = _V3 if dialect == "v3" else _V2
    out = [_header(title, dialect, src_lang)]
    for c in glossary.concepts:
        out.append(f"      <{names[0]} id={quoteattr(_xml_id(c.id))}>\n")
        out.append(f'        <descrip type="subjectField">{escape(c.subject)}</descrip>\n')
        if c.definition:
            out.append(f'        <descrip type="definition">{escape(c.definition)}</descrip>\n')
        if c.note:
            out.append(f"        <note>{escape(c.note)}</note>\n")
        out.append(f"        <note>{NOTE_PREFIX}status={escape(c.status)}</note>\n")
        out.append(f"        <note>{NOTE_PREFIX}version={c.version}</note>\n")
        for lang in _languages(c, (src_lang, tgt_lang) if dialect == "v2" else ()):
            out.append(f"        <{names[1]} xml:lang={quoteattr(lang)}>\n")
            for t in sorted(c.terms_in(lang), key=Term.sort_key):
                out.extend(_term_sec(t, c.status == "draft", names[2]))
                for v in t.variants:
                    out.append(f"          <{names[2]}>\n            <term>{escape(v)}</term>\n"
                               f'            <termNote type="termType">variant</termNote>\n          </{names[2]}>\n')
            out.append(f"        </{names[1]}>\n")
        out.append(f"      </{names[0]}>\n")
    out.append("    </body>\n  </text>\n" + ("</tbx>\n" if dialect == "v3" else "</martif>\n"))
    return "".join(out)


def _languages(concept, first: tuple) -> list[str]:
    order = [x for x in first if x]
    return sorted(concept.languages, key=lambda lang: (order.index(lang) if lang in order else len(order), lang))


def _header(title: str, dialect: str, lang: str = "en") -> str:
    desc = ("        <p>Exported by the workbench; workbench:key=value notes hold properties TBX-Basic has "
            "no data category for.</p>\n")
    if dialect == "v2":
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang={quoteattr(lang)}>\n'
                "  <martifHeader>\n    <fileDesc>\n      <titleStmt>\n"
                f"        <title>{escape(title)}</title>\n      </titleStmt>\n      <sourceDesc>\n{desc}"
                "      </sourceDesc>\n    </fileDesc>\n  </martifHeader>\n  <text>\n    <body>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<tbx style="dca" type="TBX-Basic" xml:lang={quoteattr(lang)} xmlns="{TBX_NS}">\n'
            "  <tbxHeader>\n    <fileDesc>\n      <titleStmt>\n"
            f"        <title>{escape(title)}</title>\n      </titleStmt>\n      <sourceDesc>\n{desc}"
            "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n")


def _term_sec(t: Term, draft: bool, tag: str) -> list[str]:
    pos = {"phrase": "other", "properNoun": "noun"}.get(t.pos, t.pos)   # TBX-Basic has no properNoun
    status = "admitted" if draft and t.status == "preferred" else t.status
    lines = [f"          <{tag}>\n", f"            <term>{escape(t.text)}</term>\n",
             f'            <termNote type="partOfSpeech">{pos}</termNote>\n']
    if t.pos == "phrase":
        lines.append('            <termNote type="termType">phrase</termNote>\n')
    if t.gender:
        lines.append(f'            <termNote type="grammaticalGender">{escape(t.gender)}</termNote>\n')
    lines.append(f'            <termNote type="administrativeStatus">{_STATUS_OUT[status]}</termNote>\n')
    if t.note:
        lines.append(f"            <note>{escape(t.note)}</note>\n")
    extras = [f"status={t.status}"] if t.status != status or t.status == "forbidden" else []
    extras += ["pos=properNoun"] if t.pos == "properNoun" else []
    extras += ["proper_name=true"] if t.proper_name else []
    extras += ["case_sensitive=true"] if t.case_sensitive else []
    extras += [f"gloss={t.gloss}"] if t.gloss else []
    lines.extend(f"            <note>{NOTE_PREFIX}{escape(x)}</note>\n" for x in extras)
    lines.append(f"          </{tag}>\n")
    return lines


def write_glossary(glossary: Glossary, *, dialect: str = "v3", src_lang: str | None = None,
                   tgt_lang: str | None = None, **_options) -> str:
    return dumps_tbx(glossary, dialect=dialect or "v3", src_lang=src_lang or "en", tgt_lang=tgt_lang)


def write_tbx(glossary: Glossary, path: str | os.PathLike, dialect: str = "v3") -> Path:
    return write_text_atomic(Path(path), dumps_tbx(glossary, dialect=dialect))


def _xml_id(concept_id: str) -> str:
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


# ---------------------------------------------------------------- reading

def read_tbx(path: str | os.PathLike, log: ReadLog | None = None) -> Glossary:
    return loads_tbx(read_bytes(path, "TBX file"), name=str(path), log=log)


def read_glossary(data: bytes, name: str, log: ReadLog | None = None, **_options) -> Glossary:
    return loads_tbx(data, name, log)


def loads_tbx(data: bytes | str, name: str = "TBX", log: ReadLog | None = None) -> Glossary:
    from workbench.formats.tbx_read import EntryReader

    if isinstance(data, str):
        data = data.encode("utf-8")
    root, lines = parse_xml_lines(data, name)
    tag = local(root.tag)
    if tag not in ("tbx", "martif"):
        raise FormatError(f"{name}: root element <{tag}> is not <tbx> (TBX v3) or <martif> (TBX v2)")
    reader = EntryReader(name, lines, log if log is not None else ReadLog())
    entries = [e for e in root.iter() if local(e.tag) in ("conceptEntry", "termEntry")]
    concepts = [c for c in (reader.concept(e, n) for n, e in enumerate(entries, start=1)) if c is not None]
    return Glossary(tuple(concepts))

