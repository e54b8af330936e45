"""TBX (ISO 30042, TBX v3 "TBX-Basic" dialect, DCA style) import and export.

Export writes one ``conceptEntry`` per concept with its subject field,
definition and note, one ``langSec`` per language and one ``termSec`` per
term with ``partOfSpeech`` (proper names carry ``properNoun``),
``grammaticalGender``, ``administrativeStatus`` and the term's note. Explicit
variants are ``termSec``s of ``termType`` ``variant`` right after their term.
What the model holds and TBX-Basic has no data category for (the forbidden
status, case sensitivity, the proper-name flag, the gloss, the concept status
and version) is written as ``<note>`` elements of the form
``workbench:key=value``; other tools keep them as notes, and export → import
→ export gives the same file.

Import also reads TBX v2 (``martif``/``termEntry``/``langSet``/``tig``).
Parsing uses defusedxml: entity declarations and external entities are
refused. Errors name the element (concept id, language, term number).
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from workbench.errors import FormatError, InputError
from workbench.glossary.model import PARTS_OF_SPEECH, Concept, Glossary, Term, validate_concept
from workbench.files import read_bytes, write_text_atomic

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_OUT = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
               "deprecated": "deprecatedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_STATUS_IN = {"preferredterm-admn-sts": "preferred", "admittedterm-admn-sts": "admitted",
              "deprecatedterm-admn-sts": "deprecated", "supersededterm-admn-sts": "deprecated",
              "preferredterm": "preferred", "admittedterm": "admitted", "deprecatedterm": "deprecated",
              "supersededterm": "deprecated", "preferred": "preferred", "admitted": "admitted",
              "deprecated": "deprecated", "forbidden": "forbidden"}
_PREFIX = "workbench:"


# ---------------------------------------------------------------- writing

def dumps_tbx(glossary: Glossary, title: str = "Shared glossary of political terms") -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="{TBX_NS}">\n',
           "  <tbxHeader>\n    <fileDesc>\n      <titleStmt>\n",
           f"        <title>{escape(title)}</title>\n",
           "      </titleStmt>\n      <sourceDesc>\n",
           "        <p>Exported by the workbench; workbench:key=value notes hold properties TBX-Basic has "
           "no data category for.</p>\n",
           "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n"]
    for c in glossary.concepts:
        out.append(f"      <conceptEntry id={quoteattr(_xml_id(c.id))}>\n")
        out.append(f'        <descrip type="subjectField">{escape(c.subject)}</descrip>\n')
        if c.definition:
            out.append(f'        <descrip type="definition">{escape(c.definition)}</descrip>\n')
        if c.note:
            out.append(f"        <note>{escape(c.note)}</note>\n")
        out.append(f"        <note>{_PREFIX}status={escape(c.status)}</note>\n")
        out.append(f"        <note>{_PREFIX}version={c.version}</note>\n")
        for lang in c.languages:
            out.append(f"        <langSec xml:lang={quoteattr(lang)}>\n")
            for t in sorted(c.terms_in(lang), key=Term.sort_key):
                out.extend(_term_sec(t))
                for v in t.variants:
                    out.append("          <termSec>\n")
                    out.append(f"            <term>{escape(v)}</term>\n")
                    out.append('            <termNote type="termType">variant</termNote>\n')
                    out.append("          </termSec>\n")
            out.append("        </langSec>\n")
        out.append("      </conceptEntry>\n")
    out.append("    </body>\n  </text>\n</tbx>\n")
    return "".join(out)


def _term_sec(t: Term) -> list[str]:
    pos = "other" if t.pos == "phrase" else t.pos
    lines = ["          <termSec>\n", f"            <term>{escape(t.text)}</term>\n",
             f'            <termNote type="partOfSpeech">{pos}</termNote>\n']
    if t.pos == "phrase":
        lines.append('            <termNote type="termType">phrase</termNote>\n')
    if t.gender:
        lines.append(f'            <termNote type="grammaticalGender">{escape(t.gender)}</termNote>\n')
    lines.append(f'            <termNote type="administrativeStatus">{_STATUS_OUT[t.status]}</termNote>\n')
    if t.note:
        lines.append(f"            <note>{escape(t.note)}</note>\n")
    extras = []
    if t.status == "forbidden":
        extras.append("status=forbidden")
    if t.proper_name:
        extras.append("proper_name=true")
    if t.case_sensitive:
        extras.append("case_sensitive=true")
    if t.gloss:
        extras.append(f"gloss={t.gloss}")
    lines.extend(f"            <note>{_PREFIX}{escape(x)}</note>\n" for x in extras)
    lines.append("          </termSec>\n")
    return lines


def write_tbx(glossary: Glossary, path: str | os.PathLike) -> Path:
    path = Path(path)
    text = dumps_tbx(glossary)
    return write_text_atomic(path, text)


# ---------------------------------------------------------------- reading

def read_tbx(path: str | os.PathLike) -> Glossary:
    return loads_tbx(read_bytes(path, "TBX file"), name=str(path))


def loads_tbx(data: bytes | str, name: str = "TBX") -> Glossary:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
    from xml.etree.ElementTree import ParseError

    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise FormatError(f"{name}: refused: the file declares an external entity {exc.name!r} "
                              f"({exc.sysid or exc.pubid}); external entities are not allowed") from None
        raise FormatError(f"{name}: refused: the file declares XML entities ({exc.name!r}); entity expansion "
                          "is not allowed (it can be used to exhaust memory, e.g. 'billion laughs')") from None
    except ExternalReferenceForbidden as exc:
        raise FormatError(f"{name}: refused: the file refers to an external entity or document "
                          f"({exc.sysid or exc.pubid!r}); external references are not allowed") from None
    except (DTDForbidden, DefusedXmlException) as exc:
        raise FormatError(f"{name}: refused: {exc}") from None
    except ParseError as exc:
        line, col = exc.position
        raise FormatError(f"{name}: line {line}, column {col}: not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    tag = _local(root.tag)
    if tag not in ("tbx", "martif"):
        raise FormatError(f"{name}: root element <{tag}> is not <tbx> (TBX v3) or <martif> (TBX v2)")
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    concepts, seen = [], set()
    for n, entry in enumerate(entries, start=1):
        concept = _concept(entry, f"{name}: <{_local(entry.tag)}> {n}")
        if concept.id in seen:
            raise FormatError(f"{name}: <{_local(entry.tag)}> {n}: id '{concept.id}' appears twice")
        seen.add(concept.id)
        concepts.append(concept)
    return Glossary(tuple(concepts))


def _concept(entry, where: str) -> Concept:
    from workbench.glossary.model import slugify

    cid = entry.get("id") or ""
    if cid.startswith("_") and cid[1:2].isdigit():
        cid = cid[1:]          # written as '_1905-revolution': an XML id cannot start with a digit
    where = f"{where} id '{cid}'" if cid else where
    fields = {"subject": "", "definition": "", "status": "approved", "version": 1}
    notes, terms = [], []
    for child in entry:
        tag = _local(child.tag)
        if tag == "descrip" and child.get("type") in ("subjectField", "definition"):
            fields["subject" if child.get("type") == "subjectField" else "definition"] = _text(child)
        elif tag == "note":
            key, value = _wb_note(child)
            if key == "status":
                fields["status"] = value
            elif key == "version":
                try:
                    fields["version"] = int(value)
                except ValueError:
                    raise FormatError(f"{where}: <note> version {value!r} is not a number") from None
            else:
                notes.append(_text(child))
        elif tag in ("langSec", "langSet"):
            lang = child.get(XML_LANG) or child.get("lang")
            if not lang:
                raise FormatError(f"{where}: <{tag}> without xml:lang")
            terms.extend(_terms(child, lang, f"{where}: <{tag} xml:lang='{lang}'>"))
    if not terms:
        raise FormatError(f"{where}: no terms")
    if not cid:
        cid = slugify(terms[0].text)
    concept = Concept(id=cid, subject=fields["subject"] or "history", status=fields["status"],
                      definition=fields["definition"], note="\n".join(notes), version=fields["version"],
                      terms=tuple(terms))
    try:
        validate_concept(concept, where)
    except InputError as exc:
        raise FormatError(str(exc)) from None
    return concept.normalized()


def _terms(lang_sec, lang: str, where: str) -> list[Term]:
    out: list[dict] = []
    for n, sec in enumerate((s for s in lang_sec if _local(s.tag) in ("termSec", "tig", "ntig")), start=1):
        twhere = f"{where} <{_local(sec.tag)}> {n}"
        term = {"lang": lang, "text": None, "status": "preferred", "pos": "noun", "gender": None, "variants": [],
                "case_sensitive": False, "proper_name": False, "gloss": "", "note": [], "type": None}
        for el in sec.iter():
            tag = _local(el.tag)
            if tag == "term":
                term["text"] = _text(el).strip()
            elif tag == "termNote":
                kind, value = el.get("type"), _text(el).strip()
                if kind == "partOfSpeech":
                    if value not in PARTS_OF_SPEECH and value != "other":
                        raise FormatError(f"{twhere}: partOfSpeech {value!r} is not one of "
                                          f"{', '.join(PARTS_OF_SPEECH)}, other")
                    term["pos"] = "phrase" if value == "other" else value
                elif kind == "grammaticalGender":
                    term["gender"] = None if value == "other" else value
                elif kind in ("administrativeStatus", "normativeAuthorization"):
                    status = _STATUS_IN.get(value.lower())
                    if status is None:
                        raise FormatError(f"{twhere}: administrativeStatus {value!r} is not known")
                    if term["status"] != "forbidden":
                        term["status"] = status
                elif kind == "termType":
                    term["type"] = value
            elif tag == "note":
                key, value = _wb_note(el)
                if key == "status" and value == "forbidden":
                    term["status"] = "forbidden"
                elif key in ("proper_name", "case_sensitive"):
                    term[key] = value == "true"
                elif key == "gloss":
                    term["gloss"] = value
                else:
                    term["note"].append(_text(el))
        if not term["text"]:
            raise FormatError(f"{twhere}: no <term> text")
        if term["type"] == "variant" and out:
            out[-1]["variants"].append(term["text"])
            continue
        if term["type"] == "phrase":
            term["pos"] = "phrase"
        out.append(term)
    return [Term(lang=t["lang"], text=t["text"], status=t["status"], pos=t["pos"], gender=t["gender"],
                 variants=tuple(t["variants"]), case_sensitive=t["case_sensitive"], proper_name=t["proper_name"],
                 gloss=t["gloss"], note="\n".join(t["note"])) for t in out]


def _xml_id(concept_id: str) -> str:
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


def _wb_note(el) -> tuple[str | None, str]:
    text = _text(el)
    if text.startswith(_PREFIX) and "=" in text:
        key, _, value = text[len(_PREFIX):].partition("=")
        return key.strip(), value
    return None, text


def _text(el) -> str:
    return "".join(el.itertext())


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
