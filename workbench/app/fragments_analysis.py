"""The Fragments page's analyses of texts, kept between runs and brought up to date after a
glossary change by analysing again only the paragraphs where a changed term or name may occur.

An add on the page changes the glossary by one name: analysing the whole pasted article again
cost 1.5-5 s a click on a long one, and the name occurs in one or two of its paragraphs. The
glossary counts in a paragraph's analysis only through the terms written in it (the detectors
look its words up), so the other paragraphs' answers stand as they were.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict

from workbench import langid


def changed_terms(before: langid.GlossaryLanguages | None, after: langid.GlossaryLanguages | None) -> set[str]:
    """The terms and names (lower case, as the detectors key them) whose languages differ."""
    old = before.langs if before is not None else {}
    new = after.langs if after is not None else {}
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _loose(text: str) -> str:
    """Case, accents and Turkish dotless i folded away: whatever the detectors do to a word's case
    or composition, its loose form is still found in the loose form of the text it came from."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def may_hold(text: str, terms: set[str]) -> bool:
    """Whether a paragraph may contain one of ``terms`` (a loose test: true whenever it does)."""
    loose = _loose(text)
    return any(all(_loose(word) in loose for word in term.split()) for term in terms)


def reanalysed(report: langid.TextLanguages, candidates: tuple[str, ...], glossary: langid.GlossaryLanguages | None,
               changed: set[str]) -> langid.TextLanguages:
    """``report`` as ``analyse_paragraphs`` gives it with ``glossary``, when it was made with a
    glossary that differs only in the ``changed`` terms: their paragraphs analysed again."""
    doc = langid.Detection(report.lang, report.confidence, report.alternatives)
    paragraphs = tuple(
        langid.analyse_paragraph(p.index, p.text, candidates, doc, glossary) if may_hold(p.text, changed) else p
        for p in report.paragraphs)
    return langid.TextLanguages(report.lang, report.confidence, report.alternatives, paragraphs)


class AnalysisCache:
    """The last few texts' analyses, each with the glossary it was made with; shared by the
    sessions (the analyses are immutable). The lock guards the table, not the analysing: two
    runs on one text may both analyse it, never half-update it."""

    MOST_CHANGES = 50   # beyond (an import), analysing the whole text is as quick

    def __init__(self, most: int = 8):
        self._most = most
        self._lock = threading.Lock()
        self._held: OrderedDict[tuple, tuple[langid.GlossaryLanguages | None, langid.TextLanguages]] = OrderedDict()

    def analysis(self, paragraphs: tuple[str, ...], candidates: tuple[str, ...], main_lang: str | None,
                 glossary: langid.GlossaryLanguages | None) -> langid.TextLanguages:
        """The text's languages and foreign spans, as a fresh ``analyse_paragraphs`` gives them."""
        key = (paragraphs, candidates, main_lang)
        with self._lock:
            held = self._held.get(key)
            if held is not None:
                self._held.move_to_end(key)   # the least used text goes first
        changed = changed_terms(held[0], glossary) if held is not None else None
        if held is None or len(changed) > self.MOST_CHANGES:
            report = langid.analyse_paragraphs(list(paragraphs), candidates, glossary, main_lang)
        elif changed:
            report = reanalysed(held[1], candidates, glossary, changed)
        else:
            return held[1]
        with self._lock:
            self._held.pop(key, None)
            self._held[key] = (glossary, report)
            while len(self._held) > self._most:
                self._held.popitem(last=False)
        return report


# A foreign span whose language nothing tells (words no candidate writes, Basque
# `Langile Abertzaleen Batzordeak`, or `ver.di` alone) is labelled `und`.
OTHER_LANGUAGE = "other"


def language_label(lang: str) -> str:
    """How the page names a span's language: `und` is a language outside the candidates."""
    return OTHER_LANGUAGE if lang == "und" else lang


def names_to_add(spans) -> tuple[list[tuple[str, str]], list[str]]:
    """The spans' names with their language, once each, and apart the names of a language not told
    (`und`): a glossary name needs its language, which the proof-reader gives on the Glossary page."""
    names: list[tuple[str, str]] = []
    untold: list[str] = []
    for _, s in spans:
        text = langid.name_form(s.text)   # DİSK'in is DİSK: the suffix is the sentence's
        if s.lang == "und":
            if text not in untold:
                untold.append(text)
        elif (text, s.lang) not in names:
            names.append((text, s.lang))
    return names, untold


def in_glossary_label(span, known: set[tuple[str, str]]) -> str:
    """The spans table's "in glossary" cell: "yes" for a name the glossary holds (as added, its
    Turkish case ending left out), "no" for one to add, "–" for a language not told."""
    if span.lang == "und":
        return "–"
    return "yes" if (langid.name_form(span.text), span.lang) in known else "no"


def known_names(names, glossary_repo, glossary: langid.GlossaryLanguages | None) -> set[tuple[str, str]]:
    """The (name, language) pairs of ``names`` the glossary holds already (a term of that text,
    or the concept an add of it would make)."""
    if glossary_repo is None:
        return set()
    return {name for name in names if (glossary is not None and glossary.language_of(name[0]) is not None)
            or glossary_repo.exists(langid.name_concept(*name).id)}
