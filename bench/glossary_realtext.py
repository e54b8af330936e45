"""Glossary matching on real press: precision and recall per language, dev and test.

    python bench/glossary_realtext.py              # dev and test, workbench matcher and exact-form baseline
    python bench/glossary_realtext.py --split dev --errors dev   # tuning: dev only, with its errors
    python bench/glossary_realtext.py --check      # only verify the private page texts against the labels

The pages (bench/data/glossary/realtext/sources.tsv: language, site, address, split) are
paragraphs from web pages of labour and communist organisations that nobody on the team
wrote. Their text is third-party and stays out of the repository, in the ignored
``private/`` folder next to sources.tsv (one ``<source>.txt`` a page; README.md there says
how to rebuild it). The labels (labels.tsv) are facts about that text: offsets, the surface
form and a concept label; concepts.tsv maps a label to the glossary concept ids that
count as right for it (a label with no row there is itself the concept id).

The split into dev and test was made by page, with a fixed seed, before any tuning.

Scoring: a hit of the matcher is right when it overlaps a labelled occurrence whose
label maps to the hit's concept (spans differ by convention: an apostrophe suffix, a
compound component); a labelled occurrence is found when some hit is right for it.
Recall is over the labelled occurrences. A hit of a concept that no label uses
(the glossary grew past the labelled inventory) is judged in adjudicated.tsv (source,
span, concept, right or wrong, by reading the sentence); precision counts those
verdicts too ("P all hits"), and a hit of such a concept with no verdict yet is
counted apart ("unjudged") and listed with --errors. The baseline is exact-form
matching of the glossary terms (OmegaT-style, see bench/glossary.py), scored the same way.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from glossary import ExactMatcher  # noqa: E402  (bench/glossary.py)

from workbench.glossary import Glossary, TermMatcher, load_glossary  # noqa: E402

DATA = ROOT / "bench" / "data" / "glossary" / "realtext"
PRIVATE = DATA / "private"
LANGS = ("tr", "de", "es")


@dataclass
class Page:
    source: str
    lang: str
    split: str
    text: str
    gold: list[tuple[int, int, str, str]] = field(default_factory=list)   # start, end, surface, label


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    right: int = 0
    wrong: int = 0
    judged_right: int = 0     # hits of concepts outside the labels, judged by reading
    judged_wrong: int = 0
    other: int = 0            # such hits with no verdict yet
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def precision_all(self) -> float:
        right, wrong = self.right + self.judged_right, self.wrong + self.judged_wrong
        return right / (right + wrong) if right + wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0


def _tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_pages(check_only: bool = False) -> list[Page]:
    """The pages with their labels; stops with a message when a private text is missing or changed."""
    pages, problems = {}, []
    for row in _tsv(DATA / "sources.tsv"):
        path = PRIVATE / f"{row['source']}.txt"
        if not path.exists():
            problems.append(f"missing {path.relative_to(ROOT)} ({row['url']})")
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode()).hexdigest()[:16] != row["sha256_16"]:
            problems.append(f"{path.relative_to(ROOT)} differs from the text that was labelled")
        pages[row["source"]] = Page(row["source"], row["lang"], row["split"], text)
    for lineno, row in enumerate(_tsv(DATA / "labels.tsv"), start=2):
        page = pages.get(row["source"])
        if page is None:
            continue
        start, end = int(row["start"]), int(row["end"])
        if page.text[start:end] != row["surface"]:
            problems.append(f"labels.tsv line {lineno}: {row['surface']!r} is not at {start}-{end} of {row['source']}")
        page.gold.append((start, end, row["surface"], row["label"]))
    if problems:
        sys.exit("Error: " + "; ".join(problems) + " (see bench/data/glossary/realtext/README.md)")
    if check_only:
        print(f"{len(pages)} pages and {sum(len(p.gold) for p in pages.values())} labels verified")
    return list(pages.values())


def label_concepts() -> dict[str, set[str]]:
    return {row["label"]: set(row["concepts"].split(";")) for row in _tsv(DATA / "concepts.tsv")}


def verdicts() -> dict[tuple[str, int, int, str], bool]:
    """(source, start, end, concept) -> right? for hits of concepts outside the labels."""
    path = DATA / "adjudicated.tsv"
    rows = _tsv(path) if path.exists() else []
    return {(r["source"], int(r["start"]), int(r["end"]), r["concept"]): r["verdict"] == "right" for r in rows}


def score(pages: list[Page], find, concepts: dict[str, set[str]], labels: set[str], judged=None) -> Score:
    """``find(text)`` gives (start, end, concept id) hits; ``judged`` is ``verdicts()``."""
    inventory = set().union(*(concepts.get(label, {label}) for label in labels))
    judged = judged or {}
    s = Score()
    for page in pages:
        hits = set(find(page.text))
        found = set()
        for start, end, concept in sorted(hits):
            right = [g for g in page.gold if g[0] < end and start < g[1] and concept in concepts.get(g[3], {g[3]})]
            if right:
                s.right += 1
                found.update(right)
            elif concept in inventory:
                s.wrong += 1
                s.errors.append(f"  {page.source}: false hit {page.text[start:end]!r} -> {concept}")
            elif (page.source, start, end, concept) in judged:
                if judged[page.source, start, end, concept]:
                    s.judged_right += 1
                else:
                    s.judged_wrong += 1
                    s.errors.append(f"  {page.source}: judged wrong {page.text[start:end]!r} -> {concept}")
            else:
                s.other += 1
                s.errors.append(f"  {page.source}: unjudged {page.text[start:end]!r} -> {concept}")
        s.labelled += len(page.gold)
        s.found += len(found)
        s.errors += [f"  {page.source}: missed {g[2]!r} ({g[3]})" for g in page.gold if g not in found]
    return s


class LemmaSecondOpinion:
    """The workbench matcher plus, for each word it finds nothing in, the one-word terms
    whose folded form equals the word's lemma by ``simplemma`` (a second opinion beside
    the rules; measured with --second-opinion, not used by the workbench)."""

    def __init__(self, matcher: TermMatcher, glossary, lang: str):
        try:
            import simplemma
        except ImportError:
            sys.exit("Error: --second-opinion needs the simplemma package (pip install simplemma)")

        self.matcher, self.lang, self.lemmatize = matcher, lang, simplemma.lemmatize
        fold = matcher.morph.fold
        self.terms: dict[str, set[str]] = {}
        for concept in glossary.concepts:
            for term in concept.terms_in(lang):
                if len(term.text.split()) == 1:
                    self.terms.setdefault(fold(term.text), set()).add(concept.id)

    def find(self, text: str):
        hits = [(m.start, m.end, m.concept_id) for m in self.matcher.find(text, nested=True)]
        covered = [(s, e) for s, e, _ in hits]
        fold = self.matcher.morph.fold
        for m in re.finditer(r"\w+", text):
            if any(s < m.end() and m.start() < e for s, e in covered):
                continue
            for concept in self.terms.get(fold(self.lemmatize(m.group(), lang=self.lang)), ()):
                hits.append((m.start(), m.end(), concept))
        return hits


def report(pages: list[Page], glossary, show: str | None, only: str | None = None,
           second_opinion: bool = False) -> None:
    concepts = label_concepts()
    labels = {g[3] for p in pages for g in p.gold}      # the labelled inventory: from both splits
    known = {c.id for c in glossary.concepts}
    absent = sorted(label for label in labels if not (concepts.get(label, {label}) & known))
    print(f"Real-text glossary bench: {len(glossary.concepts)} concepts in the glossary; "
          f"{len(absent)} of {len(labels)} labelled concepts are not in it: {', '.join(absent) or '-'}")
    judged = verdicts()
    print(f"{'lang':4}  {'split':5}  {'pages':>5}  {'labels':>6}  {'P labelled':>10}  {'P all hits':>10}  "
          f"{'recall':>6}  {'unjudged':>8}  {'exact P':>7}  {'exact R':>7}")
    for lang in LANGS:
        ours = TermMatcher(glossary, lang)
        exact = ExactMatcher(glossary, lang)
        for split in [only] if only else ("dev", "test"):
            part = [p for p in pages if p.lang == lang and p.split == split]
            s = score(part, lambda t: [(m.start, m.end, m.concept_id) for m in ours.find(t, nested=True)],
                      concepts, labels, judged)
            b = score(part, exact.find, concepts, labels, judged)
            print(f"{lang:4}  {split:5}  {len(part):5d}  {s.labelled:6d}  {s.precision:10.1%}  "
                  f"{s.precision_all:10.1%}  {s.recall:6.1%}  {s.other:8d}  {b.precision:7.1%}  {b.recall:7.1%}")
            if second_opinion:
                o = score(part, LemmaSecondOpinion(ours, glossary, lang).find, concepts, labels, judged)
                print(f"  + simplemma lemmas: P labelled {o.precision:.1%}, P all hits {o.precision_all:.1%} "
                      f"({o.other} unjudged), recall {o.recall:.1%}")
            if show == split and s.errors:
                print("\n".join(s.errors))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", choices=("dev", "test"), help="list misses and false hits of this split")
    parser.add_argument("--check", action="store_true", help="only verify the private texts")
    parser.add_argument("--split", choices=("dev", "test"), help="only this split (tune on dev only)")
    parser.add_argument("--second-opinion", action="store_true",
                        help="also score the matcher plus simplemma lemmas (needs the simplemma package)")
    parser.add_argument("--glossary", default=str(ROOT / "glossaries" / "political-terms.toml"))
    parser.add_argument("--extra", action="append", default=[],
                        help="another glossary file whose concepts are added (concepts not yet in the shared one)")
    args = parser.parse_args()
    pages = load_pages(check_only=args.check)
    if not args.check:
        glossary = load_glossary(Path(args.glossary))
        for extra in args.extra:
            known = {c.id for c in glossary.concepts}
            glossary = Glossary(glossary.concepts + tuple(c for c in load_glossary(Path(extra)).concepts
                                                          if c.id not in known))
        report(pages, glossary, args.errors, args.split, args.second_opinion)


if __name__ == "__main__":
    main()
