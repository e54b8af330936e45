"""Word-form frequencies of political vocabulary in real labour and communist press.

    python bench/glossary_frequency.py                 # write the tables, print coverage
    python bench/glossary_frequency.py --gaps 40       # also list the 40 most frequent
                                                       # content forms no concept covers

Sources: ``bench/data/glossary/frequency-sources.tsv`` (lang, site, url, file). The page
texts are third-party and stay out of the repository, in the ignored folder
``bench/data/glossary/private/<lang>/<file>``; rebuild them from the listed addresses.

Pages that the real-text matcher bench keeps as its TEST split
(``bench/data/glossary/realtext/sources.tsv``, column ``split``; or the file given with
``--realtext``) must not shape the glossary: the script refuses to run when a frequency
source has a test page's address or site.

For each language it writes ``frequency-<lang>.tsv``: every word form seen at least
twice (case-folded, Turkish dotted/dotless i kept apart), with its count, the number of
sites it occurs on, whether it is a stop word (``stopwordsiso``), and the glossary
concepts whose matches cover it. ``frequency-concepts.tsv`` counts the concepts the
shared glossary's matcher finds in the same texts. Coverage is printed for the most
frequent content forms (not stop words, not numbers).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.glossary import TermMatcher, load_glossary  # noqa: E402

DATA = ROOT / "bench" / "data" / "glossary"
SOURCES = DATA / "frequency-sources.tsv"
PRIVATE = DATA / "private"
REALTEXT = DATA / "realtext" / "sources.tsv"
LANGS = ("tr", "de", "es", "en")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
MIN_COUNT = 2


def fold(word: str, lang: str) -> str:
    if lang == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower().replace("’", "'")


def read_sources(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def check_no_test_pages(sources: list[dict], realtext: Path) -> None:
    """Stop if a frequency source is a page (or on a site) of the matcher bench's test split."""
    if not realtext.exists():
        print(f"note: {realtext} not found; test-split check skipped", file=sys.stderr)
        return
    test = [row for row in read_sources(realtext) if row.get("split") == "test"]
    urls = {row["url"] for row in test}
    sites = {row["site"] for row in test}
    clash = [s for s in sources if s["url"] in urls or s["site"] in sites]
    if clash:
        sys.exit("Error: test-split pages among the frequency sources: "
                 + ", ".join(s["url"] for s in clash))


def load_texts(sources: list[dict], lang: str) -> list[tuple[str, str]]:
    texts = []
    for s in sources:
        if s["lang"] != lang:
            continue
        path = PRIVATE / lang / s["file"]
        if not path.exists():
            print(f"missing {path} (rebuild it from {s['url']})", file=sys.stderr)
            continue
        texts.append((s["site"], path.read_text(encoding="utf-8")))
    return texts


def count_language(texts, lang: str, matcher: TermMatcher):
    """Form counts, form site sets, form -> concept counts, and concept counts/sites."""
    forms, form_sites = Counter(), defaultdict(set)
    form_concepts: dict[str, Counter] = defaultdict(Counter)
    concepts, concept_sites = Counter(), defaultdict(set)
    for site, text in texts:
        for m in WORD.finditer(text):
            f = fold(m.group(), lang)
            forms[f] += 1
            form_sites[f].add(site)
        for hit in matcher.find(text, all_concepts=True):
            concepts[hit.concept_id] += 1
            concept_sites[hit.concept_id].add(site)
            for w in WORD.finditer(text, hit.start, hit.end):
                form_concepts[fold(w.group(), lang)][hit.concept_id] += 1
    return forms, form_sites, form_concepts, concepts, concept_sites


def write_forms(path: Path, lang: str, forms, form_sites, form_concepts, stop: set) -> list[tuple]:
    rows = []
    for form, n in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < MIN_COUNT:
            continue
        ids = ";".join(c for c, _ in form_concepts[form].most_common())
        rows.append((n, len(form_sites[form]), form, int(form in stop), ids))
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("rank\tcount\tsites\tform\tstopword\tconcepts\n")
        for rank, row in enumerate(rows, start=1):
            fh.write("\t".join(str(x) for x in (rank, *row)) + "\n")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", type=int, default=300, help="content forms to report coverage on")
    ap.add_argument("--gaps", type=int, default=0, help="list this many uncovered frequent forms")
    ap.add_argument("--realtext", type=Path, default=REALTEXT, help="matcher bench sources (split column)")
    args = ap.parse_args(argv)

    import stopwordsiso

    sources = read_sources(SOURCES)
    check_no_test_pages(sources, args.realtext)
    missing = [s["url"] for s in sources if not (PRIVATE / s["lang"] / s["file"]).exists()]
    if missing:
        print(f"{len(missing)} of {len(sources)} page texts are not in {PRIVATE}; rebuild them from "
              f"{SOURCES.name}. Tables left unchanged.")
        return 0
    glossary = load_glossary(ROOT / "glossaries" / "political-terms.toml")
    concept_rows = []
    for lang in LANGS:
        texts = load_texts(sources, lang)
        stop = {fold(w, lang) for w in stopwordsiso.stopwords(lang)}
        forms, form_sites, form_concepts, concepts, concept_sites = count_language(
            texts, lang, TermMatcher(glossary, lang, include_names=False))
        rows = write_forms(DATA / f"frequency-{lang}.tsv", lang, forms, form_sites, form_concepts, stop)
        content = [r for r in rows if not r[3]][:args.top]
        covered = sum(1 for r in content if r[4])
        weight = sum(r[0] for r in content)
        covered_weight = sum(r[0] for r in content if r[4])
        print(f"{lang}: {len(texts)} pages, {len({s for s, _ in texts})} sites, "
              f"{sum(forms.values())} words, {len(forms)} forms; top {len(content)} content forms: "
              f"{covered} covered by a concept ({covered_weight}/{weight} occurrences, "
              f"{100 * covered_weight / max(weight, 1):.1f}%); {len(concepts)} concepts found")
        if args.gaps:
            gaps = [f"{r[2]}:{r[0]}" for r in content if not r[4]][:args.gaps]
            print("  uncovered:", " ".join(gaps))
        concept_rows += [(lang, c, n, len(concept_sites[c])) for c, n in concepts.most_common()]
    with (DATA / "frequency-concepts.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("lang\tconcept\tcount\tsites\n")
        fh.writelines("\t".join(str(x) for x in row) + "\n" for row in concept_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
