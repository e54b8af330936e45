"""A sentence left out of (or added to) a paragraph bead: is the bead flagged, with that sentence?

    python bench/data/align/build.py       # once: fetch the third-party texts (git-ignored)
    python bench/align_leftout.py --part dev --tune   # tuning: a grid on the dev sets only
    python bench/align_leftout.py          # dev, test and the baselines with the chosen settings

Data: the easy 1:1 literary texts of ``bench/align_real.py`` (bilinguator/aligned-texts;
DEV_TEXTS to tune on, TEST_TEXTS held out; the Spanish "Gift of the Magi" is in both
lists there, so it is left out of the test here). Perturbations with seeds fixed in this
file before any run: in ``K`` target paragraphs whose two sides have as many sentences
(two or more) one sentence is deleted (first, middle or last, drawn), and the source
sentence at the same place is the gold; into ``K`` other target paragraphs a sentence of
another work in the target language is inserted at a drawn place, and that sentence is
the gold.

Measured: recall (perturbed paragraph beads flagged at all; flagged by this check with
the right sentence) and false flags (unperturbed beads this check flags, on the perturbed
texts and on the untouched texts). Baselines in the same run: main's flags (no check:
confidence and margin) and a Gale-Church rule (flag a bead whose length ``|z|`` is at
least T, T tuned on dev to this check's false-flag rate on the perturbed dev texts).
Targets set before tuning: recall with the right sentence >= 0.80 at <= 2% false flags.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align import evidence  # noqa: E402
from align_real import DATA, DEV_TEXTS, MORE_DEV_TEXTS, TEST_TEXTS, insertion_pool, literary_pair  # noqa: E402
from workbench.align import align_documents, align_segments  # noqa: E402
from workbench.align.leftout import LeftOutParams, candidates, findings, flag_left_out  # noqa: E402
from workbench.segment import split_sentences  # noqa: E402

HELD_OUT_TEXTS = [t for t in TEST_TEXTS if t not in DEV_TEXTS]
DEV_SEEDS = (14_01, 14_02, 14_03)
# The first test run (seeds 14_9011, 14_9012, before the short and merged rules were tuned
# further on dev) gave 0.600 right-sentence recall at 1.4% false flags; new seeds for the next.
TEST_SEEDS = (14_9021, 14_9022)
K = 5  # deletions and insertions per text and seed
GRID = dict(min_chars=(30, 40, 50), short_chars=(15, 25, 999), short_margin=(3.0, 4.5), short_gain=(1.0, 1.5, 2.5),
            merged_chars=(20, 40), merged_margin=(0.0, 1.0, 3.0), merged_gain=(2.0, 3.0, 4.0))
FALSE_FLAG_GOAL = 0.02


TIMES = {"align": 0.0, "check": 0.0}   # CPU seconds of main's paragraph alignment and of the check


@dataclass
class Run:
    """One aligned text: its paragraph beads, the check's candidates and the gold."""
    name: str
    beads: tuple
    found: list          # leftout.Candidate
    gold: dict           # target paragraph -> (side, sentence index within its bead)
    bead_of: dict        # target paragraph -> index of the bead holding it


def sentences(text: str, lang: str) -> list[str]:
    return split_sentences(text, lang) or [text]


def foreign_pool(pool: dict, lang: str, work: str) -> list[str]:
    """Sentences (30-250 characters) of other works in ``lang``."""
    return [s for w, para in pool.get(lang, []) if w != work for s in sentences(para, lang) if 30 <= len(s) <= 250]


def perturb(pair: dict, rng: random.Random, foreign: list[str]) -> tuple[dict, dict]:
    """A copy of ``pair`` with K sentence deletions and K insertions in the target, and the
    gold: target paragraph -> (side, sentence index inside that paragraph)."""
    src = [sentences(p, pair["src_lang"]) for p in pair["source"]]
    tgt = [sentences(p, pair["tgt_lang"]) for p in pair["target"]]
    even = [k for k in range(len(tgt)) if len(src[k]) == len(tgt[k]) >= 2]
    picked = rng.sample(even, min(K, len(even)))
    rest = [k for k in range(len(tgt)) if k not in picked and len(pair["target"][k]) >= 20]
    added = rng.sample(rest, min(K, len(rest)))
    gold = {}
    for k in picked:
        n = len(tgt[k])
        where = rng.choice(["first", "middle", "last"] if n > 2 else ["first", "last"])
        i = 0 if where == "first" else n - 1 if where == "last" else rng.randrange(1, n - 1)
        tgt[k] = tgt[k][:i] + tgt[k][i + 1:]
        gold[k] = ("source", i)
    for k in added:
        j = rng.randrange(len(tgt[k]) + 1)
        tgt[k] = tgt[k][:j] + [rng.choice(foreign)] + tgt[k][j:]
        gold[k] = ("target", j)
    return dict(pair, target=[" ".join(t) for t in tgt]), gold


def run(pair: dict, gold: dict) -> Run:
    """Paragraph beads as main gives them, and the check's candidates on them."""
    ev = evidence(pair, False)
    t0 = time.process_time()
    paragraphs = align_segments(pair["source"], pair["target"], pair["src_lang"], pair["tgt_lang"],
                                unit="paragraph", evidence=ev)
    t1 = time.process_time()
    found = candidates(paragraphs, ev)
    TIMES["align"] += t1 - t0
    TIMES["check"] += time.process_time() - t1
    bead_of = {j: n for n, b in enumerate(paragraphs.beads) for j in b.target}
    # a gold sentence's index inside its bead: count the sentences of the bead's earlier paragraphs
    inside = {}
    for k, (side, i) in gold.items():
        b = paragraphs.beads[bead_of[k]]
        paras, texts, lang = (b.source, pair["source"], pair["src_lang"]) if side == "source" else \
            (b.target, pair["target"], pair["tgt_lang"])
        mine = k if side == "target" else (k if k in paras else None)
        if mine is None:
            inside[k] = (side, -1)   # the source paragraph went to another bead: no right sentence
            continue
        inside[k] = (side, i + sum(len(sentences(texts[p], lang)) for p in paras if p < mine))
    return Run(pair["name"], paragraphs.beads, found, inside, bead_of)


def measure(runs: list[Run], params: LeftOutParams, z_rule: float | None = None) -> dict:
    """Recall and false flags of the check with ``params`` (and of the z rule, and main's flags)."""
    hit = right = main_hit = z_hit = 0
    perturbed = false = z_false = main_false = clean = 0
    for r in runs:
        flagged = {n: {(c.side, c.sentence) for c in cs} for n, cs in findings(r.found, params).items()}
        gold_beads = {r.bead_of[k]: g for k, g in r.gold.items()}
        for n, b in enumerate(r.beads):
            z = z_rule is not None and b.source and b.target and b.length_z >= z_rule
            if n in gold_beads:
                perturbed += 1
                hit += n in flagged or b.needs_review
                right += gold_beads[n] in flagged.get(n, ())
                main_hit += b.needs_review
                z_hit += bool(z)
            else:
                clean += 1
                false += n in flagged
                z_false += bool(z)
                main_false += b.needs_review
    div = lambda a, b: a / b if b else 0.0  # noqa: E731
    return dict(perturbed=perturbed, clean=clean, recall=div(hit, perturbed), right=div(right, perturbed),
                false=div(false, clean), main_recall=div(main_hit, perturbed), main_flagged=div(main_false, clean),
                z_recall=div(z_hit, perturbed), z_false=div(z_false, clean))


def build(texts, seeds, pool, label: str) -> tuple[list[Run], list[Run]]:
    """The perturbed runs (every seed) and the untouched runs of ``texts``."""
    t0 = time.perf_counter()
    pairs = [literary_pair(w, t) for w, t in texts]
    perturbed = []
    for seed in seeds:
        rng = random.Random(seed)
        for p in pairs:
            changed, gold = perturb(p, rng, foreign_pool(pool, p["tgt_lang"], p["src_id"]))
            perturbed.append(run(changed, gold))
    clean = [run(p, {}) for p in pairs]
    print(f"({label}: {len(perturbed)} perturbed and {len(clean)} untouched texts aligned and checked in "
          f"{time.perf_counter() - t0:.1f} s)")
    return perturbed, clean


def tune(perturbed: list[Run], clean: list[Run]) -> LeftOutParams:
    """The grid's settings with the most right-sentence recall at <= 2% false flags on both dev sets."""
    best, best_key = LeftOutParams(), (-1.0, 0.0)
    for values in itertools.product(*GRID.values()):
        p = LeftOutParams(**dict(zip(GRID, values)))
        m, u = measure(perturbed, p), measure(clean, p)
        if m["false"] <= FALSE_FLAG_GOAL and u["false"] <= FALSE_FLAG_GOAL:
            key = (m["right"], -m["false"] - u["false"])
            if key > best_key:
                best, best_key = p, key
    return best


def z_threshold(perturbed: list[Run], rate: float) -> float:
    """The smallest Gale-Church |z| whose rule flags at most ``rate`` of the unperturbed beads."""
    for t in [x / 10 for x in range(5, 101)]:
        if measure(perturbed, LeftOutParams(), t)["z_false"] <= rate:
            return t
    return 10.0


def report(label: str, perturbed: list[Run], clean: list[Run], params: LeftOutParams, z: float) -> None:
    m, u = measure(perturbed, params, z), measure(clean, params, z)
    print(f"\n## {label}: {m['perturbed']} perturbed beads, {m['clean']} unperturbed; "
          f"{u['clean']} beads of the untouched texts")
    print(f"{'':<34}{'flagged':>9}{'right sent.':>12}{'false flags':>12}{'untouched':>11}")
    print(f"{'this check (+ main flags)':<34}{m['recall']:9.3f}{m['right']:12.3f}{m['false']:12.4f}"
          f"{u['false']:11.4f}")
    print(f"{'main (no check)':<34}{m['main_recall']:9.3f}{0.0:12.3f}{'-':>12}{'-':>11}"
          f"   (main flags {m['main_flagged']:.3f} of unperturbed beads)")
    print(f"{f'Gale-Church |z| >= {z:.1f}':<34}{m['z_recall']:9.3f}{'-':>12}{m['z_false']:12.4f}{u['z_false']:11.4f}")


def same_as_aligner(pair_runs: list[Run], texts, params: LeftOutParams) -> None:
    """The flags measured here are what ``align_documents`` gives (first dev text)."""
    p = literary_pair(*texts[0])
    ev = evidence(p, False)
    mine = align_documents(p["source"], p["target"], p["src_lang"], p["tgt_lang"], check_languages=False, evidence=ev)
    paragraphs = align_segments(p["source"], p["target"], p["src_lang"], p["tgt_lang"], evidence=ev)
    assert flag_left_out(paragraphs, ev, params).beads == mine.beads, "the bench's check is not the aligner's"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("dev", "all"), default="all", help="dev: tune, never read the test part")
    ap.add_argument("--tune", action="store_true", help="search the grid on dev (then paste the settings)")
    args = ap.parse_args(argv)
    if not (DATA / "literary").exists():
        print("bench/align_leftout.py not run: no third-party texts; run python bench/data/align/build.py first")
        return 0
    pool = insertion_pool()
    dev = build(DEV_TEXTS, DEV_SEEDS, pool, "dev")
    chosen = LeftOutParams()
    if args.tune:
        chosen = tune(*dev)
        print(f"tuned on dev: {chosen}  (the shipped settings: {LeftOutParams()})")
    z = z_threshold(dev[0], measure(dev[0], chosen)["false"])
    report(f"DEV ({len(DEV_TEXTS)} texts, seeds {DEV_SEEDS}), {chosen}", *dev, chosen, z)
    _, more = build([t for t in MORE_DEV_TEXTS if (DATA / "literary" / f"{t[0]}_{t[1]}.txt").exists()], (), pool,
                    "more dev texts")
    u = measure(more, chosen, z)
    print(f"untouched, {len(more)} more DEV texts ({u['clean']} beads): this check flags {u['false']:.4f}, "
          f"the Gale-Church rule {u['z_false']:.4f}, main {u['main_flagged']:.4f}")
    if args.part == "dev":
        return 0
    same_as_aligner(dev[0], DEV_TEXTS, chosen)
    test = build(HELD_OUT_TEXTS, TEST_SEEDS, pool, "test")
    report(f"TEST ({len(HELD_OUT_TEXTS)} texts, seeds {TEST_SEEDS}; z threshold from dev)", *test, chosen, z)
    print(f"\n## Time (CPU, every text above): paragraph alignment as main {TIMES['align']:.2f} s, the check "
          f"{TIMES['check']:.2f} s: +{TIMES['check'] / TIMES['align']:.0%} on the paragraph unit's search")
    return 0


if __name__ == "__main__":
    sys.exit(main())
