"""Alignment benchmark: the workbench aligner against Gale-Church (nltk) in the same run.

    python bench/align.py                 # accuracy on demo gold + perturbations, sentence gold, scaling
    python bench/align.py --quick         # smaller scaling run (1k and 10k sentences)
    python bench/align.py --calibrate     # also fit the confidence model and print reliability tables
                                          # (fitted on the tuning set, checked on held-out)

Sections:

1. Paragraph level on every demo corpus pair with gold (``corpus/manifest.json``).
2. Paragraph level on seeded perturbations of those pairs: target or source
   body paragraphs merged (never a heading into a paragraph), split at a
   sentence boundary, left out, or inserted
   (a paragraph of another document in the same language); the gold follows
   each perturbation exactly. The *tuning* set (``--seed``, default 7) is the
   one the aligner's weights and the confidence model were chosen on; the
   *held-out* sets use seeds fixed in ``HELD_OUT`` before the aligner was
   ever run on them and are never tuned on: one with the same mix (4
   perturbations per document), one with twice as many (a stress test, not
   the target). For each set the needs-review flag is measured too: the
   share of wrong beads it flags (recall) and the share of all beads it
   flags (what a translator has to look at). The flag is set for a bead
   whose confidence is under the review threshold or whose margin over the
   nearest other local reading is under half a skip
   (``workbench.align.confidence``).
3. Sentence level on the demo pairs with sentence gold (presegmented input).
4. Scaling: documents of 1k, 10k and 100k sentences (the demo sentences
   repeated, each copy opening with its number, with 1% of the target
   sentences dropped at random), seconds, microseconds per sentence and the
   process's peak memory. Without any anchor (copies not numbered) the band
   around the diagonal must widen several times and the run is much slower.
   nltk's Gale-Church fills the whole n x m table, so it runs at 1k only.

Scores are strict and lax precision/recall/F1 as in Vecalign's ``score.py``
(``workbench.align.score``). Text+Berg, third-party literary texts and the
time against hunalign are measured by ``bench/align_real.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.align import align_documents, align_segments  # noqa: E402
from workbench.align import confidence  # noqa: E402
from workbench.align.evidence import EvidenceConfig  # noqa: E402
from workbench.align.score import score  # noqa: E402
from workbench.demo import read_manifest  # noqa: E402
from workbench.formats.beads import parse_beads  # noqa: E402
from workbench.ingest import ingest_file  # noqa: E402
from workbench.segment import split_sentences  # noqa: E402


# ---------------------------------------------------------------- data

def load_pairs():
    manifest = read_manifest(ROOT / "corpus")
    paragraphs = {d.id: [p.text for p in ingest_file(d.path).paragraphs] for d in manifest.documents}
    out = []
    for p in manifest.pairs:
        if p.paragraph_gold is None:
            continue
        s, t = manifest.document(p.source), manifest.document(p.target)
        gold = [(b.source, b.target) for b in parse_beads(p.paragraph_gold.read_text(encoding="utf-8"))]
        out.append(dict(name=f"{p.source}→{p.target}", src_lang=s.lang, tgt_lang=t.lang, src_id=s.id,
                        tgt_id=t.id, source=paragraphs[s.id], target=paragraphs[t.id], gold=gold))
    pool: dict[str, list[tuple[str, str]]] = {}
    for d in manifest.documents:
        pool.setdefault(d.lang, []).extend((d.id, x) for x in paragraphs[d.id] if len(x) > 80)
    sentence_pairs = []
    for p in manifest.pairs:
        if p.sentence_gold is None:
            continue
        s, t = manifest.document(p.source), manifest.document(p.target)
        read = lambda d: [x.strip() for x in d.path.with_name(d.path.name.replace(".md", ".sentences.txt"))
                          .read_text(encoding="utf-8").splitlines() if x.strip()]
        gold = [(b.source, b.target) for b in parse_beads(p.sentence_gold.read_text(encoding="utf-8"))]
        sentence_pairs.append(dict(name=f"{p.source}→{p.target}", src_lang=s.lang, tgt_lang=t.lang,
                                   source=read(s), target=read(t), gold=gold))
    return out, pool, sentence_pairs


# Held-out perturbation sets: (label, seed, variants per pair, perturbations per document).
# Fixed before any result on them was seen; never tune weights or thresholds on them.
HELD_OUT = (("held-out, same mix", 20261123, 3, 4),
            ("held-out, 8 perturbations per document (stress)", 5813, 3, 8))


_CLOSING = tuple(".!?:;…»«\"”“’)]*")


def heading_like(text: str) -> bool:
    """The aligner's heading rule when the perturbation sets were fixed, kept here so that
    the sets (and their gold) stay the same when the aligner's rule changes."""
    text = text.strip()
    return 0 < len(text) <= 100 and not text.endswith(_CLOSING)


def perturb(pair: dict, pool: dict, rng: random.Random, ops: int = 4) -> dict:
    """A copy of ``pair`` with ``ops`` seeded perturbations and its exact gold."""
    beads = [[[pair["source"][i] for i in s], [pair["target"][j] for j in t], False] for s, t in pair["gold"]]
    kinds = ["merge", "split", "omit", "insert"]
    rng.shuffle(kinds)
    for kind in (kinds * ops)[:ops]:
        side = rng.choice([0, 1])
        lang = pair["src_lang"] if side == 0 else pair["tgt_lang"]
        plain = [k for k, b in enumerate(beads) if len(b[0]) == 1 and len(b[1]) == 1 and not b[2]]
        if kind == "merge":  # translators join body paragraphs, never a heading with its text
            body = [k for k in plain if not any(heading_like(x) for x in beads[k][0] + beads[k][1])]
            cands = [k for k in body if k + 1 < len(beads) and k + 1 in body]
            if cands:
                k = rng.choice(cands)
                a, b = beads[k], beads[k + 1]
                merged = [None, None, True]
                merged[side] = [a[side][0] + " " + b[side][0]]
                merged[1 - side] = a[1 - side] + b[1 - side]
                beads[k:k + 2] = [merged]
        elif kind == "split":
            cands = [k for k in plain if len(split_sentences(beads[k][side][0], lang)) >= 2]
            if cands:
                k = rng.choice(cands)
                sents = split_sentences(beads[k][side][0], lang)
                cut = len(sents) // 2
                beads[k][side] = [" ".join(sents[:cut]), " ".join(sents[cut:])]
                beads[k][2] = True
        elif kind == "omit" and plain:
            k = rng.choice(plain)
            beads[k][side] = []
            beads[k][2] = True
        elif kind == "insert":
            others = [x for doc, x in pool.get(lang, []) if doc not in (pair["src_id"], pair["tgt_id"])]
            if others:
                k = rng.randrange(1, len(beads))
                new = [[], [], True]
                new[side] = [rng.choice(others)]
                beads.insert(k, new)
    source, target, gold = [], [], []
    for s, t, _ in beads:
        gold.append((tuple(range(len(source), len(source) + len(s))), tuple(range(len(target), len(target) + len(t)))))
        source += s
        target += t
    return dict(pair, name=pair["name"] + " (perturbed)", source=source, target=target, gold=gold)


# ---------------------------------------------------------------- aligners

_MATCHERS: dict = {}


def evidence(pair: dict, glossary: bool) -> EvidenceConfig:
    """The evidence the app uses: the shared glossary's matchers (when ``glossary``)."""
    if not glossary:
        return EvidenceConfig()
    from workbench.glossary import TermMatcher, load_glossary

    for lang in (pair["src_lang"], pair["tgt_lang"]):
        if lang not in _MATCHERS:
            _MATCHERS[lang] = TermMatcher(load_glossary(ROOT / "glossaries" / "political-terms.toml"), lang)
    return EvidenceConfig(src_terms=_MATCHERS[pair["src_lang"]], tgt_terms=_MATCHERS[pair["tgt_lang"]])


def workbench_align(pair: dict, unit: str = "paragraph", presegmented: bool = False, glossary: bool = True):
    ev = evidence(pair, glossary)
    if presegmented:
        r = align_segments(pair["source"], pair["target"], pair["src_lang"], pair["tgt_lang"], unit=unit,
                           evidence=ev)
    else:
        r = align_documents(pair["source"], pair["target"], pair["src_lang"], pair["tgt_lang"], unit=unit,
                            check_languages=False, evidence=ev)
    return [(b.source, b.target) for b in r.beads], r


def gale_church(pair: dict):
    from nltk.translate.gale_church import align_blocks

    src = [max(1, len(x)) for x in pair["source"]]
    tgt = [max(1, len(x)) for x in pair["target"]]
    return links_to_beads(align_blocks(src, tgt), len(src), len(tgt))


def links_to_beads(links, n: int, m: int):
    """Sentence links (i, j) as beads: linked groups, then unlinked segments alone."""
    groups: list[tuple[set, set]] = []
    for i, j in sorted(links):
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            groups[-1][0].add(i)
            groups[-1][1].add(j)
        else:
            groups.append(({i}, {j}))
    beads = [(tuple(sorted(s)), tuple(sorted(t))) for s, t in groups]
    used_s = {i for s, _ in beads for i in s}
    used_t = {j for _, t in beads for j in t}
    beads += [((i,), ()) for i in range(n) if i not in used_s]
    beads += [((), (j,)) for j in range(m) if j not in used_t]
    return sorted(beads, key=lambda b: (b[0][0] if b[0] else (b[1][0] - 0.5 if b[1] else 0),
                                        b[1][0] if b[1] else -1))


def run_set(title: str, pairs: list[dict], unit: str = "paragraph", presegmented: bool = False,
            show_errors: bool = False) -> None:
    for p in pairs[:1]:
        evidence(p, True)  # load the glossary matchers outside the timing
    runs = []
    results = []

    def ours(p):
        beads, r = workbench_align(p, unit, presegmented)
        results.append(r)
        return beads

    for name, fn in (("workbench", ours),
                     ("wb-no-glossary", lambda p: workbench_align(p, unit, presegmented, glossary=False)[0]),
                     ("gale-church", gale_church)):
        t0 = time.perf_counter()
        out = [fn(p) for p in pairs]
        runs.append((name, out, time.perf_counter() - t0))
    golds = [p["gold"] for p in pairs]
    print(f"\n## {title}: {len(pairs)} documents, {sum(len(g) for g in golds)} gold beads")
    print(f"{'aligner':<16}{'P strict':>9}{'R strict':>9}{'F1 strict':>10}{'P lax':>8}{'R lax':>8}{'F1 lax':>8}"
          f"{'seconds':>9}")
    scores = {}
    for name, out, t in runs:
        s = scores[name] = score(golds, out)
        print(f"{name:<16}{s.precision_strict:9.3f}{s.recall_strict:9.3f}{s.f1_strict:10.3f}{s.precision_lax:8.3f}"
              f"{s.recall_lax:8.3f}{s.f1_lax:8.3f}{t:9.2f}")
    a, b = scores["workbench"], scores["gale-church"]
    ratio = a.f1_strict / b.f1_strict if b.f1_strict else float("inf")
    print(f"strict F1 ratio workbench/gale-church: {ratio:.3f}; time ratio: {runs[0][2] / max(runs[2][2], 1e-9):.2f}")
    flags(pairs, results)
    if show_errors:
        for p, hyp in zip(pairs, runs[0][1]):
            gold = set(map(tuple, p["gold"]))
            wrong = [h for h in hyp if tuple(h) not in gold]
            if wrong:
                print(f"  {p['name']}: wrong {wrong[:6]}")


def flags(pairs: list[dict], results: list) -> None:
    """How well the needs-review flag finds the beads that are not gold beads."""
    total = flagged = wrong = caught = 0
    for p, r in zip(pairs, results):
        gold = {(tuple(s), tuple(t)) for s, t in p["gold"]}
        for b in r.beads:
            bad = (b.source, b.target) not in gold
            total += 1
            flagged += b.needs_review
            wrong += bad
            caught += bad and b.needs_review
    print(f"needs-review flag: {caught}/{wrong} wrong beads flagged (recall "
          f"{caught / wrong if wrong else 1.0:.3f}); {flagged}/{total} beads flagged (flag rate "
          f"{flagged / total if total else 0.0:.3f}); precision {caught / flagged if flagged else 1.0:.3f}")


# ---------------------------------------------------------------- scaling

def scaling(sentence_pairs: list[dict], sizes: list[int], rng: random.Random) -> None:
    base = sentence_pairs[0]
    print(f"\n## Scaling (sentence level, {base['name']} repeated, copies numbered, 1% of target "
          "sentences dropped)")
    print(f"{'sentences':>10}{'workbench s':>13}{'us/sentence':>13}{'peak RSS MB':>13}{'gale-church s':>15}{'ratio':>8}")
    for n in sizes:
        reps = n // len(base["source"]) + 1
        # each copy of the article opens with its number, as numbered sections do
        src = [f"{k // len(base['source']) + 1}. {x}" if k % len(base["source"]) == 0 else x
               for k, x in enumerate(base["source"] * reps)][:n]
        tgt = [f"{k // len(base['target']) + 1}. {x}" if k % len(base["target"]) == 0 else x
               for k, x in enumerate(base["target"] * reps)][:int(n * len(base["target"]) / len(base["source"]))]
        tgt = [x for x in tgt if rng.random() > 0.01]
        pair = dict(base, source=src, target=tgt)
        t0 = time.perf_counter()
        workbench_align(pair, "sentence", presegmented=True)
        t_ours = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # process peak so far (Linux: KiB)
        gc = ""
        ratio = ""
        if n <= 1000:
            t0 = time.perf_counter()
            gale_church(pair)
            t_gc = time.perf_counter() - t0
            gc, ratio = f"{t_gc:15.2f}", f"{t_ours / t_gc:8.2f}"
        print(f"{n:>10}{t_ours:13.2f}{t_ours / n * 1e6:13.0f}{peak:13.0f}{gc:>15}{ratio:>8}")


# ---------------------------------------------------------------- calibration

def _confidence_rows(sets: list[list[dict]]):
    rows, labels = [], []
    for pairs in sets:
        for p in pairs:
            _, r = workbench_align(p)
            gold = {(tuple(s), tuple(t)) for s, t in p["gold"]}
            for b in r.beads:
                rows.append(confidence.features((len(b.source), len(b.target)), b.length_z, b.dice,
                                                b.reliability, b.cost))
                labels.append(int((b.source, b.target) in gold))
    return rows, labels


def calibrate(sets: list[list[dict]], held_out: list[dict]) -> None:
    """Fit on ``sets`` (demo gold and the tuning perturbations); the held-out perturbations
    only show how the current coefficients hold up."""
    rows, labels = _confidence_rows(sets)
    coefficients = confidence.fit_logistic(rows, labels)
    print(f"\n## Calibration on {len(rows)} beads ({sum(labels)} right)")
    print(f"COEFFICIENTS = {coefficients}")
    held_rows, held_labels = _confidence_rows([held_out])
    for name, coef, xs, ys in (("current", confidence.COEFFICIENTS, rows, labels),
                               ("fitted", coefficients, rows, labels),
                               ("current, held-out", confidence.COEFFICIENTS, held_rows, held_labels)):
        probs = [confidence.probability(x, coef) for x in xs]
        print(f"{name}: bin, beads, mean predicted, observed right")
        for bin_, n, pred, obs in confidence.reliability_table(probs, ys):
            print(f"  {bin_}  {n:5d}  {pred:.3f}  {obs:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="scaling at 1k and 10k sentences only")
    ap.add_argument("--variants", type=int, default=3, help="perturbed variants per pair (default 3)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--errors", action="store_true",
                    help="list the beads the workbench got wrong (not on held-out sets)")
    ap.add_argument("--only", choices=("accuracy", "scaling"), help="run one part only")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    pairs, pool, sentence_pairs = load_pairs()
    perturbed = [perturb(p, pool, rng) for p in pairs for _ in range(args.variants)]
    print("# Alignment benchmark (workbench vs nltk gale_church, same run)")
    print("Text+Berg de-fr, third-party texts and hunalign: see bench/align_real.py.")
    if args.only != "scaling":
        run_set("Paragraphs, demo gold", pairs, show_errors=args.errors)
        run_set(f"Paragraphs, seeded perturbations, TUNING set (seed {args.seed}; weights chosen on it)",
                perturbed, show_errors=args.errors)
        for label, seed, variants, ops in HELD_OUT:
            held_rng = random.Random(seed)
            held = [perturb(p, pool, held_rng, ops) for p in pairs for _ in range(variants)]
            # errors are not listed for held-out sets: looking at them is how tuning on them starts
            run_set(f"Paragraphs, seeded perturbations, {label} (seed {seed}, {ops} per document)", held)
        run_set("Sentences, demo sentence gold (presegmented)", sentence_pairs, "sentence", True,
                show_errors=args.errors)
    if args.calibrate:
        label, seed, variants, ops = HELD_OUT[0]
        held_rng = random.Random(seed)
        calibrate([pairs, perturbed], [perturb(p, pool, held_rng, ops) for p in pairs for _ in range(variants)])
    if args.only != "accuracy":
        scaling(sentence_pairs, [1000, 10000] if args.quick else [1000, 10000, 100000], rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
