"""Language identification (document and paragraph level).

Deterministic: langdetect is seeded so the same text gets the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Detection:
    lang: str          # ISO 639-1 code, or "und" when it cannot tell
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()


UNDETERMINED = Detection("und", 0.0)


def detect(text: str) -> Detection:
    if sum(ch.isalpha() for ch in text) < 3:
        return UNDETERMINED
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text[:20000])
    except LangDetectException:
        return UNDETERMINED
    best = ranked[0]
    return Detection(best.lang.split("-")[0], round(best.prob, 4),
                     tuple((r.lang.split("-")[0], round(r.prob, 4)) for r in ranked[1:4]))
