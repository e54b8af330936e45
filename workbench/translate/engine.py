"""The translation engine interface, a deterministic stand-in, and pivoting.

An engine translates a list of sentences from one language to another and
returns, per sentence, its n-best hypotheses (best first; at least one).
``suppress`` lists target-side phrases the engine should avoid producing
where it can (the Argos engine passes them to CTranslate2). ``describe``
names what produced a translation (provenance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence, runtime_checkable

from workbench.errors import NotFoundError


@runtime_checkable
class Engine(Protocol):
    def supports(self, src: str, tgt: str) -> bool: ...

    def describe(self, src: str, tgt: str) -> str: ...

    def translate(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                  suppress: Sequence[str] = ()) -> list[list[str]]: ...


_WORD = re.compile(r"\w+", re.UNICODE)


def translate_later(engine, sentences: Sequence[str], src: str, tgt: str, **kwargs) -> Callable[[], list[list[str]]]:
    """Start a translation and return a function that gives ``engine.translate``'s answer.
    Engines that can work in the background offer ``translate_later`` themselves; for the
    others the work is done when the answer is asked for."""
    start = getattr(engine, "translate_later", None)
    if start is not None:
        return start(sentences, src, tgt, **kwargs)
    return lambda: engine.translate(sentences, src, tgt, **kwargs)


@dataclass
class StandInEngine:
    """Deterministic word-for-word engine for tests and demos.

    Each word found in ``lexicon[(src, tgt)]`` (matched case-insensitively) is
    replaced; other words are kept; everything else is copied. With n_best > 1
    the second hypothesis keeps the source unchanged, the rest repeat the first.
    Suppressed phrases are removed from hypotheses. ``calls`` records batch sizes.
    """

    lexicon: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    calls: list[int] = field(default_factory=list)

    def supports(self, src: str, tgt: str) -> bool:
        return (src, tgt) in self.lexicon

    def describe(self, src: str, tgt: str) -> str:
        return f"stand-in {src}->{tgt}"

    def translate(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                  suppress: Sequence[str] = ()) -> list[list[str]]:
        if not self.supports(src, tgt):
            raise NotFoundError(f"no translation model for {src}->{tgt}")
        self.calls.append(len(sentences))
        words = {k.casefold(): v for k, v in self.lexicon[(src, tgt)].items()}
        out = []
        for sentence in sentences:
            first = _WORD.sub(lambda m: _keep_case(m.group(0), words.get(m.group(0).casefold())), sentence)
            hyps = [first] + ([sentence] if n_best > 1 else []) + [first] * max(0, n_best - 2)
            for phrase in suppress:
                hyps = [re.sub(re.escape(phrase), "", h, flags=re.IGNORECASE) for h in hyps]
            out.append(hyps[:max(1, n_best)])
        return out


def _keep_case(word: str, replacement: str | None) -> str:
    if replacement is None:
        return word
    if word[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def model_checksum(engine, src: str, tgt: str) -> str:
    """The checksum of the model(s) ``engine`` uses for src->tgt; engines without models give ''."""
    checksum = getattr(engine, "checksum", None)
    return checksum(src, tgt) if checksum else ""


def engine_runtime(engine, src: str, tgt: str) -> str:
    """Where and how ``engine`` runs the src->tgt model(s): the device and the compute type
    (CPU int8 and GPU float16 give different translations of one sentence with one model);
    engines without models give ''."""
    runtime = getattr(engine, "runtime", None)
    return runtime(src, tgt) if runtime else ""


@dataclass
class PivotEngine:
    """Translate through a pivot language (English) when no direct pair exists."""

    engine: Engine
    via: str = "en"

    def _route(self, src: str, tgt: str) -> list[tuple[str, str]]:
        if self.engine.supports(src, tgt):
            return [(src, tgt)]
        if self.engine.supports(src, self.via) and self.engine.supports(self.via, tgt):
            return [(src, self.via), (self.via, tgt)]
        through = "" if self.via in (src, tgt) else f" (directly or through {self.via})"
        raise NotFoundError(f"no translation model for {src}->{tgt}{through}; "
                            f"install one with: workbench models install {src} {tgt}")

    def supports(self, src: str, tgt: str) -> bool:
        try:
            self._route(src, tgt)
        except NotFoundError:
            return False
        return True

    def describe(self, src: str, tgt: str) -> str:
        return " + ".join(self.engine.describe(a, b) for a, b in self._route(src, tgt))

    def checksum(self, src: str, tgt: str) -> str:
        return " + ".join(model_checksum(self.engine, a, b) for a, b in self._route(src, tgt))

    def runtime(self, src: str, tgt: str) -> str:
        return " + ".join(engine_runtime(self.engine, a, b) for a, b in self._route(src, tgt))

    def translate_later(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                        suppress: Sequence[str] = ()) -> Callable[[], list[list[str]]]:
        if len(self._route(src, tgt)) == 1:
            return translate_later(self.engine, sentences, src, tgt, n_best=n_best, suppress=suppress)
        return lambda: self.translate(sentences, src, tgt, n_best=n_best, suppress=suppress)

    def translate(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                  suppress: Sequence[str] = ()) -> list[list[str]]:
        route = self._route(src, tgt)
        if len(route) == 1:
            return self.engine.translate(sentences, src, tgt, n_best=n_best, suppress=suppress)
        middle = [h[0] for h in self.engine.translate(sentences, *route[0])]
        return self.engine.translate(middle, *route[1], n_best=n_best, suppress=suppress)
