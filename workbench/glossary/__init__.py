"""The shared glossary: termbase model, canonical file, matcher, term QA, candidates."""

from workbench.glossary.canonical import dumps, load_glossary, loads, write_glossary
from workbench.glossary.model import (CONCEPT_STATUSES, GENDERS, PARTS_OF_SPEECH, SUBJECTS, TERM_STATUSES,
                                      Concept, Glossary, HistoryEntry, Term)

__all__ = ["CONCEPT_STATUSES", "GENDERS", "PARTS_OF_SPEECH", "SUBJECTS", "TERM_STATUSES", "Concept",
           "Glossary", "HistoryEntry", "Term", "dumps", "load_glossary", "loads", "write_glossary"]
