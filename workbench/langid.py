"""Language identification for documents, paragraphs and short fragments,
and the foreign fragments inside a text.

Evidence, as a translator would use it:

* letters that belong to few languages (ı İ ş ğ, ñ ¿ ¡, ß, ĉ ĝ ĥ ĵ ŝ ŭ, ã õ …)
  and letters a language never writes (w in Italian, q and x in Turkish);
* function words and frequent words of the labour press (``langid_data/``);
* affixes (Turkish case suffixes after an apostrophe, Esperanto endings …);
* lingua's character n-gram models restricted to the candidate languages;
* terms and names registered in the glossary, when one is given;
* the document's main language as a prior;
* for short strings: how often each word is written in the labels of each
  language (``langid_labels``), and whether the string is the name of a
  language, country, month, unit … in it (CLDR, ``langid_cldr``);
* for names: the country of a town and of a first name (GeoNames' towns,
  gender-guesser's first names per country), and Turkish written without
  its letters (``langid_names``).

The scores are added per candidate language and turned into a confidence
with a softmax.  lingua is asked only when the other evidence is not
decisive, and only about the contending languages (that keeps fragments
fast).  Everything is deterministic.  Documents are judged by langdetect
(seeded), which knows 55 languages, and by the same evidence over the
candidates (which adds Esperanto, unknown to langdetect).

Foreign spans: runs of capitalised words (names, never split) and of words
with foreign evidence are judged with the main language as prior.

The work is split by concern: ``langid_tokens`` (words, candidate sets,
glossary languages), ``langid_evidence`` (scores and short fragments),
``langid_spans`` (foreign spans), ``langid_paragraphs`` (documents,
paragraphs, lines), ``langid_lexicon`` (word frequencies), ``langid_labels``
and ``langid_cldr`` (short strings) and
``langid_names`` (places and first names); this module
is the public interface the rest of the workbench calls.

Numbers: ``python bench/langid.py`` (dev and held-out test split of bench/data/langid).
"""

from __future__ import annotations

import re
from typing import Iterable

from workbench import langid_cldr, langid_labels, langid_lexicon, langid_names
from workbench.errors import InputError
from workbench.langid_evidence import _model, detect_fragment
from workbench.langid_paragraphs import (ParagraphLanguage, TextLanguages, analyse_paragraph, analyse_paragraphs,
                                         detect, lines_languages)
from workbench.langid_spans import ForeignSpan, find_foreign_spans, split_at_spans
from workbench.langid_tokens import (_TR_APOSTROPHE, DEFAULT_CANDIDATES, UNDETERMINED, Detection, GlossaryLanguages,
                                     _lingua, candidate_set, glossary_languages)

__all__ = [
    "DEFAULT_CANDIDATES", "UNDETERMINED", "Detection", "ForeignSpan", "GlossaryLanguages", "ParagraphLanguage",
    "TextLanguages", "analyse_paragraph", "analyse_paragraphs", "candidate_set", "detect", "detect_fragment",
    "find_foreign_spans", "glossary_languages", "lines_languages", "load_models", "name_concept", "name_form",
    "split_at_spans",
]


def name_concept(text: str, lang: str, subject: str = "organisations", user_note: str = "", gloss: str = ""):
    """A draft glossary concept registering `text` as a proper name in `lang`
    (to be kept, not translated), with an optional English `gloss`."""
    from workbench.glossary import Concept, Term
    from workbench.glossary.model import slugify

    text = " ".join(text.split())
    if not text:
        raise InputError("proper name: the text is empty")
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        raise InputError(f"proper name {text!r}: language {lang!r} is not an ISO 639 code")
    term = Term(lang=lang, text=text, pos="properNoun", proper_name=True, case_sensitive=True,
                gloss=" ".join(gloss.split()))
    return Concept(id=slugify(text), subject=subject, status="draft",
                   note=user_note or "Added from the Fragments page: a foreign name to keep as it is.",
                   terms=(term,))


def name_form(text: str) -> str:
    """A found name as the glossary keeps it: a Turkish case ending written after an apostrophe
    (DİSK'in, Petrol-İş'in, Kocaeli'de) belongs to the sentence, not to the name."""
    text = " ".join(text.split())
    suffix = _TR_APOSTROPHE.search(text)
    return text[:suffix.start()] if suffix and suffix.start() > 0 else text


def name_subject(text: str) -> str | None:
    """The glossary subject a found name surely has: "places" for a town of 15,000 people or
    more (GeoNames); None when nothing tells (a party, a paper and a person look alike)."""
    return "places" if langid_names.place_population(" ".join(text.split())) else None


def load_models(candidates: Iterable[str] | str | None = None) -> tuple[str, ...]:
    """Build the word tables, frequency lexicons, gazetteers and lingua's detectors for
    a candidate set now (they are built once per process; the app calls this
    from its resource cache so that the first request does not pay for it)."""
    cands = candidate_set(candidates)
    _model(cands)
    langid_lexicon.load(cands)
    langid_labels.load()
    langid_cldr.load(cands)
    langid_names.load()
    for low in (False, True):
        detector, _ = _lingua(cands, low)
        detector.compute_language_confidence_values("warm up the models")
    return cands
