"""The shared glossary: termbase model, canonical file, matcher, term QA, candidates."""

from workbench.glossary.canonical import dumps, load_glossary, loads, write_glossary
from workbench.glossary.matcher import TermMatch, TermMatcher
from workbench.glossary.model import (CONCEPT_STATUSES, GENDERS, PARTS_OF_SPEECH, SUBJECTS, TERM_STATUSES,
                                      Concept, Glossary, HistoryEntry, Term)
from workbench.glossary.qa import QA_KINDS, QAFinding, check_pair

__all__ = ["CONCEPT_STATUSES", "GENDERS", "PARTS_OF_SPEECH", "QA_KINDS", "SUBJECTS", "TERM_STATUSES", "Concept",
           "Glossary", "HistoryEntry", "QAFinding", "Term", "TermMatch", "TermMatcher", "check_pair", "dumps",
           "load_glossary", "loads", "write_glossary"]
