"""Assemble the engine a job uses: Argos models, pivoting, glossary enforcement."""

from __future__ import annotations

from workbench.settings import Settings
from workbench.translate.argos import ArgosEngine, ArgosOptions
from workbench.translate.engine import PivotEngine
from workbench.translate.glossary import GlossaryEnforcer
from workbench.translate.models import list_models


def build_engine(settings: Settings, glossary=None, options: ArgosOptions | None = None,
                 environ: dict | None = None) -> GlossaryEnforcer:
    """Installed Argos models behind pivoting and glossary enforcement (no model loaded yet)."""
    argos = ArgosEngine(list_models(settings, environ), options or ArgosOptions(),
                        checksum_cache=settings.data_dir / "cache" / "model-checksums.json")
    return GlossaryEnforcer(PivotEngine(argos), glossary)


def current_glossary(store):
    """The store's glossary, or None when there is none (or it is empty)."""
    repo = getattr(store, "glossary", None)
    if repo is None:
        return None
    glossary = repo.current()
    return glossary if len(glossary.concepts) else None


def load_glossary_option(store, path=None, disabled: bool = False):
    """The glossary a job enforces: none, the file given, or the store's."""
    if disabled:
        return None
    if path:
        from workbench.glossary import load_glossary

        glossary = load_glossary(path)
        return glossary if len(glossary.concepts) else None
    return current_glossary(store)
