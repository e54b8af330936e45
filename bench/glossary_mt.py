"""MT term fidelity on real press with the stand-in engine: how often the preferred
English term of a labelled source concept appears in the machine translation.

    python bench/glossary_mt.py [--baseline-matcher FILE] [--split dev|test] [--glossary FILE]

The sentences are those of the real-text glossary bench (bench/glossary_realtext.py,
its private page texts) that hold a labelled occurrence of a concept with a preferred
English term. Each is translated tr/de/es -> en by the glossary enforcer
(workbench.translate.glossary) around the deterministic stand-in engine of the tests
(workbench.translate.engine.StandInEngine, with no lexicon: it copies what is not
masked), so only what the enforcer puts in counts. A sentence is faithful when every
such concept's preferred English term is found in the output by the English matcher;
the occurrence rate counts occurrences.

The baseline is the same run with another matcher module on the source side (give
main's workbench/glossary/matcher.py, saved to a file, as --baseline-matcher): same
glossary, same engine, same sentences, same English matcher for the check.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from glossary_realtext import LANGS, label_concepts, load_pages  # noqa: E402

from workbench.glossary import TermMatcher, load_glossary  # noqa: E402
from workbench.segment import sentence_spans  # noqa: E402
from workbench.translate.engine import StandInEngine  # noqa: E402
from workbench.translate.glossary import GlossaryEnforcer  # noqa: E402


class _Enforcer(GlossaryEnforcer):
    """The enforcer with the source matchers given; the term QA of each output is left
    out (it is not what is measured, and a baseline matcher may not support it)."""

    def _qa(self, source, result, src, tgt):
        return result


def sentences(pages, concepts: dict, glossary) -> list[tuple[str, str, list[str]]]:
    """(lang, sentence, concept ids with a preferred English term) of each labelled sentence."""
    with_en = {c.id for c in glossary.concepts if any(t.status == "preferred" for t in c.terms_in("en"))}
    out = []
    for page in pages:
        for start, end in sentence_spans(page.text, page.lang):
            wanted = []
            for g_start, g_end, _, label in page.gold:
                if start <= g_start and g_end <= end:
                    ids = sorted(concepts.get(label, {label}) & with_en)
                    if ids:
                        wanted.append(ids[0])
            if wanted:
                out.append((page.lang, page.text[start:end], wanted))
    return out


def fidelity(items, glossary, matcher_class) -> dict[str, tuple[int, int, int, int]]:
    """Per language: faithful sentences, sentences, rendered occurrences, occurrences."""
    english = TermMatcher(glossary, "en")
    result = {}
    for lang in LANGS:
        part = [(s, w) for lg, s, w in items if lg == lang]
        enforcer = _Enforcer(StandInEngine({(lang, "en"): {}}), glossary)
        enforcer._matchers[lang] = matcher_class(glossary, lang)
        outputs = enforcer.translate_checked([s for s, _ in part], lang, "en")
        good = rendered = total = 0
        for (_, wanted), out in zip(part, outputs):
            found = {m.concept_id for m in english.find(out.text, all_concepts=True) if m.status == "preferred"}
            hits = sum(1 for cid in wanted if cid in found)
            rendered += hits
            total += len(wanted)
            good += hits == len(wanted)
        result[lang] = (good, len(part), rendered, total)
    return result


def load_matcher(path: str):
    spec = importlib.util.spec_from_file_location("baseline_matcher", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_matcher"] = module
    spec.loader.exec_module(module)
    return module.TermMatcher


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-matcher", help="a matcher module file to compare with (e.g. main's)")
    parser.add_argument("--split", choices=("dev", "test"))
    parser.add_argument("--glossary", default=str(ROOT / "glossaries" / "political-terms.toml"))
    args = parser.parse_args()
    glossary = load_glossary(Path(args.glossary))
    pages = [p for p in load_pages() if args.split in (None, p.split)]
    items = sentences(pages, label_concepts(), glossary)
    runs = [("workbench matcher", TermMatcher)]
    if args.baseline_matcher:
        runs.insert(0, ("baseline matcher", load_matcher(args.baseline_matcher)))
    print(f"MT term fidelity, stand-in engine -> en, {len(glossary.concepts)} concepts, "
          f"split {args.split or 'dev+test'}")
    print(f"{'matcher':18}  {'lang':4}  {'faithful sentences':>20}  {'occurrences rendered':>22}")
    for name, matcher_class in runs:
        for lang, (good, n, rendered, total) in fidelity(items, glossary, matcher_class).items():
            print(f"{name:18}  {lang:4}  {good:5d}/{n:<4d} {good / max(n, 1):7.1%}  "
                  f"{rendered:6d}/{total:<5d} {rendered / max(total, 1):7.1%}")


if __name__ == "__main__":
    main()
