"""Benchmark: `workbench align --presegmented` on 1,000 sentence pairs against hunalign, whole processes.

    python bench/data/align/build.py                      # once: the third-party texts (git-ignored)
    python bench/align_speed.py --hunalign-src DIR        # DIR: hunalign's source (github.com/danielvarga/hunalign)
    python bench/align_speed.py --hunalign PATH [--base COMMIT] [--rounds 9]
    python bench/align_speed.py --breakdown [--rounds 5]      # where the time of one command goes
    python bench/align_speed.py --hunalign PATH --instructions [--base COMMIT]   # executed instructions (valgrind)

The input is ``bench/align_real.py``'s speed set: 1,000 English sentences and the
German sentences of the same paragraphs (two literary works, sentence-split), one
a line. Each round runs every command once as a whole process (start, imports,
store, the work, exit), in turn, so that load from other processes hits them
alike:

  * hunalign (built from its source with ``make`` when ``--hunalign-src`` is
    given), ``-text`` off, with an empty dictionary: the baseline;
  * the same with ``-realign`` (hunalign's second pass with a dictionary learnt from its first):
    the like-for-like baseline of the workbench's two passes, printed beside the first;
  * ``workbench align SRC TGT --presegmented --src-lang en --tgt-lang de`` (paragraph
    unit: every line a segment), and the same with ``--unit sentence``, on a store
    that already holds the shared glossary (as every command after the first meets it),
    and ``--unit sentence --one-pass`` (no second pass with the learnt table);
  * with ``--base``: the same two commands of another commit (a checkout of its own,
    run with ``PYTHONPATH``), and whether its beads are identical (fixed hash seed);
  * the floor no change here can beat: ``python -c pass``, and Python with the
    imports the command cannot avoid (sqlite3, json, argparse, numpy).

``--breakdown``: the sentence-unit command in one process, its CPU time split
into stages (start-up and imports, reading, glossary matchers, evidence keys,
each search, learning the table, confidence, storing, printing) by timers
around the functions that do them; the best of ``--rounds`` runs per stage.

``--instructions``: every command once under valgrind's callgrind, its count of executed
instructions (``I refs``) and the ratio to hunalign's. The count does not move with the
machine's load (CPU seconds on a shared 2-core machine moved by 10-30% between rounds, more
than most changes measured); it is not time (hunalign's C++ and the interpreter run at
different instructions per cycle), but two versions of the workbench compare on it exactly.
About 2 minutes a workbench command (valgrind runs it ~50 times slower).

CPU seconds are user + system of the child (what the load disturbs least); wall
seconds are printed too. Per command: best, median and worst of the rounds; the
ratio to hunalign of the bests and the range of the per-round ratios; the load
average before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_real import DATA, speed_files  # noqa: E402
from startup import LAUNCH, base_tree, check_runs_from  # noqa: E402

# the command with a CPU timer around each stage (see --breakdown); prints one JSON line on stderr
STAGED = """
import json, resource, sys, time
spent, searches = {}, [0]
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def timed(module, name, label):
    inner = getattr(module, name, None)
    if inner is None:   # (an older commit)
        return
    def outer(*args, **kwargs):
        start = cpu()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + cpu() - start
    setattr(module, name, outer)
from workbench.cli import main
import workbench.cli.align as cli_align
from workbench import review
from workbench.align import aligner, lexicon
spent["start-up, imports"] = cpu()
for module, name, label in ((review, "load_side", "reading the inputs"), (review, "evidence_for", "glossary matchers"),
                            (aligner, "all_keys", "evidence keys"), (aligner, "_words_of", "evidence keys"),
                            (aligner, "_learnt_table", "learning the table"),
                            (lexicon, "segment_words", "learning the table"),
                            (lexicon, "with_table", "the table's keys"), (aligner, "_bead", "confidence"),
                            (review, "store_aligned_sides", "storing"), (cli_align, "_render", "printing")):
    timed(module, name, label)
search = aligner.dp_align
def counted(*args, **kwargs):
    searches[0] += 1
    start = cpu()
    try:
        return search(*args, **kwargs)
    finally:
        label = f"search {searches[0]}" + (" (beads scored)" if kwargs.get("scored", True) else "")
        spent[label] = spent.get(label, 0.0) + cpu() - start
aligner.dp_align = counted
code = main(sys.argv[1:])
spent["total"] = cpu()
print(json.dumps(spent), file=sys.stderr)
sys.exit(code)
"""
FLOOR_IMPORTS = "import sqlite3, json, argparse, numpy"
# hunalign's own second pass (a dictionary learnt from the first pass's beads, then aligned again):
# what the workbench's two passes do, so the like-for-like ratio is printed too; the target is
# against plain hunalign (the first row)
REALIGN = "hunalign -realign (empty dictionary)"


def timed(argv: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """(wall, CPU) seconds of one whole process, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"Error: {' '.join(argv[:4])} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done.stdout


def build_extension(tree: Path) -> str:
    """Build a checkout's optional C extension in place, as ``pip install`` builds it (the
    interpreter's compiler and flags, setup.py's extra flags): a ``--base`` checkout has nothing
    built, and without it the base version would run its pure-Python fallback. Returns a note."""
    import sysconfig

    source = tree / "workbench" / "align" / "_fastcost.c"
    if not source.exists():
        return "no C extension in this version"
    v = sysconfig.get_config_vars()
    target = source.with_name("_fastcost" + v["EXT_SUFFIX"])
    obj = source.with_suffix(".o")
    compile_ = [*v["CC"].split(), *v["CFLAGS"].split(), *v["CCSHARED"].split(), "-I" + sysconfig.get_paths()["include"],
                "-c", str(source), "-o", str(obj), "-O2", "-ffp-contract=off"]
    link = [*v["LDSHARED"].split(), str(obj), "-o", str(target)]
    for argv in (compile_, link):
        if subprocess.run(argv, capture_output=True).returncode != 0:
            return "its C extension could not be built: it runs the pure-Python fallback"
    return "its C extension built"


def hunalign_binary(args, work: Path) -> str:
    if args.hunalign:
        return args.hunalign
    src = Path(args.hunalign_src) / "src" / "hunalign"
    subprocess.run(["make", "-C", str(src)], check=True, capture_output=True)
    return str(src / "hunalign")


def commands(hunalign: str, src: Path, tgt: Path, work: Path, trees: dict) -> dict[str, tuple[list[str], dict]]:
    """Name -> (argv, environment) of every timed command."""
    dic = work / "null.dic"
    dic.write_text("", encoding="utf-8")
    single = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    out = {"hunalign (empty dictionary)": ([hunalign, str(dic), str(src), str(tgt)], dict(os.environ)),
           REALIGN: ([hunalign, "-realign", str(dic), str(src), str(tgt)], dict(os.environ)),
           "floor: python -c pass": ([sys.executable, "-c", "pass"], dict(os.environ)),
           f"floor: python + {FLOOR_IMPORTS[7:]}": ([sys.executable, "-c", FLOOR_IMPORTS], single)}
    for version, tree in trees.items():
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0",
               "WORKBENCH_DB": str(work / version / "w.sqlite3"), "WORKBENCH_DATA_DIR": str(work / version)}
        base = [sys.executable, "-c", LAUNCH, "align", str(src), str(tgt), "--presegmented",
                "--src-lang", "en", "--tgt-lang", "de"]
        out[f"workbench {version}: paragraph unit"] = (base, env)
        out[f"workbench {version}: --unit sentence"] = (base + ["--unit", "sentence"], env)
        if version == "now":   # older commits have no --one-pass
            out["workbench now: sentence --one-pass"] = (base + ["--unit", "sentence", "--one-pass"], env)
    return out


def measure(cmds: dict, work: Path, rounds: int) -> tuple[dict, dict]:
    times = {name: [] for name in cmds}
    outputs: dict = {}
    for _ in range(rounds):
        for name, (argv, env) in cmds.items():
            wall, cpu, out = timed(argv, env, work)
            times[name].append((wall, cpu))
            outputs[name] = out
    return times, outputs


def report(times: dict, rounds: int) -> None:
    base = times["hunalign (empty dictionary)"]
    print(f"{'command':44} {'CPU s best/median/worst':>25} {'wall s best/median/worst':>26} "
          f"{'ratio to hunalign: CPU (rounds) | wall':>40}")
    for name, runs in times.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        per_round = [c / max(hc, 1e-9) for (_, c), (_, hc) in zip(runs, base)]
        print(f"{name:44} {min(cpus):7.3f} {statistics.median(cpus):7.3f} {max(cpus):7.3f}   "
              f"{min(walls):8.3f} {statistics.median(walls):7.3f} {max(walls):7.3f}   "
              f"{min(cpus) / min(c for _, c in base):6.2f}x ({min(per_round):.2f}-{max(per_round):.2f}) | "
              f"{min(walls) / min(w for w, _ in base):6.2f}x")
    realign = min(c for _, c in times[REALIGN])
    for name in (n for n in times if n.startswith("workbench") and "one-pass" not in n):
        print(f"like for like, two passes each: {name} / {REALIGN}: "
              f"{min(c for _, c in times[name]) / realign:.2f}x (CPU, bests)")


def instructions(cmds: dict, work: Path) -> None:
    """Each command once under callgrind: its executed instructions and their ratio to hunalign's."""
    import shutil

    if shutil.which("valgrind") is None:
        raise SystemExit("Error: --instructions needs valgrind (apt-get install valgrind)")
    counts = {}
    for name, (argv, env) in cmds.items():
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv], env=env,
                              cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"Error: {name} under valgrind failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        refs = [line for line in done.stderr.splitlines() if "I   refs:" in line or "I refs:" in line]
        counts[name] = int(refs[-1].rsplit(":", 1)[1].replace(",", "").strip())
    base = counts["hunalign (empty dictionary)"]
    print(f"{'command':44} {'instructions (millions)':>24} {'ratio to hunalign':>18}")
    for name, n in counts.items():
        print(f"{name:44} {n / 1e6:24.0f} {n / base:17.2f}x")


def breakdown(src: Path, tgt: Path, work: Path, rounds: int, trees: dict[str, Path]) -> None:
    """Best CPU seconds of each stage of ``workbench align --unit sentence`` over ``rounds`` runs,
    for each tree (runs of the trees in turn)."""
    import json

    argv = [sys.executable, "-c", STAGED, "align", str(src), str(tgt), "--presegmented", "--src-lang", "en",
            "--tgt-lang", "de", "--unit", "sentence"]
    envs = {version: {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1",
                      "WORKBENCH_DB": str(work / version / "b.sqlite3"), "WORKBENCH_DATA_DIR": str(work / version)}
            for version, tree in trees.items()}
    best: dict[str, dict[str, float]] = {version: {} for version in trees}
    for k in range(rounds + 1):   # the first run loads the shared glossary into the store: not counted
        for version, env in envs.items():
            done = subprocess.run(argv, env=env, cwd=work, capture_output=True, text=True, check=True)
            for stage, seconds in json.loads(done.stderr.strip().splitlines()[-1]).items():
                if k:
                    best[version][stage] = min(best[version].get(stage, seconds), seconds)
    print(f"CPU ms of each stage of one 'workbench align --unit sentence' (best of {rounds} runs per stage; "
          f"load average {os.getloadavg()[0]:.1f})")
    print(f"  {'stage':44}" + "".join(f"{version:>10}" for version in trees))
    for times in best.values():
        times["rest (parsing, opening the store, other)"] = times["total"] - sum(
            v for stage, v in times.items() if stage != "total")
        times["total"] = times.pop("total")
    stages = list(dict.fromkeys(stage for times in best.values() for stage in times))
    for stage in stages:
        print(f"  {stage:44}" + "".join(f"{best[v][stage] * 1000:10.1f}" if stage in best[v] else f"{'-':>10}"
                                         for v in trees))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--hunalign", help="a hunalign binary built from source")
    where.add_argument("--hunalign-src", help="hunalign's source folder (its src/hunalign is built with make)")
    parser.add_argument("--rounds", type=int, default=9, help="runs of every command, in turn")
    parser.add_argument("--base", help="also time this commit's workbench (and compare its beads)")
    parser.add_argument("--breakdown", action="store_true", help="only the CPU time of each stage of one command")
    parser.add_argument("--instructions", action="store_true",
                        help="instead of timing: each command once under valgrind, its executed instructions")
    args = parser.parse_args()
    if not (DATA / "literary").is_dir():
        print("bench/align_speed.py not run: no third-party texts; run python bench/data/align/build.py first")
        return 0
    if args.breakdown:
        with tempfile.TemporaryDirectory(prefix="workbench-align-stages-") as tmp:
            trees = {"now": ROOT, **({"before": base_tree(args.base, Path(tmp))} if args.base else {})}
            if args.base:
                print(f"{args.base}: {build_extension(trees['before'])}")
            try:
                for tree in trees.values():   # as installed copies are: no module compiled at every start
                    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "workbench")], check=True)
                breakdown(*speed_files(Path(tmp)), Path(tmp), args.rounds, trees)
            finally:
                if args.base:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees["before"])],
                                   capture_output=True)
        return 0
    if not (args.hunalign or args.hunalign_src):   # not an error for `make bench`: the baseline is built by hand
        print("bench/align_speed.py not run: give --hunalign PATH or --hunalign-src DIR (the baseline)")
        return 0
    with tempfile.TemporaryDirectory(prefix="workbench-align-speed-") as tmp:
        work = Path(tmp)
        src, tgt = speed_files(work)
        trees = {"now": ROOT}
        if args.base:
            trees["before"] = base_tree(args.base, work)
            print(f"{args.base}: {build_extension(trees['before'])}")
        try:
            for version, tree in trees.items():
                check_runs_from(tree, dict(os.environ), work)
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "workbench")], check=True)
            cmds = commands(hunalign_binary(args, work), src, tgt, work, trees)
            for name, (argv, env) in cmds.items():   # first start of each store: the shared glossary is loaded
                if name.startswith("workbench"):
                    timed(argv, env, work)
            n_src, n_tgt = (len(p.read_text(encoding="utf-8").splitlines()) for p in (src, tgt))
            if args.instructions:
                print(f"{n_src} en / {n_tgt} de sentences; executed instructions (valgrind's callgrind), once each")
                instructions(cmds, work)
                return 0
            load = os.getloadavg()[0]
            print(f"{n_src} en / {n_tgt} de sentences; {args.rounds} rounds, every command once a round in turn; "
                  f"load average {load:.1f} at start")
            times, outputs = measure(cmds, work, args.rounds)
            report(times, args.rounds)
            print(f"load average {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores)")
            if args.base:
                for unit in ("paragraph unit", "--unit sentence"):
                    same = outputs[f"workbench now: {unit}"] == outputs[f"workbench before: {unit}"]
                    print(f"beads of now and {args.base} ({unit}): {'identical' if same else 'DIFFERENT'}")
        finally:
            if args.base:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees["before"])],
                               capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
