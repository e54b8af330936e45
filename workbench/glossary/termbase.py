"""Glossary operations used by the CLI and the app: the shared file, import
and export by file extension, search and filter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.model import TERM_STATUSES, Concept, Glossary, Term
from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.formats.base import ReadLog
    from workbench.glossary.matcher import TermMatcher
    from workbench.settings import Settings
    from workbench.store import Store
    from workbench.store.glossary import ImportReport

SHARED_FILE = "political-terms.toml"
GLOSSARY_LOADED_KEY = "glossary_loaded"
SEARCH_PREFIX = 4       # letters of a term word a search must hold for the matcher to try the term
SIMILAR_CUTOFF = 0.75   # difflib ratio of a misspelt search to a term ('clas strugle': 0.92)


def shared_glossary_path(settings: "Settings") -> Path:
    return Path(settings.glossary_dir) / SHARED_FILE


def ensure_shared_glossary(store: "Store", settings: "Settings") -> bool:
    """Load the shared glossary into a store that never had it. True if loaded."""
    if store.get_meta(GLOSSARY_LOADED_KEY) is not None:
        return False
    path = shared_glossary_path(settings)
    if store.glossary.count() or not path.exists():
        store.set_meta(GLOSSARY_LOADED_KEY, "skipped")
        return False
    from workbench.glossary.canonical import load_glossary   # (tomllib: only when the file is read)

    glossary = load_glossary(path)
    with store.transaction():
        store.glossary.import_glossary(glossary, user="shared glossary", keep_versions=True)
        store.set_meta(GLOSSARY_LOADED_KEY, str(path.name))
    return True


def format_of(path: str | os.PathLike) -> str:
    from workbench.formats.base import format_for

    return format_for(path, "glossary").name


def read_file(path: str | os.PathLike, *, src_lang: str | None = None, tgt_lang: str | None = None,
              log: "ReadLog | None" = None) -> Glossary:
    """Read a glossary file; the format comes from the extension.

    A two-column OmegaT file needs ``src_lang`` and ``tgt_lang``."""
    from workbench.files import read_bytes

    format_of(path)
    return parse_bytes(read_bytes(path, "glossary file"), str(path), src_lang=src_lang, tgt_lang=tgt_lang, log=log)


def parse_bytes(data: bytes, name: str, *, src_lang: str | None = None, tgt_lang: str | None = None,
                log: "ReadLog | None" = None) -> Glossary:
    """Parse a glossary file's bytes; ``name`` gives the format and names the file in errors;
    what the reader mapped or kept as notes goes into ``log``."""
    from workbench.formats.base import format_for

    return format_for(name, "glossary").read(data, name, log, src_lang=src_lang, tgt_lang=tgt_lang)


def write_file(glossary: Glossary, path: str | os.PathLike, *, src_lang: str | None = None,
               tgt_lang: str | None = None, dialect: str = "v3") -> Path:
    """Write a glossary file atomically; ``.tsv`` with both languages is OmegaT's
    layout for one pair, ``.csv`` has every language; ``.tbx`` is TBX-Basic (v3) or,
    with ``dialect="v2"``, TBX v2 (``martif``)."""
    from workbench.files import write_text_atomic
    from workbench.formats.base import format_for

    text = format_for(path, "glossary").write(glossary, name=str(path), src_lang=src_lang, tgt_lang=tgt_lang,
                                              dialect=dialect)
    return write_text_atomic(path, text)


def import_file(store: "Store", path: str | os.PathLike, *, user: str, src_lang: str | None = None,
                tgt_lang: str | None = None, dry_run: bool = False,
                log: "ReadLog | None" = None) -> "ImportReport":
    """Import a glossary file; concepts changed in the store since the file's version
    are reported as conflicts, not overwritten. ``dry_run`` only counts; ``log`` gets
    what the reader mapped or kept as notes."""
    glossary = read_file(path, src_lang=src_lang, tgt_lang=tgt_lang, log=log)   # all parsed before any write
    return _import(store, glossary, format_of(path), user, dry_run)


def _import(store: "Store", glossary: Glossary, fmt: str, user: str, dry_run: bool = False) -> "ImportReport":
    if fmt != "tsv":
        return store.glossary.import_glossary(glossary, user=user, dry_run=dry_run)
    # an OmegaT file knows no concept ids: attach each entry to the concept that has one of its terms
    current = store.glossary.current()
    index = {(t.lang, t.text.casefold()): c.id for c in current.concepts for t in c.terms}
    attached = []
    for c in glossary.concepts:
        if c.id not in current:
            found = next((index[(t.lang, t.text.casefold())] for t in c.terms
                          if (t.lang, t.text.casefold()) in index), None)
            if found:
                c = replace(c, id=found)
        attached.append(c)
    merged: dict[str, Concept] = {}
    for c in attached:
        if c.id in merged:
            have = {(t.lang, t.text) for t in merged[c.id].terms}
            c = replace(merged[c.id], terms=merged[c.id].terms + tuple(t for t in c.terms
                                                                       if (t.lang, t.text) not in have))
        merged[c.id] = c
    return store.glossary.import_glossary(Glossary(tuple(merged.values())), user=user, merge=True, dry_run=dry_run)


def export_file(store: "Store", path: str | os.PathLike, *, src_lang: str | None = None,
                tgt_lang: str | None = None, dialect: str = "v3") -> Path:
    return write_file(store.glossary.current(), path, src_lang=src_lang, tgt_lang=tgt_lang, dialect=dialect)


def export_bytes(glossary: Glossary, fmt: str, *, src_lang: str | None = None, tgt_lang: str | None = None,
                 dialect: str = "v3") -> bytes:
    """The file content for a download button (``dialect``: TBX v3 or v2)."""
    from workbench.formats.base import format_for

    name = f"glossary.{fmt}"
    return format_for(name, "glossary").write(glossary, name=name, src_lang=src_lang, tgt_lang=tgt_lang,
                                              dialect=dialect).encode("utf-8")


def import_bytes(store: "Store", data: bytes, filename: str, *, user: str, src_lang: str | None = None,
                 tgt_lang: str | None = None, dry_run: bool = False,
                 log: "ReadLog | None" = None) -> "ImportReport":
    """Import an uploaded file (the app's upload widget gives bytes); errors name the upload."""
    glossary = parse_bytes(data, Path(filename).name, src_lang=src_lang, tgt_lang=tgt_lang, log=log)
    return _import(store, glossary, format_of(filename), user, dry_run)


@frozen_dataclass
class ConceptRow:
    id: str
    subject: str
    status: str
    version: int
    label: str
    terms: str


def filter_concepts(glossary: Glossary, text: str = "", *, lang: str | None = None, status: str | None = None,
                    subject: str | None = None, term_status: str | None = None,
                    matchers: Mapping[str, TermMatcher] | None = None) -> list[Concept]:
    """Concepts whose id, definition or a term (in ``lang`` if given) contains ``text``
    (case- and accent-insensitive), or with a term the text is a form of as the matcher finds
    terms in running text (``sendikaların``, ``Klassenkämpfe``, ``huelgas generales``),
    filtered by concept status, subject and term status.
    Found by a search, the concepts with a term (or id) that is the text come first, then those
    with a term the text is an inflected form of, then those with a term that contains it, then
    those with a term inside the text (``sindicatos`` in ``sindicatos del régimen``), then those
    found only in an id, definition or gloss; each group in the glossary's order (the page opens
    the first: "social partner" opened a concept whose definition says "social partnership", not
    the one with that term). ``matchers`` (language → matcher of ``glossary``; an empty mapping
    matches the term's letters only) are built for the text when not given."""
    needle = _loose(text.strip(), lang)
    forms = _term_forms(glossary, text.strip(), lang, matchers) if needle else {}
    out = []
    for c in glossary.concepts:
        terms = _filtered_terms(c, lang, status, subject, term_status)
        if terms is None:
            continue
        if not needle:
            out.append((0, c))
            continue
        names = [_loose(x, lang) for t in terms for x in (t.text, *t.variants)]
        inflected = [whole for term, whole in forms.get(c.id, ()) if term in terms]
        if needle in names or needle in (_loose(c.id, lang), _loose(c.id.replace("-", " "), lang)):
            out.append((0, c))
        elif any(inflected):
            out.append((1, c))
        elif any(needle in n for n in names):
            out.append((2, c))
        elif inflected:
            out.append((3, c))
        elif any(needle in _loose(h, lang) for h in [c.id, c.definition, *(t.gloss for t in terms)]):
            out.append((4, c))
    return [c for _, c in sorted(out, key=lambda found: found[0])]


def similar_concepts(glossary: Glossary, text: str, *, lang: str | None = None, status: str | None = None,
                     subject: str | None = None, term_status: str | None = None, limit: int = 5) -> list[Concept]:
    """The concepts with a term spelt like ``text`` (a misspelt search: "clas strugle"), closest
    first, at most ``limit``: what a search that found nothing offers instead."""
    import difflib   # (only suggestions need it: 1.5 ms of every command that reads the glossary)

    needle = _loose(text.strip(), lang)
    if len(needle) < 3:
        return []
    by_name: dict[str, list[Concept]] = {}
    for c in glossary.concepts:
        for t in _filtered_terms(c, lang, status, subject, term_status) or ():
            for x in (t.text, *t.variants):
                by_name.setdefault(_loose(x, lang), []).append(c)
    out: dict[str, Concept] = {}
    for name in difflib.get_close_matches(needle, by_name, n=4 * limit, cutoff=SIMILAR_CUTOFF):
        out.update((c.id, c) for c in by_name[name] if c.id not in out)
    return list(out.values())[:limit]


def search_matchers(glossary: Glossary, text: str, lang: str | None = None) -> dict[str, TermMatcher]:
    """The matchers a search for ``text`` uses: one for ``lang``, else one for each language of
    the glossary, each over the concepts with a term word whose first letters (accents and case
    folded) are in the text: an inflected form keeps them (``sendikaların``, ``Klassenkämpfe``
    and ``Regimegewerkschaften`` hold ``send``, ``klas`` and ``gewe``). Ten matchers of the whole
    glossary took about 1 s to build, on every search after a save."""
    from workbench.glossary.matcher import WORD, TermMatcher

    folded = _loose(text, lang)
    picked = tuple(c for c in glossary.concepts
                   if any(w[:SEARCH_PREFIX] in folded for t in c.terms for x in (t.text, *t.variants)
                          for w in WORD.findall(_loose(x, lang))))
    sub = Glossary(picked)
    return {lg: TermMatcher(sub, lg) for lg in ([lang] if lang else sub.languages)}


def _term_forms(glossary: Glossary, text: str, lang: str | None,
                matchers: Mapping[str, TermMatcher] | None) -> dict[str, list[tuple[Term, bool]]]:
    """Concept id → (term, whether the whole ``text`` is a form of it) for every term the matcher
    finds in the text. A search is typed in lower case, and the matcher finds a capitalised
    term (a German noun, a name) only capitalised: the text is also tried with its words
    capitalised, and with the part before an apostrophe in capitals (``akp'nin``: ``AKP'nin``)."""
    matchers = matchers if matchers is not None else search_matchers(glossary, text, lang)
    found: dict[str, list[tuple[Term, bool]]] = {}
    for lg, matcher in matchers.items():
        if lang and lg != lang:
            continue
        for typed in _as_written(text, lg):
            for m in matcher.find(typed, nested=True):
                found.setdefault(m.concept_id, []).append((m.term, m.start == 0 and m.end == len(typed)))
    return found


def _as_written(text: str, lang: str) -> list[str]:
    """``text`` and the ways it may be written in a text of ``lang`` when it was typed in lower case."""
    def upper(part: str) -> str:
        return (part.replace("i", "İ").replace("ı", "I") if lang in ("tr", "az") else part).upper()

    words = text.split(" ")
    out = [text, " ".join(upper(w[:1]) + w[1:] for w in words),
           " ".join(upper(w[:w.index(a)]) + w[w.index(a):] if (a := _apostrophe(w)) else w for w in words)]
    return [t for i, t in enumerate(out) if t not in out[:i] and len(t) == len(text)]


def _apostrophe(word: str) -> str:
    return next((a for a in "'’" if a in word[1:]), "")


def _filtered_terms(c: Concept, lang: str | None, status: str | None, subject: str | None,
                    term_status: str | None) -> list[Term] | None:
    """The concept's terms a search looks at, or None when the filters leave the concept out."""
    if status and c.status != status or subject and c.subject != subject:
        return None
    terms = [t for t in c.terms if (not lang or t.lang == lang) and (not term_status or t.status == term_status)]
    return None if (lang or term_status) and not terms else terms


def rows(concepts: list[Concept], lang: str = "en", width: int | None = None) -> list[ConceptRow]:
    """One line per concept; with ``width``, its terms cut to that many characters (see terms_line)."""
    return [ConceptRow(c.id, c.subject, c.status, c.version, c.label(lang), terms_line(c, width)) for c in concepts]


def terms_line(concept: Concept, width: int | None = None) -> str:
    """The concept's terms on one line, each language's preferred term first, then the
    admitted, deprecated and forbidden ones; cut at a whole term, with how many are left
    (a cut inside the list hid the Spanish and Turkish terms of "regime union")."""
    ranked = sorted(concept.terms, key=lambda t: (TERM_STATUSES.index(t.status), t.lang))
    parts = [f"{t.lang}:{t.text}" + ("" if t.status == "preferred" else f" ({t.status})") for t in ranked]
    line = "; ".join(parts)
    if width is None or len(line) <= width:
        return line
    for shown in range(len(parts) - 1, 0, -1):
        cut = "; ".join(parts[:shown]) + f"; +{len(parts) - shown} more"
        if len(cut) <= width:
            return cut
    return f"{parts[0]}; +{len(parts) - 1} more"


def _loose(text: str, lang: str | None) -> str:
    import unicodedata

    if lang in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# ---------------------------------------------------------------- editing (the app's form)

TERM_FIELDS = ("lang", "text", "status", "pos", "gender", "variants", "case_sensitive", "proper_name", "gloss",
               "note")


def term_rows(concept: Concept | None) -> list[dict]:
    """A concept's terms as plain rows for a table editor (variants joined by ' | ')."""
    if concept is None:
        return []
    return [{"lang": t.lang, "text": t.text, "status": t.status, "pos": t.pos, "gender": t.gender or "",
             "variants": " | ".join(t.variants), "case_sensitive": t.case_sensitive,
             "proper_name": t.proper_name, "gloss": t.gloss, "note": t.note} for t in concept.terms]


def concept_from_form(concept_id: str, subject: str, status: str, definition: str, note: str, version: int,
                      rows: list[dict]) -> Concept:
    """Build and validate a concept from the edit form; errors name the table row."""
    from workbench.glossary.model import validate_concept

    terms = []
    for n, r in enumerate(rows, start=1):
        if not any(str(r.get(k) or "").strip() for k in ("lang", "text")):
            continue   # an empty row the editor added
        terms.append(term_from_row(r, f"term row {n}"))
    concept = Concept(concept_id.strip(), subject, status, definition.strip(), note.strip(), version, tuple(terms))
    validate_concept(concept)
    return concept.normalized()


def term_from_row(r: dict, where: str) -> Term:
    """One validated term from a form row (variants separated by '|')."""
    from workbench.glossary.model import validate_term

    term = Term(lang=str(r.get("lang") or "").strip(), text=str(r.get("text") or "").strip(),
                status=str(r.get("status") or "preferred"), pos=str(r.get("pos") or "noun"),
                gender=str(r.get("gender") or "").strip() or None,
                variants=tuple(v.strip() for v in str(r.get("variants") or "").split("|") if v.strip()),
                case_sensitive=bool(r.get("case_sensitive")), proper_name=bool(r.get("proper_name")),
                gloss=str(r.get("gloss") or "").strip(), note=str(r.get("note") or "").strip())
    validate_term(term, where)
    return term


def new_concept_from_form(concept_id: str, subject: str, status: str, definition: str, rows: list[dict]) -> Concept:
    """A new concept from the add form: rows without a term text are left out, and
    an empty id is made from the first term ('general strike' -> 'general-strike')."""
    from workbench.glossary.model import slugify

    rows = [r for r in rows if str(r.get("text") or "").strip()]
    if not rows:
        raise InputError("new concept: give at least one term")
    cid = concept_id.strip() or slugify(str(rows[0]["text"]))
    return concept_from_form(cid, subject, status, definition, "", 1, rows)


def owned_by(term: Term, owner: Concept) -> str:
    """How a homonym warning names a term another concept has."""
    return f"'{term.text}' ({term.lang}) is a term of '{owner.id}' already ({owner.label('en')})"


def homonym_warning(glossary: Glossary, concept: Concept, *, before: Concept | None = None,
                    button: str = "Save") -> str:
    """What to tell before a concept is saved with a term another concept has (same language):
    empty when none. Homonyms exist, so it is a warning, not a refusal. ``before``: the version
    being edited; only the terms it lacks are looked at, in the other concepts (a homonym kept
    once is not warned of at every save; without it, a new concept: *Create* goes on). ``button``:
    the button that goes on after an edit."""
    if before is None:
        owners = glossary.owners(concept.terms)
    else:
        had = {(t.lang, x.casefold()) for t in before.terms for x in (t.text, *t.variants)}
        owners = [(t, c) for t, c in glossary.owners([t for t in concept.terms
                                                      if (t.lang, t.text.casefold()) not in had])
                  if c.id != concept.id]
    if not owners:
        return ""
    said = "; ".join(owned_by(t, c) for t, c in owners)
    if before is None:
        return (f"{said}. If it is the same concept, add the other terms to it under Concepts; if it is another "
                f"concept with the same term, press Create again to create '{concept.id}'.")
    return (f"{said}. If it means the same here, it belongs to that concept, not to '{concept.id}'; if it is "
            f"another meaning with the same spelling, press {button} again to save it in '{concept.id}'.")


def with_term(concept: Concept, row: dict) -> Concept:
    """The concept with one more term, from a form's row (checked; not saved)."""
    return replace(concept, terms=concept.terms + (term_from_row(row, f"new term of '{concept.id}'"),))


def add_term(store: "Store", concept: Concept, row: dict, *, user: str) -> Concept:
    """Add one term to the concept as the user opened it (a newer save makes this a conflict)."""
    return store.glossary.save(with_term(concept, row), expected_version=concept.version, user=user)


def conflict_sides(store: "Store", concept_id: str, *, user: str) -> tuple:
    """(the user's last refused version, the saved change that beat it) as history
    entries, either None when unknown: the two sides of a conflict."""
    history = store.glossary.history(concept_id)
    mine = next((h for h in history if h.action == "refused" and h.user == user and h.snapshot), None)
    theirs = next((h for h in history if h.action != "refused"), None)
    return mine, theirs


def resolve_conflict(store: "Store", concept_id: str, *, user: str) -> Concept:
    """Save the user's last refused version of a concept over the current one (after they have
    seen the other edit), as ``kept_version`` makes it. The other edit stays in the history."""
    kept = kept_version(store, concept_id, user=user)
    if kept is None:
        raise InputError(f"concept '{concept_id}': no refused edit of yours to apply")
    return store.glossary.save(kept, expected_version=kept.version, user=user)


def kept_version(store: "Store", concept_id: str, *, user: str) -> Concept | None:
    """What keeping the user's last refused version saves (None when there is none): what they
    changed from the version they opened is theirs to keep, and the other person's changes to
    what they did not change stay (``merge_edit``)."""
    current = store.glossary.get(concept_id)
    mine = next((h for h in store.glossary.history(concept_id)
                 if h.action == "refused" and h.user == user and h.snapshot is not None), None)
    if mine is None:
        return None
    opened = store.glossary.at_version(concept_id, mine.snapshot.version)
    kept = merge_edit(opened, mine.snapshot, current) if opened is not None else mine.snapshot
    return replace(kept, version=current.version)


def merge_edit(opened: Concept, mine: Concept, theirs: Concept) -> Concept:
    """``theirs`` with ``mine``'s changes from ``opened`` applied: a field or a term (by language
    and text) I changed, added or removed is mine; the rest is theirs. Keep mine used to save my
    whole form, and a colleague's note saved meanwhile was gone though I had not touched it."""
    fields = {f: getattr(mine if getattr(mine, f) != getattr(opened, f) else theirs, f)
              for f in ("subject", "status", "definition", "note")}

    def by_key(c: Concept) -> dict:
        return {(t.lang, t.text): t for t in c.terms}

    before, after, terms = by_key(opened), by_key(mine), by_key(theirs)
    for key in before.keys() - after.keys():
        terms.pop(key, None)
    for key, term in after.items():
        if before.get(key) != term:
            terms[key] = term
    return replace(theirs, **fields, terms=tuple(terms.values()))
