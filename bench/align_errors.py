"""The aligner's wrong beads on the easy 1:1 dev groups, by kind (dev texts only).

    python bench/align_errors.py --group manuals                    # the easy texts as they are
    python bench/align_errors.py --group manuals --seeds 7001,7002 --ops 2,4   # seeded perturbations
    python bench/align_errors.py --group textberg --half second     # the Text+Berg check half

Groups (``bench/align_real.py``): ``literary`` (the first dev texts and the fourth round's),
``pairs`` (the sixth round's), ``manuals`` (the seventh round's manuals, essays and legal
texts), ``textberg`` (a half of the Text+Berg de-fr dev document at sentence level: ``--half
first``, the tuned-on half, or ``second``, the check half; its orphans are captions and debris,
counted as ``omission-left``).
Every gold bead the aligner missed is counted once under one kind:

* ``orphan (inserted | omission-left) absorbed in a merge``: a gold 1-0 or 0-1 (a paragraph
  of another work inserted, or one whose counterpart was left out) read inside a wider bead;
* ``orphan (...) paired 1-1``: the same paragraph paired with a neighbour's counterpart;
* ``gold A-B missed``: a merge or split of the gold not found;
* ``gold 1-1 missed: inside a merge | shift or skip``: a true pair read inside a wider bead,
  or left as an omission and an insertion (or paired with a neighbour).

Texts stay on this machine: only names, bead positions and counts are printed. The test
texts are never read.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import align_real  # noqa: E402
from align import perturb, workbench_align  # noqa: E402
from workbench.align.score import score  # noqa: E402


def dev_group(name: str, half: str = "first") -> list[dict]:
    if name == "literary":
        return [align_real.literary_pair(w, t) for w, t in align_real.DEV_TEXTS + align_real.MORE_DEV_TEXTS
                if (align_real.DATA / "literary" / f"{w}_{t}.txt").exists()]
    if name == "pairs":
        return align_real.pair_texts("PAIRS", "pairs")
    if name == "textberg":
        if not (align_real.DATA / "textberg" / "dev.de").exists():
            return []
        return [align_real.textberg_pairs()[1 if half == "first" else 2]]
    return align_real.pair_texts("PO_PAIRS+LEGAL_PAIRS", "po")


def bead_kind(gold_bead: tuple, original: dict, doc: dict, ours_at: dict) -> str:
    """The kind of one missed gold bead (see the module's doc)."""
    s, t = gold_bead
    if not s or not t:
        side, k = ("source", s[0]) if s else ("target", t[0])
        origin = "omission-left" if doc[side][k] in set(original[side]) else "inserted"
        wide = sum(map(len, ours_at.get((side, k), ((), ())))) > 2
        return f"orphan ({origin}) " + ("absorbed in a merge" if wide else "paired 1-1")
    if len(s) + len(t) > 2:
        return f"gold {len(s)}-{len(t)} missed"
    wide = sum(map(len, ours_at.get(("source", s[0]), ((), ())))) > 2
    return "gold 1-1 missed: " + ("inside a merge" if wide else "shift or skip")


def missed_kinds(original: dict, doc: dict, unit: str = "paragraph") -> tuple[list, list[tuple[str, tuple]]]:
    """(the aligner's beads, [(kind, gold bead)] for every gold bead it missed); ``unit``
    "sentence": the documents are presegmented sentences."""
    ours = workbench_align(doc, unit, unit == "sentence", glossary=False)[0]
    ours_at = {}
    for bead in ours:
        ours_at.update({("source", i): bead for i in bead[0]} | {("target", j): bead for j in bead[1]})
    found = set(ours)
    missed = [b for b in doc["gold"] if b not in found]
    return ours, [(bead_kind(b, original, doc, ours_at), b) for b in missed]


def documents(pairs: list[dict], seeds: list[int], ops: list[int]):
    """(original, document) pairs: the texts themselves, or their seeded perturbations."""
    if not seeds:
        yield from ((p, p) for p in pairs)
        return
    pool = align_real.insertion_pool()
    for seed in seeds:
        for n in ops:
            rng = random.Random(seed * 10 + n)
            yield from ((p, perturb(p, pool, rng, n)) for p in pairs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--group", choices=("literary", "pairs", "manuals", "textberg"), default="manuals")
    ap.add_argument("--seeds", default="", help="comma-separated perturbation seeds (none: the texts as they are)")
    ap.add_argument("--ops", default="4", help="comma-separated numbers of changes a document")
    ap.add_argument("--half", choices=("first", "second"), default="first",
                    help="textberg: the tuned-on first half or the second (check) half")
    ap.add_argument("--hunalign", help="a hunalign binary: its strict F1 on the same documents, as a baseline")
    args = ap.parse_args(argv)
    seeds = [int(x) for x in args.seeds.split(",") if x]
    ops = [int(x) for x in args.ops.split(",") if x]
    pairs = dev_group(args.group, args.half)
    if not pairs:  # not an error for `make bench`: the third-party texts are fetched on purpose, once
        print("bench/align_errors.py not run: no third-party texts; run python bench/data/align/build.py first")
        return 0
    kinds, examples, golds, tests, theirs = collections.Counter(), collections.defaultdict(list), [], [], []
    tmp = Path(tempfile.mkdtemp(prefix="hunalign-"))
    for original, doc in documents(pairs, seeds, ops):
        ours, missed = missed_kinds(original, doc, "sentence" if args.group == "textberg" else "paragraph")
        golds.append(doc["gold"])
        tests.append(ours)
        theirs += [align_real.hunalign_beads(args.hunalign, doc, tmp)] if args.hunalign else []
        for kind, bead in missed:
            kinds[kind] += 1
            examples[kind].append(f"{doc['name']} {'+'.join(map(str, bead[0]))}:{'+'.join(map(str, bead[1]))}")
    print(f"{args.group}: {len(golds)} documents, {sum(map(len, golds))} gold beads, {sum(kinds.values())} missed, "
          f"strict F1 {score(golds, tests).f1_strict:.4f}"
          + (f" (hunalign {score(golds, theirs).f1_strict:.4f})" if theirs else ""))
    for kind, count in kinds.most_common():
        print(f"{count:6}  {kind}   e.g. {'; '.join(examples[kind][:2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
