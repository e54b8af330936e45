"""Glossary enforcement: a wrapper around any engine.

Before translation, glossary matches in each source sentence are masked with
placeholders made of ASCII letters and digits (``QX0Z``, ``QX1Z``…), which any
SentencePiece vocabulary can encode and which models tend to copy:

* proper names without a target-language term are restored as written;
* a name with a preferred term in the target language is restored as that
  term ("Communist Party" becomes the party's Spanish name);
* a term written in its glossary form ("regime union") is restored as the
  preferred target term. An inflected occurrence ("regime unions") is not
  masked (the preferred term's base form would be wrong there); instead the
  hypotheses are reranked by how many of the wanted concepts they render
  with a preferred or admitted term (the target matcher knows inflections).

The engine is asked for n-best hypotheses; the one that kept most placeholders,
then rendered most wanted concepts, then used fewest forbidden terms wins
(ties: the engine's order). A placeholder the model dropped is re-inserted
at the same relative position and flagged for review: nothing masked is lost.
Forbidden target terms of the concepts in the sentence are passed to the engine
as ``suppress``. Finally the glossary term QA (``check_pair``) runs on every
output and its findings are kept with the segment.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Callable, Sequence

from workbench.translate.engine import Engine, engine_runtime, model_checksum, translate_later

PLACEHOLDER = "QX{}Z"
_PLACEHOLDER_RE = re.compile(r"Q\s?X\s?(\d{1,3})\s?Z", re.IGNORECASE)
N_BEST = 4


@dataclass(frozen=True)
class Mask:
    placeholder: str
    source: str           # the text matched in the source
    replacement: str      # what comes back in the target
    concept_id: str
    start: int            # in the original sentence
    kind: str             # "name" or "term"


@dataclass(frozen=True)
class Masked:
    original: str
    text: str
    masks: tuple[Mask, ...]
    suppress: tuple[str, ...]
    wanted: tuple[str, ...] = ()   # concepts to render with a preferred term (not masked)


@dataclass(frozen=True)
class Checked:
    """One translated segment with what the glossary did and found."""
    text: str
    masks: tuple[Mask, ...] = ()
    reinserted: tuple[str, ...] = ()
    findings: tuple[dict, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass
class GlossaryEnforcer:
    """Wraps an engine; with ``glossary=None`` it passes sentences straight through."""

    engine: Engine
    glossary: object | None = None
    n_best: int = N_BEST
    _matchers: dict = field(default_factory=dict, repr=False)

    # -- the Engine interface -------------------------------------------------
    def supports(self, src: str, tgt: str) -> bool:
        return self.engine.supports(src, tgt)

    def checksum(self, src: str, tgt: str) -> str:
        return model_checksum(self.engine, src, tgt)

    def runtime(self, src: str, tgt: str) -> str:
        return engine_runtime(self.engine, src, tgt)

    def describe(self, src: str, tgt: str) -> str:
        base = self.engine.describe(src, tgt)
        if self.glossary is None:
            return base
        return f"{base} + glossary ({len(self.glossary.concepts)} concepts)"

    def translate(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                  suppress: Sequence[str] = ()) -> list[list[str]]:
        return [[c.text] for c in self.translate_checked(sentences, src, tgt)]

    # -- enforcement ----------------------------------------------------------
    def translate_checked(self, sentences: Sequence[str], src: str, tgt: str) -> list[Checked]:
        return self.translate_checked_later(sentences, src, tgt)()

    def translate_checked_later(self, sentences: Sequence[str], src: str,
                                tgt: str) -> Callable[[], list[Checked]]:
        """Mask and start the engine's calls now; the returned function waits for them and
        restores and checks the results (``translate_checked``'s answer, same engine calls)."""
        if self.glossary is None or not len(self.glossary.concepts):
            get = translate_later(self.engine, list(sentences), src, tgt)
            return lambda: [Checked(h[0]) for h in get()]
        masked = [self.mask(s, src, tgt) for s in sentences]
        plain = [i for i, m in enumerate(masked) if not (m.masks or m.suppress or m.wanted)]
        special = [i for i, m in enumerate(masked) if m.masks or m.suppress or m.wanted]
        calls: list[tuple[list[int], Callable[[], list[list[str]]], bool]] = []
        if plain:
            calls.append((plain, translate_later(self.engine, [masked[i].text for i in plain], src, tgt), False))
        # sentences with the same forbidden terms share one call
        groups: dict[tuple[str, ...], list[int]] = {}
        for i in special:
            groups.setdefault(masked[i].suppress, []).append(i)
        for suppress, idxs in groups.items():
            n = self.n_best if any(masked[i].masks or masked[i].wanted for i in idxs) else 1
            calls.append((idxs, translate_later(self.engine, [masked[i].text for i in idxs], src, tgt, n_best=n,
                                                suppress=list(suppress)), True))

        def wait() -> list[Checked]:
            results: list[Checked | None] = [None] * len(sentences)
            for idxs, get, unmask in calls:
                for i, hyps in zip(idxs, get()):
                    results[i] = self.unmask(masked[i], hyps, tgt) if unmask else Checked(hyps[0])
            return [self._qa(s, r, src, tgt) for s, r in zip(sentences, results)]

        return wait

    def _matcher(self, lang: str):
        if lang not in self._matchers:
            self._matchers[lang] = glossary_api("TermMatcher")(self.glossary, lang)
        return self._matchers[lang]

    def mask(self, sentence: str, src: str, tgt: str) -> Masked:
        matches = sorted(self._matcher(src).find(sentence), key=lambda m: (m.start, -(m.end - m.start)))
        masks: list[Mask] = []
        suppress: set[str] = set()
        wanted: list[str] = []
        pieces, pos = [], 0
        for m in matches:
            concept = self.glossary.concept(m.concept_id)
            targets = concept.terms_in(tgt)
            suppress.update(t.text for t in targets if t.status == "forbidden")
            if m.start < pos or getattr(m, "compound", False):
                continue  # overlaps a longer match already masked, or is part of a longer word
            preferred = next((t.text for t in targets if t.status == "preferred"), None)
            is_name = m.proper_name or concept.is_name
            as_written = m.matched.casefold() == (getattr(m, "form", "") or m.term.text).casefold()
            if preferred is None and is_name:
                replacement, kind = sentence[m.start:m.end], "name"
            elif preferred is not None and (is_name or as_written):
                replacement, kind = preferred, ("name" if is_name else "term")
            else:
                if preferred is not None and m.concept_id not in wanted:
                    wanted.append(m.concept_id)
                continue
            placeholder = PLACEHOLDER.format(len(masks))
            masks.append(Mask(placeholder, sentence[m.start:m.end], replacement, m.concept_id, m.start, kind))
            pieces += [sentence[pos:m.start], placeholder]
            pos = m.end
        pieces.append(sentence[pos:])
        return Masked(sentence, "".join(pieces), tuple(masks), tuple(sorted(suppress)), tuple(wanted))

    def unmask(self, masked: Masked, hypotheses: Sequence[str], tgt: str | None = None) -> Checked:
        """Pick the best hypothesis (see the module notes) and restore what was masked."""
        count = len(masked.masks)
        wanted = set(masked.wanted)

        def score(h: str) -> tuple[int, int, int]:
            kept = len({int(n) for n in _PLACEHOLDER_RE.findall(h) if int(n) < count})
            if not wanted or tgt is None:
                return kept, 0, 0
            found = self._matcher(tgt).find(_PLACEHOLDER_RE.sub(" ", h), all_concepts=True)
            rendered = {f.concept_id for f in found if f.status in ("preferred", "admitted")} & wanted
            forbidden = sum(1 for f in found if f.status == "forbidden")
            return kept, len(rendered), -forbidden

        best = max(hypotheses or [""], key=score)  # max keeps the first of equals
        return restore(masked, best) if masked.masks else Checked(best)

    def _qa(self, source: str, result: Checked, src: str, tgt: str) -> Checked:
        if self.glossary is None or not len(self.glossary.concepts):
            return result
        check_pair = glossary_api("check_pair", required=False)
        if check_pair is None:  # the glossary's term QA is not available in this install
            return result
        found = check_pair(source, result.text, src, tgt, self.glossary, src_matcher=self._matcher(src),
                           tgt_matcher=self._matcher(tgt))
        findings = tuple(_plain(f) for f in found)
        return Checked(result.text, result.masks, result.reinserted, findings, result.flags)


def fingerprint(engine) -> str:
    """A hash of the glossary state ``engine`` enforces (every concept whole: id, version, terms,
    and the number of hypotheses it asks for), or of none when it is no enforcer or has no
    glossary: two jobs with the same one masked, reranked and checked their sentences alike.
    Hashed once per glossary object (it is immutable; 0.07-0.2 s for 800 concepts): the app's
    engine keeps its glossary from job to job, so only its first planning pays for it."""
    glossary = getattr(engine, "glossary", None) if isinstance(engine, GlossaryEnforcer) else None
    if glossary is None or not glossary.concepts:
        return content_fingerprint(None, None)
    return glossary.derived(("job fingerprint", engine.n_best), lambda g: content_fingerprint(g, engine.n_best))


def content_fingerprint(glossary, n_best: int | None) -> str:
    """``fingerprint``'s hash, made from every concept of ``glossary`` (None: no glossary)."""
    import hashlib
    import json

    from workbench.glossary.model import concept_to_dict

    concepts = [concept_to_dict(c.normalized()) for c in glossary.concepts] if glossary is not None else []
    state = {"concepts": concepts, "n_best": n_best if concepts else None}
    return hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def glossary_api(name: str, required: bool = True):
    """``workbench.glossary.<name>``, looked up lazily (also in its submodules)."""
    import importlib

    for module in ("workbench.glossary", "workbench.glossary.matcher", "workbench.glossary.qa"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    if required:
        from workbench.errors import ModelError

        raise ModelError(f"glossary enforcement needs workbench.glossary.{name}, which is not available")
    return None


def restore(masked: Masked, hypothesis: str) -> Checked:
    """Put every masked text back; re-insert (and flag) any placeholder the model dropped.

    Restored and re-inserted texts are kept whole: a later re-insertion never
    lands inside an earlier one."""
    by_number = {i: m for i, m in enumerate(masked.masks)}
    seen: set[int] = set()
    flags: list[str] = []
    text, protected, pos = "", [], 0
    for match in _PLACEHOLDER_RE.finditer(hypothesis):
        text += hypothesis[pos:match.start()]
        pos = match.end()
        n = int(match.group(1))
        if n not in by_number:
            flags.append(f"unknown placeholder {match.group(0)!r} removed")
        elif n in seen:
            flags.append(f"repeated placeholder for {by_number[n].source!r} removed")
        else:
            seen.add(n)
            protected.append((len(text), len(text) + len(by_number[n].replacement)))
            text += by_number[n].replacement
    text += hypothesis[pos:]
    reinserted = []
    for n, mask in by_number.items():
        if n in seen:
            continue
        text, protected = _insert_at_ratio(text, mask.replacement, mask.start / max(len(masked.original), 1),
                                           protected)
        reinserted.append(mask.replacement)
        flags.append(f"model dropped {mask.source!r}; re-inserted {mask.replacement!r} for review")
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if masked.original.lstrip()[:1].isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]   # a restored term starting the sentence
    return Checked(text, masked.masks, tuple(reinserted), (), tuple(flags))


_CLOSING = ".!?;:…\"'»”)"


def _insert_at_ratio(text: str, insert: str, ratio: float,
                     protected: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Insert at the word boundary nearest ``ratio`` of the text, outside protected spans
    (before closing punctuation at the end). Returns the text and the shifted spans."""
    if not text.strip():
        return insert, [(0, len(insert))]
    target = int(round(ratio * len(text)))
    end = len(text.rstrip())
    while end and text[end - 1] in _CLOSING:
        end -= 1
    bounds = {0, end} | {m.end() for m in re.finditer(r"\s+", text) if m.end() < end}
    bounds = [b for b in bounds if not any(a < b < z for a, z in protected)]
    at = min(bounds, key=lambda b: (abs(b - target), b))
    before, after = text[:at], text[at:]
    pad_left = " " if before and not before[-1].isspace() else ""
    pad_right = " " if after and not after[0].isspace() and at != end else ""
    new = f"{before}{pad_left}{insert}{pad_right}{after}"
    shift = len(pad_left) + len(insert) + len(pad_right)
    spans = [(a + shift, z + shift) if a >= at else (a, z) for a, z in protected]
    spans.append((at + len(pad_left), at + len(pad_left) + len(insert)))
    return new, spans


def _plain(finding) -> dict:
    if is_dataclass(finding) and not isinstance(finding, type):
        return _jsonable(asdict(finding))
    if isinstance(finding, dict):
        return _jsonable(finding)
    return {"text": str(finding)}


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
