"""Alignment on text nobody on the team wrote, and speed against hunalign, in one run.

    python bench/data/align/build.py            # once: fetch the third-party texts (git-ignored)
    python bench/align_real.py --hunalign PATH  # PATH: a hunalign binary built from source
    python bench/align_real.py --part dev       # tuning only: never looks at the test parts
    python bench/align_real.py --part textberg  # only the Text+Berg dev rows (halves and whole)

Sets (the split into dev and test was fixed in this file before any tuning):

1. Easy 1:1 literary texts (bilinguator/aligned-texts, paragraph level, the
   same paragraph count on both sides): DEV_TEXTS to tune on, TEST_TEXTS held out.
   A third dev group (sixth round, ``build.py``'s PAIRS) pairs two languages other than
   English or English with a language outside de/es/tr (de-es, es-tr, fr-de, en-fr,
   en-ru, ...), from works none of whose texts is in the test. A fourth (seventh round,
   ``build.py``'s PO_PAIRS) is manuals and essays from gettext catalogues (the Python
   documentation in Spanish and Turkish, the help of four GNOME programs) and Mozilla's
   privacy notices and terms (LEGAL_PAIRS), not novels.
2. Seeded perturbations of those texts (merges, splits, omissions, insertions
   of a paragraph of another work; ``bench/align.py``'s ``perturb``): dev seed
   DEV_SEED, held-out seeds TEST_SEEDS, both fixed before the first run.
3. Text+Berg de-fr dev document (thompsonb/vecalign bleualign_data/dev.*),
   sentence level, presegmented; its first and second halves are reported
   too (the first half is what weights were tuned on). The Text+Berg test
   files are not read.
4. The demo corpus gold (22 pairs) as a regression check.
4b. Bible verse sets (issue 14; ``bench/data/align/bible.py``): one book of English with Spanish,
   German or Turkish per document, one line per verse, gold from the verse ids (verses translated
   together are one bead). Dev books and test books were fixed in ``bible.py`` before any run;
   ``--part bible-dev`` prints the dev rows only, ``--part bible`` dev and test.
5. Speed: 1,000 English sentences and their German counterparts
   (sentence-split literary paragraphs) through the ``workbench align`` CLI
   (``--presegmented --unit sentence --src-lang en --tgt-lang de``) against
   ``hunalign -text`` with an empty dictionary on the same files, each the
   best of ``--repeats`` runs in wall-clock and in CPU seconds (user + system of
   the child, which a loaded machine disturbs less); both ratios are printed.

Baselines in the same run: nltk's Gale-Church, and hunalign (when given).
"""

from __future__ import annotations

import argparse
from functools import partial
import importlib.util
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align import gale_church, load_pairs, perturb, workbench_align  # noqa: E402
from workbench.align import align_segments  # noqa: E402
from workbench.align.evidence import EvidenceConfig  # noqa: E402
from workbench.align.score import score  # noqa: E402
from workbench.segment import split_sentences  # noqa: E402

DATA = ROOT / "bench" / "data" / "align" / "private"
DEV_TEXTS = [("the_happy_prince", "de"), ("the_happy_prince", "es"), ("the_happy_prince", "tr"),
             ("the_gift_of_the_magi", "de"), ("the_gift_of_the_magi", "es"), ("hansel_und_gretel", "de"),
             ("hansel_und_gretel", "es")]
# Left out: taoteching en-tr, whose "1:1" lines are not translations of each other from
# chapter 3 on (the Turkish chapter numbers run one ahead of the English ones).
TEST_TEXTS = [("le_petit_prince", "tr"), ("the_canterville_ghost", "de"), ("nos", "es"),
              ("la_biblioteca_de_babel", "de"), ("the_raven", "tr"), ("fyrtoiet", "es"),
              ("snedronningen", "de"), ("the_gift_of_the_magi", "es")]
# More easy 1:1 dev texts (round 4, chosen before any run on them): every other work of the
# repository with English and German, Spanish or Turkish. Only for the easy set: the perturbed
# sets and their insertion pool stay as they were fixed (POOL_WORKS).
MORE_DEV_TEXTS = [("boof_e_koor", "tr"), ("den_standhaftige_tinsoldat", "de"), ("den_standhaftige_tinsoldat", "es"),
                  ("discours_de_la_methode", "de"), ("el_coronel_no_tiene_quien_le_escriba", "es"),
                  ("manifesto", "de"), ("manifesto_de_prago", "de"), ("pinocchio", "es"),
                  ("prindsessen_paa_aerten", "de"), ("prindsessen_paa_aerten", "es"), ("surale", "de")]
# Data fixes: stretches where the assumed 1:1 gold is wrong, checked by reading both sides (the
# Spanish Pinocchio re-cuts chapter 18's paragraphs: it joins two, splits 'Then he asked:' and a
# reply off, and joins two again; the Polish one joins the Cat's echo to the Fox's line and splits
# the Marionette's answer after 'said the Marionette'). Beads as 'source:target', '+' joining
# paragraphs of a side.
GOLD_FIXES = {
    "pinocchio en-es": "701+702:701 703:702 704:703 705:704 706:705 707:706 708:707 709:708 710:709+710 "
                       "714:714+715 715:716 716:717 717:718 718:719 719+720:720",
    "pinocchio fr-es": "707+708:707 709:708 710:709 711:710 712:711 713:712 714:713 715:714 716:715+716 "
                       "720:720+721 721:722 722:723 723:724 724:725 725+726:726",
    "pinocchio en-pl": "670+671:670 672:671+672",
}
POOL_WORKS = ("the_happy_prince", "the_gift_of_the_magi", "le_petit_prince", "the_canterville_ghost", "nos",
              "hansel_und_gretel", "la_biblioteca_de_babel", "horkos", "taoteching", "the_raven", "fyrtoiet",
              "snedronningen")
DEV_SEED = 14_1
TEST_SEEDS = (14_2027, 14_3301)
SPEED_WORKS = ("le_petit_prince", "the_canterville_ghost")


def read_lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def literary_pair(work: str, tgt: str) -> dict:
    return one_to_one(work, "en", tgt, DATA / "literary" / f"{work}_en.txt", DATA / "literary" / f"{work}_{tgt}.txt")


def one_to_one(work: str, src: str, tgt: str, src_path: Path, tgt_path: Path) -> dict:
    """Two files of as many paragraphs, paragraph k paired with paragraph k."""
    src_lines, tgt_lines = read_lines(src_path), read_lines(tgt_path)
    n = min(len(src_lines), len(tgt_lines))
    name = f"{work} {src}-{tgt}"
    return dict(name=name, src_lang=src, tgt_lang=tgt, src_id=work, tgt_id=work, source=src_lines[:n],
                target=tgt_lines[:n], gold=fixed_gold([((k,), (k,)) for k in range(n)], GOLD_FIXES.get(name, "")))


def fixed_gold(gold: list, fix: str) -> list:
    """``gold`` with the beads of ``fix`` (GOLD_FIXES) in place of the beads they overlap."""
    beads = [tuple(tuple(int(x) for x in side.split("+")) for side in bead.split(":")) for bead in fix.split()]
    used = {("s", i) for s, _ in beads for i in s} | {("t", j) for _, t in beads for j in t}
    kept = [b for b in gold if not ({("s", i) for i in b[0]} | {("t", j) for j in b[1]}) & used]
    return sorted(kept + beads, key=lambda b: (min(b[0], default=-1), min(b[1], default=-1)))


def pair_texts(group: str = "PAIRS", folder: str = "pairs") -> list[dict]:
    """A dev group of build.py that was built: PAIRS (sixth round, any two languages) or
    PO_PAIRS+LEGAL_PAIRS (seventh round, manuals, essays and legal texts, in ``private/po``)."""
    spec = importlib.util.spec_from_file_location("align_data_build", DATA.parent / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out = []
    for work, src, tgt in [x for name in group.split("+") for x in getattr(build, name)]:
        work = build.work_stem(work)
        paths = [DATA / folder / f"{work}_{src}-{tgt}_{lang}.txt" for lang in (src, tgt)]
        if all(x.exists() for x in paths):
            out.append(one_to_one(work, src, tgt, *paths))
    return out


def bible_pairs(split: str) -> list[dict]:
    """The built Bible books of ``split`` ('dev' or 'test'), every pair of ``bible.PAIRS``."""
    spec = importlib.util.spec_from_file_location("align_data_bible", DATA.parent / "bible.py")
    bible = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bible)
    books = bible.DEV_BOOKS if split == "dev" else bible.TEST_BOOKS
    out = []
    for src, tgt in bible.PAIRS:
        out += [p for p in (bible.read_pair(DATA / "bible" / f"{src}-{tgt}", b, src, tgt) for b in books) if p]
    return out


def bible_rows(sets, hunalign: str | None, splits=("dev", "test")) -> None:
    """Each split of the Bible sets: per pair, then all pairs; the workbench at sentence unit (as
    ``workbench align --presegmented --unit sentence``) with the baselines, then at paragraph unit."""
    for split in splits:
        pairs = bible_pairs(split)
        if not pairs:
            print("\n## Bible sets not built: python bench/data/align/build.py --bible-only (see bible.py)")
            return
        for label in sorted({p["name"].split()[1] for p in pairs}) + ["all pairs"]:
            chosen = [p for p in pairs if label == "all pairs" or p["name"].endswith(label)]
            sets(f"Bible verses {label}, {split.upper()} (sentence unit)", chosen, hunalign, "sentence", True)
            run_set(f"Bible verses {label}, {split.upper()} (paragraph unit)", chosen, None, "paragraph", True,
                    with_gale_church=False)


def insertion_pool() -> dict:
    pool: dict[str, list] = {}
    for path in sorted((DATA / "literary").glob("*.txt")):
        work, lang = path.stem.rsplit("_", 1)
        if work not in POOL_WORKS:
            continue
        pool.setdefault(lang, []).extend((work, x) for x in read_lines(path) if len(x) > 80)
    return pool


def perturbed(pairs: list[dict], seed: int, pool: dict, ops: int = 4) -> list[dict]:
    rng = random.Random(seed)
    return [perturb(p, pool, rng, ops) for p in pairs]


def textberg_pairs() -> list[dict]:
    folder = DATA / "textberg"
    src = read_lines(folder / "dev.de")
    tgt = read_lines(folder / "dev.fr")
    gold = []
    for line in read_lines(folder / "dev.defr"):
        s, t = line.split(":")
        gold.append((tuple(int(x) for x in s.strip("[]").split(",") if x.strip()),
                     tuple(int(x) for x in t.strip("[]").split(",") if x.strip())))
    whole = dict(name="Text+Berg dev de-fr", src_lang="de", tgt_lang="fr", source=src, target=tgt, gold=gold)
    return [whole, *halves(whole)]


def halves(pair: dict) -> list[dict]:
    """The first and second half of a presegmented pair, cut between two gold beads."""
    cut = len(pair["gold"]) // 2
    out = []
    for label, beads in (("first half", pair["gold"][:cut]), ("second half", pair["gold"][cut:])):
        s0 = min((i for s, _ in beads for i in s), default=0)
        t0 = min((j for _, t in beads for j in t), default=0)
        s1 = max((i for s, _ in beads for i in s), default=-1) + 1
        t1 = max((j for _, t in beads for j in t), default=-1) + 1
        gold = [(tuple(i - s0 for i in s), tuple(j - t0 for j in t)) for s, t in beads]
        out.append(dict(pair, name=f"{pair['name']}, {label}", source=pair["source"][s0:s1],
                        target=pair["target"][t0:t1], gold=gold))
    return out


# ---------------------------------------------------------------- hunalign

def hunalign_beads(binary: str, pair: dict, tmp: Path) -> list:
    src, tgt, dic = tmp / "src.txt", tmp / "tgt.txt", tmp / "null.dic"
    src.write_text("\n".join(pair["source"]) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(pair["target"]) + "\n", encoding="utf-8")
    dic.write_text("", encoding="utf-8")
    # in the temporary folder: hunalign writes a translate.txt into its working folder
    out = subprocess.run([binary, str(dic), str(src), str(tgt)], check=True, capture_output=True, text=True, cwd=tmp)
    rungs = [tuple(int(x) for x in line.split("\t")[:2]) for line in out.stdout.splitlines() if line.strip()]
    return ladder_to_beads(rungs)


def ladder_to_beads(rungs: list[tuple[int, int]]) -> list:
    """hunalign's ladder (rung i, j: source i and target j start together) as beads."""
    beads = []
    for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]):
        if (i0, j0) != (i1, j1):
            beads.append((tuple(range(i0, i1)), tuple(range(j0, j1))))
    out = []
    for s, t in beads:  # hunalign reports an m-0 stretch as one bead; score them one by one
        out += [((i,), ()) for i in s] if not t else [((), (j,)) for j in t] if not s else [(s, t)]
    return out


# ---------------------------------------------------------------- runs

def with_dictionary(dictionary, unit: str):
    """The workbench aligner on presegmented input with a bilingual dictionary as evidence."""
    def run(p):
        evidence = EvidenceConfig(dictionary=dictionary)
        r = align_segments(p["source"], p["target"], p["src_lang"], p["tgt_lang"], unit=unit, evidence=evidence)
        return [(b.source, b.target) for b in r.beads]
    return run


def run_set(title: str, pairs: list[dict], hunalign: str | None, unit: str = "paragraph",
            presegmented: bool = False, dictionary=None, glossary: bool = False,
            with_gale_church: bool = True) -> float:
    """``glossary``: with the shared glossary as evidence (the demo corpus, whose terms it lists)."""
    aligners = [("workbench", lambda p: workbench_align(p, unit, presegmented, glossary=glossary)[0])]
    if with_gale_church:
        aligners.append(("gale-church", gale_church))
    if dictionary is not None:
        aligners.insert(1, ("workbench+dict", with_dictionary(dictionary, unit)))
    if hunalign:
        tmp = Path(tempfile.mkdtemp(prefix="hunalign-"))
        aligners.append(("hunalign", lambda p: hunalign_beads(hunalign, p, tmp)))
    golds = [p["gold"] for p in pairs]
    print(f"\n## {title}: {len(pairs)} documents, {sum(len(g) for g in golds)} gold beads")
    print(f"{'aligner':<14}{'P strict':>9}{'R strict':>9}{'F1 strict':>10}{'F1 lax':>8}{'seconds':>9}")
    ours = 0.0
    for name, fn in aligners:
        t0 = time.perf_counter()
        out = [fn(p) for p in pairs]
        s = score(golds, out)
        print(f"{name:<14}{s.precision_strict:9.3f}{s.recall_strict:9.3f}{s.f1_strict:10.3f}{s.f1_lax:8.3f}"
              f"{time.perf_counter() - t0:9.2f}")
        ours = s.f1_strict if name == "workbench" else ours
    return ours


def speed_files(tmp: Path) -> tuple[Path, Path]:
    """1,000 English sentences and the German sentences of the same paragraphs."""
    src, tgt = [], []
    for work in SPEED_WORKS:
        pair = literary_pair(work, "de")
        for s, t in zip(pair["source"], pair["target"]):
            if len(src) < 1000:  # whole paragraphs, so that both sides stay parallel
                src += split_sentences(s, "en")
                tgt += split_sentences(t, "de")
    paths = tmp / "speed.en.txt", tmp / "speed.de.txt"
    paths[0].write_text("\n".join(src) + "\n", encoding="utf-8")
    paths[1].write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return paths


def best_time(cmd: list[str], repeats: int, env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of the best of ``repeats`` runs; CPU (user + system of the child)
    is what a loaded machine disturbs least."""
    walls, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=cwd)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def speed(hunalign: str | None, repeats: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="align-speed-"))
    src, tgt = speed_files(tmp)
    n_src, n_tgt = len(read_lines(src)), len(read_lines(tgt))
    env = dict(os.environ, WORKBENCH_DB=str(tmp / "bench.sqlite3"), WORKBENCH_DATA_DIR=str(tmp))
    cli = [str(Path(sys.executable).with_name("workbench")), "align", str(src), str(tgt), "--presegmented", "--unit",
           "sentence", "--src-lang", "en", "--tgt-lang", "de", "--format", "json", "-o", str(tmp / "out.json")]
    subprocess.run(cli, check=True, capture_output=True, env=env)  # first start: the demo corpus is loaded
    ours, ours_cpu = best_time(cli, repeats, env)
    print(f"\n## Speed: {n_src} en / {n_tgt} de sentences, end to end (best of {repeats})")
    print(f"workbench align (CLI, stored)  {ours:7.2f} s wall {ours_cpu:7.2f} s CPU")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import workbench.cli"], check=True, env=env)
    print(f"python start + import workbench.cli: {time.perf_counter() - t0:.2f} s (part of the above)")
    if hunalign:
        dic = tmp / "null.dic"
        dic.write_text("", encoding="utf-8")
        theirs, theirs_cpu = best_time([hunalign, str(dic), str(src), str(tgt)], repeats, cwd=tmp)
        print(f"hunalign (null dictionary)     {theirs:7.2f} s wall {theirs_cpu:7.2f} s CPU")
        print(f"time ratio workbench/hunalign: {ours / theirs:.2f} wall, {ours_cpu / theirs_cpu:.2f} CPU "
              "(goal <= 2.00)")
    else:
        print("hunalign not given (--hunalign PATH): no ratio")


def dictionary_bench(size: int = 690_000) -> None:
    """A generated dictd dictionary of ``size`` entries (FreeDict layout): read in full,
    then from the index cache in a fresh process (what every later call costs)."""
    from workbench.align.dictionary import load_dictionary

    tmp = Path(tempfile.mkdtemp(prefix="align-dict-"))
    index = write_generated_dictd(tmp, size)
    t0 = time.perf_counter()
    d = load_dictionary(index, "en", "de", cache_dir=tmp / "cache", pair=("en", "de"))
    first = time.perf_counter() - t0
    code = ("import sys, time; t, c = time.perf_counter(), time.process_time(); "
            "from workbench.align.dictionary import load_dictionary; "
            "d = load_dictionary(sys.argv[1], 'en', 'de', cache_dir=sys.argv[2], pair=('en', 'de')); "
            "print(len(d), time.perf_counter() - t, time.process_time() - c)")
    out = subprocess.run([sys.executable, "-c", code, str(index), str(tmp / "cache")], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout.split()
    print(f"\n## Dictionary: generated dictd file, {size:,} entries ({len(d):,} single-word headwords)")
    print(f"first read (parse + index written)   {first:7.2f} s   (the baseline: every call before)")
    print(f"later calls (index cache, new process) {float(out[1]):7.2f} s wall, {float(out[2]):.2f} s CPU "
          f"(goal < 2 s); ratio to the first read {float(out[1]) / first:.3f}")


def write_generated_dictd(folder: Path, size: int) -> Path:
    """``size`` entries of made-up words with one to three translations each, dictd layout."""
    rng = random.Random(690)
    letters = "abcdefghijklmnopqrstuvwxyzäöü"
    word = lambda: "".join(rng.choice(letters) for _ in range(rng.randint(4, 11)))  # noqa: E731
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def enc(n: int) -> str:
        out = ""
        while True:
            out, n = b64[n % 64] + out, n // 64
            if not n:
                return out
    body, lines, offset = [], [], 0
    for k in range(size):
        head = f"{word()}{k}"
        chunk = f"{head}\n<n>\n1. {', '.join(word() for _ in range(rng.randint(1, 3)))}\n".encode("utf-8")
        lines.append(f"{head}\t{enc(offset)}\t{enc(len(chunk))}")
        body.append(chunk)
        offset += len(chunk)
    (folder / "generated.dict").write_bytes(b"".join(body))
    (folder / "generated.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "generated.index"


def textberg_rows(sets, halves_and_whole, hunalign: str | None, dic) -> None:
    """The Text+Berg dev rows alone: what a round on it is decided by (seconds, not minutes)."""
    for label, pair in zip(("first half (tuned on)", "second half (check)", "whole"), halves_and_whole):
        sets(f"Text+Berg de-fr dev, {label}", [pair], hunalign, "sentence", True, dic)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hunalign", help="path of a hunalign binary built from source")
    ap.add_argument("--part", choices=("dev", "textberg", "bible-dev", "bible", "all"), default="all",
                    help="dev: only the sets weights may be tuned on; textberg: only the Text+Berg dev "
                         "document (tuned-on half, check half, whole); bible-dev: the Bible dev rows; "
                         "bible: the Bible dev and test rows")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each aligner (best is kept)")
    ap.add_argument("--freedict", metavar="DIR",
                    help="folder with FreeDict's freedict-deu-fra.index (Debian dict-freedict-deu-fra): "
                         "Text+Berg is also aligned with it")
    ap.add_argument("--dictionary-bench", action="store_true", help="only the dictionary timing")
    ap.add_argument("--no-gale-church", action="store_true",
                    help="leave out nltk's Gale-Church (minutes on the larger sets of a loaded machine); "
                         "give --hunalign for a baseline in the same run")
    args = ap.parse_args(argv)
    if args.dictionary_bench:
        dictionary_bench()
        return 0
    if not (DATA / "textberg" / "dev.de").exists():
        # not an error for `make bench`: the third-party texts are fetched on purpose, once
        print("bench/align_real.py not run: no third-party texts; run python bench/data/align/build.py first")
        return 0
    sets = partial(run_set, with_gale_church=not args.no_gale_church)
    pool = insertion_pool()
    dev = [literary_pair(w, t) for w, t in DEV_TEXTS]
    tb_whole, tb_first, tb_second = textberg_pairs()
    dic = None
    if args.freedict:
        from workbench.align.dictionary import load_dictionary

        dic = load_dictionary(Path(args.freedict) / "freedict-deu-fra.index", "de", "fr",
                              cache_dir=Path(tempfile.gettempdir()) / "workbench-bench-dictionaries")
    print("# Alignment on third-party text (workbench vs Gale-Church and hunalign, same run)")
    if args.part == "textberg":
        textberg_rows(sets, (tb_first, tb_second, tb_whole), args.hunalign, dic)
        return 0
    if args.part.startswith("bible"):
        bible_rows(sets, args.hunalign, ("dev",) if args.part == "bible-dev" else ("dev", "test"))
        return 0
    sets("Easy 1:1 literary, DEV", dev, args.hunalign)
    more = [literary_pair(w, t) for w, t in MORE_DEV_TEXTS if (DATA / "literary" / f"{w}_{t}.txt").exists()]
    if more:
        sets("Easy 1:1 literary, more DEV texts", more, args.hunalign)
    pairs = pair_texts()
    if pairs:
        sets("Easy 1:1 literary, sixth-round DEV pairs (de-es, fr-de, en-ru, ...)", pairs, args.hunalign)
    manuals = pair_texts("PO_PAIRS+LEGAL_PAIRS", "po")
    if manuals:
        sets("Easy 1:1 manuals, essays and legal texts, seventh-round DEV", manuals, args.hunalign)
    sets(f"Perturbed literary, DEV (seed {DEV_SEED})", perturbed(dev, DEV_SEED, pool), args.hunalign)
    sets("Text+Berg de-fr dev, first half (tuned on)", [tb_first], args.hunalign, "sentence", True, dic)
    demo, _, demo_sentences = load_pairs()
    sets("Demo corpus paragraph gold (regression; with the glossary, as the app)", demo, args.hunalign,
            glossary=True)
    sets("Demo corpus sentence gold (regression; with the glossary)", demo_sentences, args.hunalign,
            "sentence", True, glossary=True)
    if args.part == "dev":
        return 0
    sets("Text+Berg de-fr dev, second half", [tb_second], args.hunalign, "sentence", True, dic)
    sets("Text+Berg de-fr dev, whole", [tb_whole], args.hunalign, "sentence", True, dic)
    test = [literary_pair(w, t) for w, t in TEST_TEXTS]
    sets("Easy 1:1 literary, TEST", test, args.hunalign)
    for seed in TEST_SEEDS:
        sets(f"Perturbed literary, TEST (seed {seed})", perturbed(test, seed, pool), args.hunalign)
    bible_rows(sets, args.hunalign)
    speed(args.hunalign, args.repeats)
    dictionary_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
