"""The termbase data model, concept-oriented as in TBX.

A ``Concept`` holds per language one or more ``Term``s; a ``Glossary`` is an
immutable collection of concepts. Everything here is a frozen dataclass.
"""

from __future__ import annotations

import re
from dataclasses import field, replace

from workbench.errors import InputError
from workbench.records import frozen_dataclass

TERM_STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "phrase")
GENDERS = ("masculine", "feminine", "neuter")
CONCEPT_STATUSES = ("draft", "approved")
SUBJECTS = ("classes", "struggle", "unions", "parties", "state", "revolution", "imperialism", "war",
            "elections", "economy", "organisations", "press", "places", "history", "general")
NAME_SUBJECTS = ("organisations", "press", "places", "parties")

# (pattern strings: re compiles them when a concept is first checked, not at every command's start)
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_LANG = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"


@frozen_dataclass
class Term:
    lang: str
    text: str
    status: str = "preferred"
    pos: str = "noun"
    gender: str | None = None
    variants: tuple[str, ...] = ()
    case_sensitive: bool = False
    proper_name: bool = False
    gloss: str = ""
    note: str = ""

    def sort_key(self) -> tuple:
        return (self.lang, TERM_STATUSES.index(self.status), self.text)


@frozen_dataclass
class Concept:
    id: str
    subject: str
    status: str = "draft"
    definition: str = ""
    note: str = ""
    version: int = 1
    terms: tuple[Term, ...] = ()

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({t.lang for t in self.terms}))

    @property
    def is_name(self) -> bool:
        return any(t.proper_name for t in self.terms)

    def label(self, lang: str = "en") -> str:
        """A short human label: the preferred term in ``lang`` or the first term."""
        for t in sorted(self.terms_in(lang), key=Term.sort_key):
            return t.text
        return self.terms[0].text if self.terms else self.id

    def normalized(self) -> "Concept":
        """The same concept with its terms in canonical order."""
        return replace(self, terms=tuple(sorted(self.terms, key=Term.sort_key)))


@frozen_dataclass
class HistoryEntry:
    """One change to a concept: who, when, what (``snapshot`` is the concept after it)."""
    concept_id: str
    version: int
    action: str          # created | updated | imported | deleted | refused
    user: str
    at: str
    summary: str
    snapshot: Concept | None = None


@frozen_dataclass
class Glossary:
    concepts: tuple[Concept, ...] = ()
    _by_id: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        ordered = tuple(sorted(self.concepts, key=lambda c: c.id))
        object.__setattr__(self, "concepts", ordered)
        self._by_id.update({c.id: c for c in ordered})

    def derived(self, key, make):
        """``make(self)``, made once per glossary object and ``key`` (the glossary never changes:
        a value derived from its concepts stays true, e.g. its fingerprint for jobs)."""
        if key not in self._derived:
            self._derived[key] = make(self)
        return self._derived[key]

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: str) -> bool:
        return concept_id in self._by_id

    def concept(self, concept_id: str) -> Concept:
        from workbench.errors import NotFoundError

        try:
            return self._by_id[concept_id]
        except KeyError:
            raise NotFoundError(f"no concept with id '{concept_id}' in the glossary") from None

    def terms(self, lang: str) -> list[tuple[Concept, Term]]:
        return [(c, t) for c in self.concepts for t in c.terms if t.lang == lang]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({t.lang for c in self.concepts for t in c.terms}))

    def owners(self, terms) -> list[tuple[Term, Concept]]:
        """Each of ``terms`` that a concept has already, as a term or a variant in the same
        language (case aside), with that concept: a homonym, or a duplicate."""
        index = self.derived("term owners", _term_owners)   # built once: accepting candidates asks per term
        return [(term, c) for term in terms for c in index.get((term.lang, term.text.casefold()), ())]

    def with_concepts(self, concepts) -> "Glossary":
        """A new glossary where the given concepts replace those with the same id."""
        merged = dict(self._by_id)
        merged.update({c.id: c for c in concepts})
        return Glossary(tuple(merged.values()))


def _term_owners(glossary: Glossary) -> dict[tuple[str, str], list[Concept]]:
    """(language, case-folded term or variant) -> the concepts that have it, in glossary order."""
    index: dict[tuple[str, str], list[Concept]] = {}
    for c in glossary.concepts:
        for key in dict.fromkeys((t.lang, x.casefold()) for t in c.terms for x in (t.text, *t.variants)):
            index.setdefault(key, []).append(c)
    return index


def validate_term(term: Term, where: str) -> None:
    if not re.match(_LANG, term.lang or ""):
        raise InputError(f"{where}: language code {term.lang!r} is not an ISO 639 code like 'en'")
    if not term.text.strip():
        raise InputError(f"{where}: the term text is empty")
    if term.text != term.text.strip():
        raise InputError(f"{where}: the term {term.text!r} has spaces at its ends")
    _choice(term.status, TERM_STATUSES, f"{where}: status")
    if term.status == "forbidden" and not term.note.strip():
        raise InputError(f"{where}: a forbidden term needs a note saying why and what to use instead")
    _choice(term.pos, PARTS_OF_SPEECH, f"{where}: pos")
    if term.gender is not None:
        _choice(term.gender, GENDERS, f"{where}: gender")
    for v in term.variants:
        if not v.strip():
            raise InputError(f"{where}: an empty variant")


def validate_concept(concept: Concept, where: str | None = None) -> None:
    where = where or f"concept '{concept.id}'"
    if not re.match(_SLUG, concept.id or ""):
        raise InputError(f"{where}: id {concept.id!r} must be a lowercase slug like 'regime-union'")
    _choice(concept.subject, SUBJECTS, f"{where}: subject")
    _choice(concept.status, CONCEPT_STATUSES, f"{where}: status")
    if not isinstance(concept.version, int) or concept.version < 1:
        raise InputError(f"{where}: version must be an integer >= 1, not {concept.version!r}")
    if not concept.terms:
        raise InputError(f"{where}: a concept needs at least one term")
    seen = set()
    for n, term in enumerate(concept.terms, start=1):
        validate_term(term, f"{where}: term {n} ({term.lang} {term.text!r})")
        key = (term.lang, term.text)
        if key in seen:
            raise InputError(f"{where}: term {n}: {term.lang} {term.text!r} appears twice")
        seen.add(key)


def slugify(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "concept"


def _choice(value, allowed, where: str) -> None:
    if value not in allowed:
        raise InputError(f"{where} {value!r} is not one of {', '.join(allowed)}")


# ---------------------------------------------------------------- plain data (store, history snapshots)

def term_to_dict(t: Term) -> dict:
    return {"lang": t.lang, "text": t.text, "status": t.status, "pos": t.pos, "gender": t.gender,
            "variants": list(t.variants), "case_sensitive": t.case_sensitive, "proper_name": t.proper_name,
            "gloss": t.gloss, "note": t.note}


def term_from_dict(d: dict) -> Term:
    return Term(lang=d["lang"], text=d["text"], status=d.get("status", "preferred"), pos=d.get("pos", "noun"),
                gender=d.get("gender") or None, variants=tuple(d.get("variants") or ()),
                case_sensitive=bool(d.get("case_sensitive")), proper_name=bool(d.get("proper_name")),
                gloss=d.get("gloss") or "", note=d.get("note") or "")


def concept_to_dict(c: Concept) -> dict:
    return {"id": c.id, "subject": c.subject, "status": c.status, "definition": c.definition, "note": c.note,
            "version": c.version, "terms": [term_to_dict(t) for t in c.terms]}


def concept_from_dict(d: dict) -> Concept:
    return Concept(id=d["id"], subject=d["subject"], status=d.get("status", "draft"),
                   definition=d.get("definition", ""), note=d.get("note", ""), version=int(d.get("version", 1)),
                   terms=tuple(term_from_dict(t) for t in d.get("terms", ()))).normalized()


def describe_changes(old: Concept | None, new: Concept | None) -> str:
    """A one-line human summary of what changed between two versions of a concept."""
    if old is None and new is None:
        return ""
    if old is None:
        return f"created with {len(new.terms)} terms: " + ", ".join(f"{t.lang} '{t.text}'" for t in new.terms)
    if new is None:
        return "deleted"
    parts = []
    for key in ("subject", "status", "definition", "note"):
        a, b = getattr(old, key), getattr(new, key)
        if a != b:
            parts.append(f"{key} {_change(a, b)}")
    old_terms = {(t.lang, t.text): t for t in old.terms}
    new_terms = {(t.lang, t.text): t for t in new.terms}
    for key in sorted(new_terms.keys() - old_terms.keys()):
        parts.append(f"added {key[0]} '{key[1]}' ({new_terms[key].status})")
    for key in sorted(old_terms.keys() - new_terms.keys()):
        parts.append(f"removed {key[0]} '{key[1]}'")
    for key in sorted(old_terms.keys() & new_terms.keys()):
        a, b = term_to_dict(old_terms[key]), term_to_dict(new_terms[key])
        changed = [f"{k} {_change(a[k], b[k])}" for k in a if a[k] != b[k]]
        if changed:
            parts.append(f"{key[0]} '{key[1]}': " + ", ".join(changed))
    return "; ".join(parts) or "no change"


def _short(value, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[:limit - 1] + "…'"


def _change(a, b, limit: int = 60, context: int = 16) -> str:
    """``'old' → 'new'``, each cut to ``limit``; two long texts are shown from a little before
    their first difference (a sentence added at the end of a definition read as the same
    60 characters on both sides of the arrow)."""
    if not (isinstance(a, str) and isinstance(b, str)) or max(len(a), len(b)) + 2 <= limit:
        return f"{_short(a, limit)} → {_short(b, limit)}"
    same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if same <= context:
        return f"{_short(a, limit)} → {_short(b, limit)}"
    space = a.rfind(" ", 0, same - context)     # from the start of a word, where there is one
    start = space + 1 if space >= 0 else same - context
    return f"'…{_short(a[start:], limit - 1)[1:]} → '…{_short(b[start:], limit - 1)[1:]}"


def same_content(a: Concept, b: Concept) -> bool:
    """Equal apart from the version number."""
    return replace(a.normalized(), version=0) == replace(b.normalized(), version=0)
