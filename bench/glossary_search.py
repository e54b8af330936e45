"""Glossary page search: does searching a term as written in running text find its concept?

    python bench/glossary_search.py            # tuning (dev) sets only
    python bench/glossary_search.py --test     # also the held-out sets (run once)
    python bench/glossary_search.py --errors   # list the searches that miss

Each marked occurrence ``{surface|concept-id}`` of the matcher bench's sentences
(bench/data/glossary/*.txt, held-out: heldout/*.txt) is typed into the search as
written and in lower case (what a translator types); distinct (surface, concept)
pairs are counted once. "first" is the share where the concept is the first one
found (the one the Glossary page opens), "found" where it is among the results.
The baseline, in the same run, is the search before it used the matcher: the
term's letters only (``filter_concepts(..., matchers={})``)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from glossary import DATA, HELDOUT, parse  # noqa: E402

from workbench.glossary import load_glossary  # noqa: E402
from workbench.glossary.termbase import filter_concepts  # noqa: E402


def searches(path: Path) -> list[tuple[str, str]]:
    pairs = {(surface, cid) for _, gold, negative, _ in parse(path) if not negative for *_, cid, surface in gold}
    return sorted(pairs)


def lower(text: str, lang: str) -> str:
    """Lower case as a translator types it (Turkish İ/I are i/ı)."""
    return (text.replace("İ", "i").replace("I", "ı") if lang in ("tr", "az") else text).lower()


def score(glossary, lang: str, pairs, matchers, errors: list | None = None) -> dict:
    out = {}
    for mode, typed in (("as written", lambda s: s), ("lower case", lambda s: lower(s, lang))):
        first = found = 0
        for surface, cid in pairs:
            ids = [c.id for c in filter_concepts(glossary, typed(surface), matchers=matchers)]
            first += ids[:1] == [cid]
            found += cid in ids
            if errors is not None and ids[:1] != [cid]:
                errors.append(f"{mode}: {typed(surface)!r} → {ids[:3]} (want {cid})")
        out[mode] = (100 * first / len(pairs), 100 * found / len(pairs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--test", action="store_true", help="also score the held-out sets")
    ap.add_argument("--errors", action="store_true", help="list the searches that miss")
    args = ap.parse_args()
    glossary = load_glossary(ROOT / "glossaries" / "political-terms.toml")
    print(f"{len(glossary)} concepts")
    sets = [("dev", DATA)] + ([("test", HELDOUT)] if args.test else [])
    print("| set | language | searches | mode | before: first / found | now: first / found |")
    print("|---|---|---|---|---|---|")
    took_ms: list[float] = []
    took_before: list[float] = []
    for split, folder in sets:
        for path in sorted(folder.glob("*.txt")):
            pairs = searches(path)
            errors: list | None = [] if args.errors else None
            start = time.perf_counter()
            now = score(glossary, path.stem, pairs, None, errors)
            took = (time.perf_counter() - start) / (2 * len(pairs))
            start = time.perf_counter()
            before = score(glossary, path.stem, pairs, {})
            took_before.append(1000 * (time.perf_counter() - start) / (2 * len(pairs)))
            for mode in now:
                b, n = before[mode], now[mode]
                print(f"| {split} | {path.stem} | {len(pairs)} | {mode} | {b[0]:.1f} / {b[1]:.1f} | "
                      f"{n[0]:.1f} / {n[1]:.1f} |")
            took_ms.append(1000 * took)
            for line in errors or ():
                print("   ", line)
    print(f"a search (its matchers built for it): {min(took_ms):.0f}-{max(took_ms):.0f} ms, before "
          f"{min(took_before):.0f}-{max(took_before):.0f} ms (mean per language and set, same run)")


if __name__ == "__main__":
    main()
