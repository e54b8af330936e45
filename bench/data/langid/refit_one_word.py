"""Refit the one-word parameters of language identification on the dev catalogues, held out by catalogue.

    python bench/data/langid/refit_one_word.py [--catalogues] [--folds N] [--only NAME,...]

Dev split only: the test split of private/catalogue_fragments.tsv is never
read.  Issue 13, fifteenth round: every earlier fit (the one-word shifts per
language, the weights of the evidence parts, the half weight of the word
lists for a word alone) was chosen on the twelve dev catalogues of the first
rounds; the dev split now holds fourteen more (po_sources.tsv), and this
script asks whether a fit on many catalogues carries over to catalogues it
did not see.

* ``--catalogues``: accuracy of the shipped detector per dev catalogue, one
  word and all strings, the first twelve (`old`) and the added ones (`new`)
  apart.
* otherwise: two ways of choosing the parameters, each measured on the
  catalogues it did not see (the dev catalogues in FOLDS groups; each group
  held out in turn, the parameters chosen on the others):
  a search of the one-word shifts per language and the weights of the parts
  (letters, frequencies, lists, endings, labels, CLDR names, compounds,
  lingua, names), one at a time over a grid, a value kept only when it
  gets more one-word strings right; and the regularised logistic fit of the
  thirteenth round (probe_one_word.fit_weights) with its strength chosen on
  the training catalogues.  It prints the held-out total of each beside the
  shipped detector's on the same strings, then each procedure's choice on all
  dev catalogues.  ``--only label`` (names from WEIGHT_NAMES or
  ``shift_<lang>``, comma-separated) lets the search move those parameters
  alone (sixteenth round: the labels' weight with a larger lexicon).

The parts come from probe_one_word.py, which stops if they do not give
detect_fragment's answer for every dev string.
"""

from __future__ import annotations

import argparse
import csv
import functools
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import probe_one_word as probe  # noqa: E402

from workbench import langid  # noqa: E402
from workbench import langid_evidence as ev  # noqa: E402

LANGS = probe.LANGS
# the dev catalogues of the first rounds (names as build_po.py writes them)
OLD_DEV = frozenset({"bleachbit", "dpkg", "geeqie", "budgie-desktop", "gnome-music", "pidgin", "gourmet", "nemiver",
                     "Apostrophe", "Health", "budgie-control-center", "abiword"})
WEIGHT_NAMES = ("letters", "freq", "lex", "affix", "label", "cldr", "compound", "lingua", "names")
WEIGHT_GRID = (0.0, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SHIFT_GRID = (-0.75, -0.5, -0.25, 0.0, 0.25, 0.5)
# ties go to the smaller code, as in langid_evidence._decide
_TIE = -1e-9 * np.argsort(np.argsort(np.array(LANGS)))


def shipped() -> dict[str, float]:
    """The parameters as shipped: every weight 1 (relative), the one-word shifts."""
    params = {name: 1.0 for name in WEIGHT_NAMES}
    params.update({f"shift_{lang}": ev.ONE_WORD_CALIBRATION.get(lang, 0.0) for lang in LANGS[1:]})
    return params


class Items:
    """The dev one-word strings with their parts as arrays; strings without
    parts (und, no word) keep the shipped answer."""

    def __init__(self, items: list[dict]):
        self.fixed = [i for i in items if i["parts"] is None or i["gold"] not in LANGS]
        usable = [i for i in items if i not in self.fixed]
        self.items = usable
        self.catalogue = np.array([i["catalogue"] for i in usable])
        self.gold = np.array([LANGS.index(i["gold"]) for i in usable])
        self.before = np.array([[i["parts"][name] for name in probe.BEFORE_LINGUA] for i in usable])
        self.names = np.array([i["parts"]["names"] for i in usable])
        shipped_shift = np.array([ev.ONE_WORD_CALIBRATION.get(lang, 0.0) for lang in LANGS])
        # what is left of the shift part without the per-language shifts (Esperanto's -en)
        self.directional = np.array([i["parts"]["shift"] for i in usable]) - shipped_shift
        self.words = [i["word"] for i in usable]
        self._lingua: dict[tuple[int, tuple[str, ...]], np.ndarray] = {}

    def answers(self, params: dict[str, float], rows: np.ndarray | None = None) -> np.ndarray:
        """Per string (index), the index of the answer for these parameters."""
        rows = np.arange(len(self.items)) if rows is None else rows
        w = np.array([params[name] for name in probe.BEFORE_LINGUA])
        scores = np.einsum("nkl,k->nl", self.before[rows], w)
        w_lingua = ev.W_LINGUA * params["lingua"]
        top2 = -np.sort(-scores, axis=1)[:, :2]
        for j in np.nonzero(top2[:, 0] - top2[:, 1] < ev.DECISIVE_MARGIN)[0]:
            row = scores[j]
            contenders = tuple(lang for lang, v in zip(LANGS, row) if v > row.max() - ev.DECISIVE_MARGIN)
            if len(contenders) >= 2:
                scores[j] += w_lingua * self._lingua_logs(int(rows[j]), contenders)
        shifts = np.array([0.0] + [params[f"shift_{lang}"] for lang in LANGS[1:]])
        scores += params["names"] * self.names[rows] + self.directional[rows] + shifts + _TIE
        return scores.argmax(1)

    def _lingua_logs(self, index: int, contenders: tuple[str, ...]) -> np.ndarray:
        key = (index, contenders)
        if key not in self._lingua:
            values = probe._lingua_values(self.words[index], contenders)
            self._lingua[key] = np.array([math.log(values[contenders.index(lang)] + 0.02) if lang in contenders
                                          else math.log(0.02) for lang in LANGS])
        return self._lingua[key]

    def right(self, params: dict[str, float], rows: np.ndarray | None = None) -> int:
        rows = np.arange(len(self.items)) if rows is None else rows
        return int((self.answers(params, rows) == self.gold[rows]).sum())


def search(data: Items, rows: np.ndarray, passes: int = 2, only: tuple[str, ...] = ()) -> dict[str, float]:
    """One parameter at a time over its grid, a value kept only when it gets
    more strings of `rows` right than the current ones (ties keep the current);
    `only`: the parameters that may move (all when empty)."""
    params = shipped()
    best = data.right(params, rows)
    for _ in range(passes):
        moved = False
        for name in only or list(params):
            grid = WEIGHT_GRID if name in WEIGHT_NAMES else SHIFT_GRID
            for value in grid:
                if value == params[name]:
                    continue
                trial = dict(params, **{name: value})
                right = data.right(trial, rows)
                if right > best:
                    best, params, moved = right, trial, True
        if not moved:
            break
    return params


def logistic_params(data: Items, rows: np.ndarray, strengths=(0.1, 0.03, 0.01)) -> dict[str, float]:
    """The thirteenth round's logistic fit on `rows`, its strength chosen by
    leaving one of their catalogues out at a time (the linear part only: lingua
    where the shipped weights ask it)."""
    x, y = _matrix(data, rows)
    cats = data.catalogue[rows]
    best = None
    for strength in strengths:
        right = 0
        for name in sorted(set(cats)):
            weights, shifts = probe.fit_weights(x[cats != name], y[cats != name], strength, 600)
            scores = np.einsum("nkl,k->nl", x[cats == name], weights) + shifts
            right += int((scores.argmax(1) == y[cats == name]).sum())
        best = max(best or (right, strength), (right, strength))
    weights, shifts = probe.fit_weights(x, y, best[1], 1000)
    chosen = dict(zip(probe.PARTS, weights))
    params = {name: float(chosen[name]) / (ev.W_LINGUA if name == "lingua" else 1.0) for name in WEIGHT_NAMES}
    # the fit's shift part (weight x shipped shifts) and its free shifts, as one shift per language
    shipped_shift = np.array([ev.ONE_WORD_CALIBRATION.get(lang, 0.0) for lang in LANGS])
    total = chosen["shift"] * shipped_shift + shifts
    params.update({f"shift_{lang}": float(total[k] - total[0]) for k, lang in enumerate(LANGS) if k})
    return params


def _matrix(data: Items, rows: np.ndarray):
    matrix, gold = probe._matrix([data.items[j] for j in rows])
    return matrix, gold


def cross_validate(data: Items, folds: int, only: tuple[str, ...] = ()) -> None:
    catalogues = sorted(set(data.catalogue))
    group = {name: k % folds for k, name in enumerate(catalogues)}
    fold_of = np.array([group[c] for c in data.catalogue])
    base = shipped()
    totals = Counter()
    by_side = defaultdict(Counter)
    for k in range(folds):
        train, held = np.nonzero(fold_of != k)[0], np.nonzero(fold_of == k)[0]
        found = {"search": search(data, train, only=only)}
        if not only:
            found["logistic"] = logistic_params(data, train)
        names = sorted(set(data.catalogue[held]))
        line = {"shipped": data.right(base, held)} | {way: data.right(p, held) for way, p in found.items()}
        for way, right in line.items():
            totals[way] += right
            for side in ("old", "new"):
                mask = np.isin(data.catalogue[held], list(OLD_DEV)) == (side == "old")
                if mask.any():
                    by_side[way][side] += data.right(found.get(way, base), held[mask])
        print(f"fold {k} ({', '.join(names)}; {len(held)} strings): "
              + ", ".join(f"{way} {right}" for way, right in line.items()), flush=True)
        for way, p in found.items():
            print(f"    {way}: " + _changes(p))
    n_old = int(np.isin(data.catalogue, list(OLD_DEV)).sum())
    print(f"held out in turn, one-word strings right of {len(data.items)} (old {n_old}, new {len(data.items) - n_old}; "
          f"{len(data.fixed)} more strings without parts keep their answer):")
    for way, right in totals.items():
        print(f"    {way}: {right} (old {by_side[way]['old']}, new {by_side[way]['new']})")
    all_rows = np.arange(len(data.items))
    ways = [("search", functools.partial(search, only=only))] + ([] if only else [("logistic", logistic_params)])
    for way, fit in ways:
        p = fit(data, all_rows)
        print(f"{way} on every dev catalogue: {data.right(p, all_rows)} (shipped {data.right(base, all_rows)}): "
              + _changes(p))


def _changes(params: dict[str, float]) -> str:
    base = shipped()
    moved = [f"{name} {base[name]:+.2f}->{value:+.2f}" for name, value in params.items()
             if abs(value - base[name]) > 1e-9]
    return ", ".join(moved) or "as shipped"


def per_catalogue() -> None:
    """Accuracy of the shipped detector per dev catalogue (one word; all strings)."""
    with open(probe.DEV_STRINGS, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
                if r["split"] == "dev"]
    right, total = Counter(), Counter()
    for row in rows:
        side = "old" if row["catalogue"] in OLD_DEV else "new"
        ok = langid.detect_fragment(row["text"], LANGS).lang == row["lang"]
        for key in ((side, row["catalogue"]), (side, "*"), ("all", "*")):
            for bucket in (row["bucket"] == "1" and "1", "all"):
                if bucket:
                    right[key, bucket] += ok
                    total[key, bucket] += 1
    print(f"{'':4} {'catalogue':<26} {'one word':>16} {'all strings':>18}")
    keys = sorted({k for k, _ in total}, key=lambda k: (k[0] == "all", k[0] == "new", k[1] == "*", k[1].lower()))
    for side, name in keys:
        cells = [f"{100 * right[(side, name), b] / total[(side, name), b]:5.1f} ({right[(side, name), b]:>5}/"
                 f"{total[(side, name), b]:<5})" for b in ("1", "all")]
        print(f"{side:4} {name:<26} {cells[0]:>16} {cells[1]:>18}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogues", action="store_true", help="the shipped detector per dev catalogue")
    parser.add_argument("--folds", type=int, default=6, help="groups of dev catalogues held out in turn")
    parser.add_argument("--only", default="", help="comma-separated parameters the search may move (default: all)")
    args = parser.parse_args(argv)
    if args.catalogues:
        per_catalogue()
        return 0
    data = Items(probe.load_items())
    if data.right(shipped()) != sum(i["answer"] == i["gold"] for i in data.items):
        raise SystemExit("Error: the arrays do not give detect_fragment's answers: update this script")
    only = tuple(name for name in args.only.split(",") if name)
    unknown = set(only) - set(shipped())
    if unknown:
        raise SystemExit(f"Error: --only: unknown parameter(s) {', '.join(sorted(unknown))}")
    cross_validate(data, args.folds, only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
