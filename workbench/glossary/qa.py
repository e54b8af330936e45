"""Term QA for one source/target pair of texts.

For each source term whose concept has terms in the target language:

- ``ok``         a preferred target term of the concept is in the target;
- ``admitted``   only an admitted (or deprecated) target term is used;
- ``missing``    no target term of the concept is found;
- ``forbidden``  a forbidden target term of the concept is used.

Forbidden target terms are also reported when no source term asked for them
(a forbidden rendering is wrong whatever the source says), unless the same
words render a source term of another concept there (``Generalstreik`` is
forbidden for Luxemburg's mass strike but right for the general strike). Proper names are
checked like terms: a name kept in its original form counts as found.

The concepts nested in a longer source term are checked too (``Komünist Partisi``
is also communist and party; ``Klassenkampf`` also class and struggle): a nested
concept is reported when the target renders it (ok, admitted, forbidden), but its
absence is no finding, since the longer term's own rendering may legitimately lack
it (``işçi sınıfı``, 'working class', holds no 'worker'). The same holds for a term
found only as part of a longer word (``Hafenarbeiter``, 'dockers', holds no 'worker').
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.glossary.matcher import TermMatch, TermMatcher
from workbench.glossary.model import Glossary

QA_KINDS = ("ok", "admitted", "missing", "forbidden")


@dataclass(frozen=True)
class QAFinding:
    kind: str                                   # ok | admitted | missing | forbidden
    concept_id: str
    source_term: str | None                     # the glossary term found in the source
    source_span: tuple[int, int] | None
    target_term: str | None                     # the glossary term found in the target
    target_span: tuple[int, int] | None
    expected: tuple[str, ...] = ()              # the preferred target terms
    message: str = ""


def check_pair(source: str, target: str, src_lang: str, tgt_lang: str, glossary: Glossary, *,
               src_matcher: TermMatcher | None = None,
               tgt_matcher: TermMatcher | None = None) -> list[QAFinding]:
    """Findings in source order, then forbidden target terms with no source term.

    Pass prebuilt matchers when checking many pairs with the same glossary."""
    src_matcher = src_matcher or TermMatcher(glossary, src_lang)
    tgt_matcher = tgt_matcher or TermMatcher(glossary, tgt_lang)
    src_matches = src_matcher.find(source, nested=True)
    tgt_matches = tgt_matcher.find(target, nested=True)
    inner = _nested(src_matches)
    by_concept: dict[str, list[TermMatch]] = {}
    for m in tgt_matches:
        by_concept.setdefault(m.concept_id, []).append(m)

    findings: list[QAFinding] = []
    used: set[int] = set()           # ids of target matches already reported
    checked: set[str] = set()
    spans: set[tuple[int, int]] = set()   # target spans that render a source term
    for sm in src_matches:
        concept = glossary.concept(sm.concept_id)
        targets = concept.terms_in(tgt_lang)
        if not targets and not sm.proper_name:
            continue
        expected = tuple(t.text for t in targets if t.status == "preferred")
        if not targets:
            expected = (sm.term.text,)
        found = [m for m in by_concept.get(sm.concept_id, ()) if id(m) not in used]
        # the same concept twice in the source consumes two target occurrences when there are two
        if not found and sm.concept_id in checked:
            found = by_concept.get(sm.concept_id, [])[:1]
        checked.add(sm.concept_id)
        span = (sm.start, sm.end)
        if not found and (id(sm) in inner or _part_of_a_longer_word(source, sm)):
            continue
        if not found:
            findings.append(QAFinding("missing", sm.concept_id, sm.term.text, span, None, None, expected,
                                      f"'{sm.matched}' ({sm.concept_id}): no {tgt_lang} term of the concept "
                                      f"in the target; expected {_or(expected)}"))
            continue
        best = min(found, key=lambda m: _RANK[m.status])
        used.add(id(best))
        tspan = (best.start, best.end)
        spans.add(tspan)
        if best.status == "forbidden":
            kind, why = "forbidden", f"uses the forbidden term '{best.term.text}'"
        elif best.status == "preferred" or best.proper_name:
            kind, why = "ok", f"uses '{best.term.text}'"
        else:
            kind, why = "admitted", f"uses the {best.status} term '{best.term.text}'"
        note = f" ({best.term.note})" if best.term.note and kind != "ok" else ""
        if kind != "ok" and expected:
            why += f"; preferred: {_or(expected)}"
        findings.append(QAFinding(kind, sm.concept_id, sm.term.text, span, best.term.text, tspan, expected,
                                  f"'{sm.matched}' ({sm.concept_id}): {why}{note}"))
    findings += _unsolicited_forbidden(tgt_matches, used, spans, glossary, tgt_lang)
    return findings


def _part_of_a_longer_word(source: str, match: TermMatch) -> bool:
    """The term is only part of a source compound (*Hafenarbeiter* holds *Arbeiter*, the paper
    *Klassenlinie* holds *Klasse*): the compound's own rendering may lack it (*dockers*), or the
    compound is a name kept as it is, so its absence is no finding."""
    before = source[match.start - 1] if match.start > 0 else ""
    after = source[match.end] if match.end < len(source) else ""
    return before.isalnum() or after.isalnum()


def _unsolicited_forbidden(tgt_matches, used: set[int], spans: set[tuple[int, int]], glossary: Glossary,
                           tgt_lang: str) -> list[QAFinding]:
    """Forbidden target terms that no source term asked for, outside the spans that render one."""
    out: list[QAFinding] = []
    for m in tgt_matches:
        if m.status == "forbidden" and id(m) not in used and not any(s <= m.start and m.end <= e for s, e in spans):
            concept = glossary.concept(m.concept_id)
            expected = tuple(t.text for t in concept.terms_in(tgt_lang) if t.status == "preferred")
            note = f" ({m.term.note})" if m.term.note else ""
            out.append(QAFinding("forbidden", m.concept_id, None, None, m.term.text, (m.start, m.end),
                                 expected, f"'{m.matched}' ({m.concept_id}) is a forbidden {tgt_lang} "
                                 f"term{note}" + (f"; preferred: {_or(expected)}" if expected else "")))
    return out


def _nested(matches: list[TermMatch]) -> set[int]:
    """Ids of the matches that lie inside a longer match."""
    return {id(m) for m in matches
            if any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in matches)}


_RANK = {"forbidden": 0, "preferred": 1, "admitted": 2, "deprecated": 3}


def _or(terms) -> str:
    return " or ".join(f"'{t}'" for t in terms) if terms else "(none)"
