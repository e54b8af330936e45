"""Glossary matcher benchmark: precision/recall per language and speed.

    python bench/glossary.py            # quality on bench/data/glossary/*.txt, then speed
    python bench/glossary.py --errors   # also list every miss and false hit

Quality is reported twice: on the tuning sets (bench/data/glossary/*.txt, written
by the engineer who tuned the matcher) and on the held-out sets
(bench/data/glossary/heldout/*.txt, written by someone else and never used for
tuning), each with the same baselines.

Quality: each test file has one sentence a line with every glossary term
occurrence marked ``{surface|concept-id}`` (see bench/data/glossary/README.md).
A hit is right when its span and concept equal a marked occurrence. The
baseline is exact-form matching (what OmegaT-style tools do: the term text,
case-folded, as a whole word or word sequence); a second baseline matches
Snowball stems (``snowballstemmer``) of every word.

Speed: 10,000 terms (the shared glossary's terms plus generated ones) over
1 MB of text (generated from the test sentences), index build and matching
timed against a naive baseline measured in the same run: one compiled regex
per term, each run over the text (the per-term regex loop of simple tools).
The naive loop is timed on a slice of the text and scaled, since it grows
with terms x text. Linearity: matching time on 0.25, 0.5 and 1 MB. Our
timings are the best of 3 runs; the baseline's is one run.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.glossary import Concept, Glossary, Term, TermMatcher, load_glossary  # noqa: E402

DATA = ROOT / "bench" / "data" / "glossary"
HELDOUT = DATA / "heldout"   # held-out sets: not used for tuning
REPEAT = 3          # timings are the best of 3 runs (the machine may be shared)
MARK = re.compile(r"\{([^{}|]+)\|([a-z0-9-]+)\}")


def parse(path: Path):
    """Sentences as (text, gold spans, negative?)."""
    out, negative = [], False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## negatives"):
            negative = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, pos = [], [], 0
        last = 0
        for m in MARK.finditer(line):
            text.append(line[last:m.start()])
            pos += m.start() - last
            gold.append((pos, pos + len(m.group(1)), m.group(2), m.group(1)))
            text.append(m.group(1))
            pos += len(m.group(1))
            last = m.end()
        text.append(line[last:])
        out.append(("".join(text), gold, negative, lineno))
    return out


class ExactMatcher:
    """Baseline: exact term forms (case-folded, whole words), longest first."""

    def __init__(self, glossary: Glossary, lang: str):
        forms = {}
        for c in glossary.concepts:
            for t in c.terms:
                if t.lang == lang or t.proper_name:
                    for f in (t.text, *t.variants):
                        forms.setdefault(f.casefold(), c.id)
        self.forms = forms
        alts = sorted(forms, key=len, reverse=True)
        self.rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)", re.IGNORECASE)

    def find(self, text):
        return [(m.start(), m.end(), self.forms.get(m.group().casefold())) for m in self.rx.finditer(text)]


class SnowballMatcher:
    """Second baseline: every word reduced to its Snowball stem (snowballstemmer),
    terms matched as stem sequences, longest first."""

    ALGORITHMS = {"tr": "turkish", "de": "german", "es": "spanish", "en": "english"}

    def __init__(self, glossary: Glossary, lang: str):
        import snowballstemmer

        self.stem = snowballstemmer.stemmer(self.ALGORITHMS[lang]).stemWord
        self.fold = (lambda w: w.replace("I", "ı").replace("İ", "i").lower()) if lang == "tr" else str.lower
        self.terms: dict[tuple, str] = {}
        for c in glossary.concepts:
            for t in c.terms:
                if t.lang == lang or t.proper_name:
                    for f in (t.text, *t.variants):
                        key = tuple(self.stem(self.fold(w)) for w in re.findall(r"\w+", f))
                        if key:
                            self.terms.setdefault(key, c.id)
        self.longest = max((len(k) for k in self.terms), default=1)

    def find(self, text):
        words = [(m.start(), m.end(), self.stem(self.fold(m.group()))) for m in re.finditer(r"\w+", text)]
        out, i = [], 0
        while i < len(words):
            for k in range(min(self.longest, len(words) - i), 0, -1):
                cid = self.terms.get(tuple(w[2] for w in words[i:i + k]))
                if cid:
                    out.append((words[i][0], words[i + k - 1][1], cid))
                    i += k
                    break
            else:
                i += 1
        return out


def score(sentences, finder, lenient: bool = False, scope: frozenset | None = None):
    """Strict: span and concept equal. Lenient: a hit overlapping a marked occurrence
    of the same concept counts as that occurrence (e.g. 'DİSK' inside "DİSK'in").
    With ``scope``, hits of concepts outside it (the sets do not mark them) are not scored;
    their number is returned last."""
    tp = fp = fn = unscored = 0
    errors = []
    for text, gold, _, lineno in sentences:
        want = {(s, e, c) for s, e, c, _ in gold}
        got = set(finder(text))
        if scope is not None:
            unscored += sum(1 for h in got if h[2] not in scope)
            got = {h for h in got if h[2] in scope}
        if lenient:
            got = {next(((s, e, c) for s, e, c in want if c == hc and s < he and hs < e), (hs, he, hc))
                   for hs, he, hc in got}
        tp += len(want & got)
        for s, e, c in sorted(got - want):
            fp += 1
            errors.append(f"  line {lineno}: false hit {text[s:e]!r} -> {c}")
        for s, e, c in sorted(want - got):
            fn += 1
            errors.append(f"  line {lineno}: missed {text[s:e]!r} ({c})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn, errors, unscored


def marked_concepts() -> frozenset:
    """The concept ids the test sets are marked for (see marked-concepts.tsv)."""
    lines = (DATA / "marked-concepts.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def quality(glossary: Glossary, show_errors: bool) -> None:
    print("Quality (shared glossary; a hit counts when span and concept are right; only hits of the")
    print(" concepts the sets are marked for are scored (marked-concepts.tsv); 'unscored' counts the others)")
    print("(baselines: exact forms, also scored leniently (a hit overlapping the right occurrence counts);")
    print(" Snowball stems of every word (the snowballstemmer package))")
    quality_table(glossary, sorted(DATA.glob("*.txt")), show_errors)
    held = sorted(HELDOUT.glob("*.txt"))
    if held:
        print("\nQuality, held-out (bench/data/glossary/heldout: written by another engineer after the tuning,")
        print(" never used to tune the matcher; same scoring and baselines)")
        quality_table(glossary, held, show_errors, label="held-out ")


def quality_table(glossary: Glossary, paths, show_errors: bool, label: str = "") -> None:
    """One row per test file (language = file stem); ``label`` prefixes each row's language."""
    print(f"{label}{'lang':4}  {'marked':>6}  {'inflected':>9}  {'negatives':>9}  "
          f"{'precision':>9}  {'recall':>6}  {'exact P':>8}  {'exact R':>8}  {'lenient P':>9}  {'lenient R':>9}"
          f"  {'snowball P':>10}  {'snowball R':>10}  {'unscored':>8}")
    for path in paths:
        lang = path.stem
        sentences = parse(path)
        unknown = {c for _, gold, _, _ in sentences for *_, c, _ in [g for g in gold] if c not in glossary}
        if unknown:
            print(f"{path.name}: unknown concept ids {sorted(unknown)}", file=sys.stderr)
        matcher = TermMatcher(glossary, lang)
        scope = marked_concepts()
        ours = score(sentences, lambda t: [(m.start, m.end, m.concept_id) for m in matcher.find(t)], scope=scope)
        exact = ExactMatcher(glossary, lang)
        base = score(sentences, exact.find, scope=scope)
        loose = score(sentences, exact.find, lenient=True, scope=scope)
        snow = score(sentences, SnowballMatcher(glossary, lang).find, scope=scope)
        marked = sum(len(g) for _, g, _, _ in sentences)
        terms = {(c.id, f.casefold()) for c in glossary.concepts for t in c.terms for f in (t.text, *t.variants)}
        inflected = sum(1 for _, g, _, _ in sentences for *_, c, surface in g if (c, surface.casefold()) not in terms)
        negatives = sum(1 for *_, neg, _ in sentences if neg)
        print(f"{label}{lang:4}  {marked:6d}  {inflected:9d}  {negatives:9d}  {ours[0]:9.1%}  {ours[1]:6.1%}  "
              f"{base[0]:8.1%}  {base[1]:8.1%}  {loose[0]:9.1%}  {loose[1]:9.1%}  {snow[0]:10.1%}  {snow[1]:10.1%}"
              f"  {ours[6]:8d}")
        if show_errors and ours[5]:
            if label:
                print(f"  ({label.strip()} {path.name})")
            print("\n".join(ours[5]))


# ---------------------------------------------------------------- speed

def big_glossary(shared: Glossary, lang: str, n_terms: int, seed: int = 7) -> Glossary:
    """The shared glossary plus generated terms (from its words) until ``lang`` has n_terms terms."""
    rnd = random.Random(seed)
    words = sorted({w for _, t in shared.terms(lang) for w in re.findall(r"\w+", t.text) if len(w) > 3})
    concepts = list(shared.concepts)
    count = len(shared.terms(lang))
    seen = {t.text for _, t in shared.terms(lang)}
    i = 0
    while count < n_terms:
        k = rnd.choice((1, 2, 2, 3))
        text = " ".join(rnd.choice(words) for _ in range(k))
        if k == 1:
            text += rnd.choice(("xa", "ol", "en", "ik", "um", "ar", "ot"))
        if text in seen:
            continue
        seen.add(text)
        concepts.append(Concept(f"gen-{i}", "economy", "draft", "", "", 1, (Term(lang, text),)))
        i += 1
        count += 1
    return Glossary(tuple(concepts))


_ENDINGS = {"tr": ("lar", "ler", "ın", "in", "da", "de", "dan", "ları", "leri", "nın", "nin", "e", "a", "ı", "i"),
            "de": ("e", "en", "er", "es", "s", "n", "ern"), "es": ("s", "es", "a", "as", "os")}


def corpus(lang: str, size: int) -> str:
    """About ``size`` characters of text in ``lang``: the test sentences, with one word
    in four given a random ending so that there are many distinct word forms (as in
    real text) and the per-text memo of word forms does not flatter the timing."""
    sentences = [t for t, *_ in parse(DATA / f"{lang}.txt")]
    endings = _ENDINGS.get(lang, ("s",))
    rnd = random.Random(3)
    out, n = [], 0
    while n < size:
        words = rnd.choice(sentences).split(" ")
        words = [w + rnd.choice(endings) if w.isalpha() and rnd.random() < 0.25 else w for w in words]
        line = " ".join(words)
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)[:size]


def naive_regex(glossary: Glossary, lang: str):
    pats = []
    for c in glossary.concepts:
        for t in c.terms:
            if t.lang == lang:
                pats.append((c.id, re.compile(r"(?<!\w)" + re.escape(t.text) + r"\w{0,6}(?!\w)", re.IGNORECASE)))
    return pats


def speed(shared: Glossary, lang: str = "tr") -> None:
    g = big_glossary(shared, lang, 10_000)
    n_terms = len(g.terms(lang))
    n_names = sum(1 for c in g.concepts for t in c.terms if t.proper_name and t.lang != lang)
    text = corpus(lang, 1_000_000)
    forms = len(set(re.findall(r"\w+", text)))
    build = float("inf")
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        TermMatcher(g, lang)
        build = min(build, time.perf_counter() - t0)
    times = {}
    for frac in (0.25, 0.5, 1.0):
        part = text[: int(len(text) * frac)]
        best = float("inf")
        for _ in range(REPEAT):
            cold = TermMatcher(g, lang)   # a fresh matcher: its word memo starts empty, as on a first text
            t0 = time.perf_counter()
            hits = cold.find(part)
            best = min(best, time.perf_counter() - t0)
        times[frac] = (best, len(hits))
    nested = float("inf")
    for _ in range(REPEAT):
        cold = TermMatcher(g, lang)
        t0 = time.perf_counter()
        nested_hits = cold.find(text, nested=True)
        nested = min(nested, time.perf_counter() - t0)
    t0 = time.perf_counter()
    pats = naive_regex(g, lang)
    naive_build = time.perf_counter() - t0
    sample = text[:20_000]
    t0 = time.perf_counter()
    naive_hits = sum(1 for _, p in pats for _ in p.finditer(sample))
    naive_sample = time.perf_counter() - t0
    naive_full = naive_sample * len(text) / len(sample)
    ours = times[1.0][0]
    print(f"\nSpeed ({lang}: {n_terms} terms + {n_names} names of other languages; {len(text) / 1e6:.2f} MB "
          f"of text, {forms} distinct word forms)")
    print(f"  index build:            {build:6.2f} s   (target < 2 s)")
    print(f"  match 1 MB:             {ours:6.2f} s   (target < 1 s), {times[1.0][1]} hits")
    print(f"  match 1 MB, nested:     {nested:6.2f} s   (every concept in a span, as term QA asks), "
          f"{len(nested_hits)} hits")
    print(f"  linearity:              0.25 MB {times[0.25][0]:.2f} s, 0.5 MB {times[0.5][0]:.2f} s, "
          f"1 MB {ours:.2f} s  (1 MB / 0.25 MB = {ours / max(times[0.25][0], 1e-9):.1f}, linear = 4.0)")
    print(f"  baseline naive per-term regex loop: build {naive_build:.2f} s; {naive_sample:.2f} s on 20 KB "
          f"({naive_hits} hits) -> {naive_full:.0f} s for 1 MB (scaled)")
    print(f"  ratio naive / ours on 1 MB: {naive_full / ours:.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    shared = load_glossary(ROOT / "glossaries" / "political-terms.toml")
    quality(shared, args.errors)
    if not args.no_speed:
        for lang in ("tr", "de", "es"):
            speed(shared, lang)


if __name__ == "__main__":
    main()
