"""Term candidates from one short reviewed pair: how many are right, this rule against a baseline.

    python bench/glossary_candidates.py --dictionary D   # dev and test, this tree's rule and main's
    python bench/glossary_candidates.py --dictionary D --split dev --show 20   # tuning: dev only, judged
    python bench/glossary_candidates.py --dictionary D --baseline-ref HEAD~3    # another baseline commit

D is FreeDict's German-French dictionary index, ``freedict-deu-fra.index`` (Debian's
``dict-freedict-deu-fra`` package installs it in its dictd folder).

The reviewed pairs are third-party: the Text+Berg de-fr dev document (Swiss Alpine Club
yearbook, sentence gold beads), rebuilt into the ignored ``bench/data/align/private/textberg``
by ``bench/data/align/build.py``. Its 422 gold beads are cut into consecutive windows of
``--window`` beads (25: a short article); each window is one reviewed pair on its own, as when
a terminologist asks for candidates after reviewing one article. Windows 1-8 are dev (used to
choose the rule), the rest test (looked at once, after).

Judge: FreeDict's German-French dictionary (``--dictionary``). A candidate is right when a word of its source side has, in the dictionary,
a translation that is a word of its target side (folded; an inflected form counts: the
shorter word is a prefix of the longer one and at least 4 letters; the German word is looked up
as written and with 1-3 final letters off, as *alte* is under *alt*), or when both sides are
one spelling (a loan word: *Route*, *route*). The judge is lenient with phrases (one word
pair right makes the phrase right) and strict with words the dictionary lacks (compounds,
rare words count as wrong), the same for both rules: read the numbers side by side.

The baseline is the candidates module of ``--baseline-ref`` (main), loaded from git into
this process, so both rules run on the same units in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.align.dictionary import load_dictionary  # noqa: E402
from workbench.align.evidence import fold  # noqa: E402
from workbench.formats.beads import parse_beads  # noqa: E402
from workbench.glossary.corpus import AlignedUnit  # noqa: E402
from workbench.glossary.matcher import WORD  # noqa: E402
from workbench.glossary.model import Glossary  # noqa: E402

TEXTBERG = ROOT / "bench" / "data" / "align" / "private" / "textberg"
DEV_WINDOWS = 8


def windows(size: int) -> list[list[AlignedUnit]]:
    de = (TEXTBERG / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (TEXTBERG / "dev.fr").read_text(encoding="utf-8").splitlines()
    beads = parse_beads((TEXTBERG / "dev.defr").read_text(encoding="utf-8"))
    units = [AlignedUnit(1, "textberg", "de", "fr", 1, 2, tuple(s), tuple(t),
                         " ".join(de[i] for i in s), " ".join(fr[j] for j in t))
             for s, t in ((b.source, b.target) for b in beads) if s and t]
    return [units[k:k + size] for k in range(0, len(units) - size + 1, size)]


def baseline_module(ref: str):
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:workbench/glossary/candidates.py"],
                          check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "candidates_baseline.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("candidates_baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def judge(dictionary, source: str, target: str) -> bool:
    src = [fold(w) for w in WORD.findall(source)]
    tgt = [fold(w) for w in WORD.findall(target)]
    if src == tgt:
        return True

    def same(a: str, b: str) -> bool:
        short, long = sorted((a, b), key=len)
        return a == b or (len(short) >= 4 and long.startswith(short))

    def lemmas(word: str) -> list[str]:   # German endings off: "alte" is under "alt"
        return [word] + [word[:-k] for k in (1, 2, 3) if len(word) - k >= 3]

    return any(same(t, w) for s in src for lemma in lemmas(s) for t in dictionary.translations(lemma)
               for w in tgt)


def run(rule, parts, dictionary, show: int) -> tuple[int, int, int]:
    found = right = 0
    for part in parts:
        for c in rule.find_candidates(part, Glossary(()), "de", "fr", limit=30):
            ok = judge(dictionary, c.source, c.target)
            found, right = found + 1, right + ok
            if show and found <= show:
                print(f"    {'+' if ok else '-'} {c.source} -> {c.target} ({c.together} beads, dice {c.dice})")
    return found, right, len(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--window", type=int, default=25)
    ap.add_argument("--split", choices=("dev", "test", "both"), default="both")
    ap.add_argument("--baseline-ref", default="main")
    ap.add_argument("--dictionary", type=Path, required=True, help="freedict-deu-fra.index")
    ap.add_argument("--show", type=int, default=0, help="print this many judged candidates of each rule")
    args = ap.parse_args()
    if not (TEXTBERG / "dev.defr").exists():
        sys.exit(f"Error: {TEXTBERG} is missing: run python bench/data/align/build.py")
    dictionary = load_dictionary(args.dictionary, "de", "fr")
    from workbench.glossary import candidates

    rules = {f"baseline ({args.baseline_ref})": baseline_module(args.baseline_ref), "this tree": candidates}
    parts = windows(args.window)
    splits = {"dev": parts[:DEV_WINDOWS], "test": parts[DEV_WINDOWS:]}
    for split in (("dev", "test") if args.split == "both" else (args.split,)):
        print(f"{split}: {len(splits[split])} reviewed pairs of {args.window} beads (Text+Berg de-fr)")
        for name, rule in rules.items():
            found, right, n = run(rule, splits[split], dictionary, args.show)
            precision = right / found if found else 0.0
            print(f"  {name:<22} {found:4d} candidates ({found / n:.1f} a pair), {right:4d} right, "
                  f"precision {precision:.3f}")


if __name__ == "__main__":
    main()
