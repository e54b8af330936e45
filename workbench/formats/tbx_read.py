"""Lenient reading of one TBX entry (v3 ``conceptEntry`` or v2 ``termEntry``, DCA or DCT style).

A data category is ``<descrip|termNote|admin type="X">`` (DCA) or an element
named ``X`` in a module namespace (DCT: ``<min:partOfSpeech>``). Known ones go
to the model's fields, after mapping other tools' values to ours; the others
are kept as notes ``X: value``. Every mapping and kept note is counted in the
read log, so the import summary says what happened to each kind of value.
"""

from __future__ import annotations

from workbench.errors import FormatError, InputError
from workbench.formats.base import ReadLog
from workbench.formats.tbx import NOTE_PREFIX
from workbench.formats.xmlsafe import XML_LANG, local, text_of
from workbench.glossary.model import SUBJECTS, Concept, Term, slugify, validate_concept

# other tools' values mapped to ours (keys lower case)
_STATUS_IN = {"preferredterm-admn-sts": "preferred", "admittedterm-admn-sts": "admitted",
              "deprecatedterm-admn-sts": "deprecated", "supersededterm-admn-sts": "deprecated",
              "standardizedterm-admn-sts": "preferred", "legalterm-admn-sts": "preferred",
              "regulatedterm-admn-sts": "preferred", "preferredterm": "preferred", "admittedterm": "admitted",
              "deprecatedterm": "deprecated", "supersededterm": "deprecated", "preferred": "preferred",
              "admitted": "admitted", "deprecated": "deprecated", "forbidden": "forbidden",
              "obsolete": "forbidden", "obsoleteterm-admn-sts": "deprecated", "approved": "preferred"}
_POS_IN = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb", "propernoun": "properNoun",
           "proper noun": "properNoun", "other": "phrase", "phrase": "phrase", "n": "noun", "v": "verb",
           "adj": "adjective", "adv": "adverb"}
_GENDER_IN = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter", "m": "masculine",
              "f": "feminine", "n": "neuter"}
_CATEGORY_TAGS = ("descrip", "termNote", "admin", "termCompList", "transacNote")
_GROUPS = ("descripGrp", "adminGrp", "termNoteGrp", "transacGrp", "termGrp")   # termGrp: v2 ntig
_SECTIONS = ("langSec", "langSet")
_TERM_SECTIONS = ("termSec", "tig", "ntig")
# the values TBX-Basic itself defines: reading them is no mapping worth reporting
_STANDARD = {"noun", "verb", "adjective", "adverb", "other", "masculine", "feminine", "neuter",
             "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
_TBX_NAMESPACES = ("", "urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0")


class EntryReader:
    """Reads entries of one file: keeps the ids already used, the element lines, the log."""

    def __init__(self, name: str, lines: dict[int, int], log: ReadLog):
        self.name, self.lines, self.log = name, lines, log
        self.ids: set[str] = set()

    def where(self, el, what: str) -> str:
        return f"{self.name}: line {self.lines.get(id(el), '?')}: {what}"

    def concept(self, entry, n: int) -> Concept | None:
        fields = {"subject": "", "definition": "", "status": "approved", "version": 1}
        notes: list[str] = []
        terms: list[Term] = []
        for el in _flat(entry):
            tag = local(el.tag)
            if tag in _SECTIONS:
                terms.extend(self.terms(el, notes, fields))
            elif tag == "note":
                self.concept_note(el, fields, notes)
            else:
                self.concept_category(el, fields, notes)
        where = self.where(entry, f"<{local(entry.tag)}> {n}")
        if not terms:
            self.log.note("skipped an entry without any term", example=where)
            return None
        concept = Concept(id=self.new_id(entry.get("id") or "", terms), subject=self.subject(fields["subject"], notes),
                          status=fields["status"], definition=fields["definition"], note="\n".join(notes),
                          version=fields["version"], terms=tuple(_unique(terms, self.log)))
        try:
            validate_concept(concept, where)
        except InputError as exc:
            raise FormatError(str(exc)) from None
        return concept.normalized()

    def concept_note(self, el, fields: dict, notes: list[str]) -> None:
        key, value = _wb_note(el)
        if key == "status" and value in ("draft", "approved"):
            fields["status"] = value
        elif key == "version":
            if not value.isdigit() or int(value) < 1:
                raise FormatError(self.where(el, f"<note> version {value!r} is not a number"))
            fields["version"] = int(value)
        elif text_of(el).strip():
            notes.append(text_of(el).strip())

    def concept_category(self, el, fields: dict, notes: list[str]) -> None:
        kind, value = _category(el)
        if not kind or not value:
            return
        if kind == "subjectField" and not fields["subject"]:
            fields["subject"] = value
        elif kind == "definition" and not fields["definition"]:
            fields["definition"] = value
        else:
            self.keep(kind, value, notes)

    def keep(self, kind: str, value: str, notes: list[str]) -> None:
        notes.append(f"{kind}: {value}")
        self.log.note(f"kept '{kind}' as a note (no field for it)")

    def subject(self, value: str, notes: list[str]) -> str:
        if not value:
            return "general"
        if value in SUBJECTS:
            return value
        if value.strip().lower() in SUBJECTS:
            self.log.note(f"mapped subject {value!r} to {value.strip().lower()!r}")
            return value.strip().lower()
        notes.append(f"subjectField: {value}")
        self.log.note(f"kept subject {value!r} as a note (subject set to 'general')")
        return "general"

    def new_id(self, raw: str, terms: list[Term]) -> str:
        cid = raw[1:] if raw.startswith("_") and raw[1:2].isdigit() else raw   # ours: '_1905-revolution'
        slug = slugify(cid) if cid else slugify(terms[0].text)
        if cid and slug != cid:
            self.log.note("made an id a slug", example=f"{cid!r} -> {slug!r}")
        base, k = slug, 2
        while slug in self.ids:
            slug, k = f"{base}-{k}", k + 1
        if slug != base:
            self.log.note("renamed a repeated id", example=f"{base!r} -> {slug!r}")
        self.ids.add(slug)
        return slug

    def terms(self, section, concept_notes: list[str], fields: dict) -> list[Term]:
        lang = section.get(XML_LANG) or section.get("lang")
        if not lang:
            raise FormatError(self.where(section, f"<{local(section.tag)}> without xml:lang"))
        code = lang.replace("_", "-")
        code = "-".join([code.split("-")[0].lower()] + code.split("-")[1:])
        if code != lang:
            self.log.note(f"mapped language code {lang!r} to {code!r}")
        out: list[dict] = []
        for el in _flat(section):
            tag = local(el.tag)
            if tag in _TERM_SECTIONS:
                self.term(el, code, out)
            elif tag != "note" or text_of(el).strip():
                kind, value = _category(el) if tag != "note" else ("note", text_of(el).strip())
                if kind and value:
                    self.section_category(kind, value, code, concept_notes, fields)
        return [Term(lang=code, text=t["text"], status=t["status"], pos=t["pos"], gender=t["gender"],
                     variants=tuple(t["variants"]), case_sensitive=t["case_sensitive"],
                     proper_name=t["proper_name"], gloss=t["gloss"], note="\n".join(t["note"])) for t in out]

    def section_category(self, kind: str, value: str, lang: str, notes: list[str], fields: dict) -> None:
        """A language section's own data: its definition is the concept's when the entry has none."""
        if kind == "definition" and not fields["definition"]:
            fields["definition"] = value
            self.log.note("took a language section's definition as the concept's", example=lang)
        else:
            self.keep(f"{kind} ({lang})", value, notes)

    def term(self, sec, lang: str, out: list[dict]) -> None:
        term = {"text": None, "status": "preferred", "pos": "noun", "gender": None, "variants": [],
                "case_sensitive": False, "proper_name": False, "gloss": "", "note": [], "type": None, "wb": {}}
        for el in _flat(sec):
            if local(el.tag) == "term":
                term["text"] = text_of(el).strip()
            elif local(el.tag) == "note":
                key, value = _wb_note(el)
                if key:
                    term["wb"][key] = value
                elif value.strip():
                    term["note"].append(value.strip())
            else:
                self.term_category(el, term)
        if not term["text"]:
            raise FormatError(self.where(sec, f"<{local(sec.tag)}> without <term> text"))
        _apply_workbench_notes(term)
        if term["type"] == "variant" and out:
            out[-1]["variants"].append(term["text"])
            return
        if term["type"] == "phrase":
            term["pos"] = "phrase"
        out.append(term)

    def term_category(self, el, term: dict) -> None:
        kind, value = _category(el)
        if not kind or not value:
            return
        table = {"partOfSpeech": (_POS_IN, "pos"), "grammaticalGender": (_GENDER_IN, "gender"),
                 "administrativeStatus": (_STATUS_IN, "status"), "normativeAuthorization": (_STATUS_IN, "status")}
        if kind in table:
            mapping, key = table[kind]
            mapped = mapping.get(value.lower())
            if mapped is None:
                self.keep_term(term, kind, value)
                return
            if value not in _STANDARD:
                self.log.note(f"mapped {kind} {value!r} to {mapped!r}")
            term[key] = mapped
        elif kind == "termType" and value in ("variant", "phrase"):
            term["type"] = value
        else:
            self.keep_term(term, kind, value)

    def keep_term(self, term: dict, kind: str, value: str) -> None:
        term["note"].append(f"{kind}: {value}")
        self.log.note(f"kept term '{kind}' as a note of the term (no field for it)")


def _flat(el):
    """The element's children, with the members of data-category groups in their place."""
    for c in el:
        if local(c.tag) in _GROUPS:
            yield from _flat(c)
        elif local(c.tag):
            yield c


def _category(el) -> tuple[str | None, str]:
    tag = el.tag if isinstance(el.tag, str) else ""
    ns = tag[1:].split("}")[0] if tag.startswith("{") else ""
    if local(tag) in _CATEGORY_TAGS and ns in _TBX_NAMESPACES:
        return el.get("type"), text_of(el).strip()
    if ns not in _TBX_NAMESPACES:           # DCT: <min:partOfSpeech>, <basic:definition>
        return local(tag), text_of(el).strip()
    if local(tag) in ("xref", "ref"):
        return el.get("type") or local(tag), (el.get("target") or text_of(el)).strip()
    return None, ""


def _wb_note(el) -> tuple[str | None, str]:
    text = text_of(el)
    if text.startswith(NOTE_PREFIX) and "=" in text:
        key, _, value = text[len(NOTE_PREFIX):].partition("=")
        return key.strip(), value
    return None, text


def _apply_workbench_notes(term: dict) -> None:
    wb = term.pop("wb")
    if wb.get("status") in ("preferred", "admitted", "deprecated", "forbidden"):
        term["status"] = wb["status"]
    if wb.get("pos") == "properNoun":
        term["pos"] = "properNoun"
    term["proper_name"] = wb.get("proper_name") == "true"
    term["case_sensitive"] = wb.get("case_sensitive") == "true"
    term["gloss"] = wb.get("gloss", "")
    term["note"].extend(f"{NOTE_PREFIX}{k}={v}" for k, v in wb.items()
                        if k not in ("status", "pos", "proper_name", "case_sensitive", "gloss"))


def _unique(terms: list[Term], log: ReadLog) -> list[Term]:
    seen, out = set(), []
    for t in terms:
        if (t.lang, t.text) in seen:
            log.note("merged a term given twice in one entry")
            continue
        seen.add((t.lang, t.text))
        out.append(t)
    return out
