"""The shared glossary: termbase model, canonical file, matcher, term QA, candidates.

The names below load their module on first use (PEP 562): importing one light
submodule, as the store does with ``workbench.glossary.model``, must not pull
in the matcher, the stemmers and the TOML writer that most commands never use.
"""

from importlib import import_module

_HOMES = {
    "canonical": ("dumps", "load_glossary", "loads", "write_glossary"),
    "matcher": ("TermMatch", "TermMatcher"),
    "model": ("CONCEPT_STATUSES", "GENDERS", "PARTS_OF_SPEECH", "SUBJECTS", "TERM_STATUSES", "Concept",
              "Glossary", "HistoryEntry", "Term"),
    "qa": ("QA_KINDS", "QAFinding", "check_pair"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
