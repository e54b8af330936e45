"""Benchmark: how long a `workbench` command takes as a whole process, now and before.

Each command runs as a fresh process (start-up, imports, the work, exit), timed by wall
clock, best of ``--repeat`` runs, the two code versions in turn so load from other
processes hits them alike:

  * now:      this checkout;
  * before:   the ``--base`` commit (default: the commit before the start-up work), checked
              out with ``git worktree add`` into a temporary folder and run from there with
              ``PYTHONPATH`` (same interpreter, same installed libraries);
  * floor:    ``python -c pass``, the interpreter's own start-up, which no change here can beat.

Commands: ``--help``, ``docs list`` on a fresh store, ``translate`` of a short text with a
tiny Argos model built here (``tests/tinyargos.py``; random weights: only time counts) on a
fresh store with ``--no-glossary``, and ``align --presegmented`` of ``--pairs`` generated
sentence pairs. Every run of a store-using command gets its own new store (whose first start
loads the shared glossary), except ``docs list (store exists)``, run on a store made before
the timing, as every command after the first meets it.

    .venv/bin/python bench/startup.py --repeat 7

Both versions' ``workbench`` packages get their bytecode compiled first (``compileall``), as
``pip install`` does: without it, and with ``PYTHONDONTWRITEBYTECODE=1`` in the environment,
every process compiles every module it imports from source (~0.1 s for ``translate``), which
installed copies never do. ``--no-compile`` leaves the bytecode as found, to see that cost.

Prints per command: best and median seconds now and before, before/now (best against best),
and the time above the floor, now and before.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tinyargos import argos_environ, build_package  # noqa: E402

BASE_COMMIT = "a3281a6"   # main just before the start-up work (lazy imports)
KEPT = "docs list (store exists)"
# as the installed ``workbench`` command starts (its console script calls ``run``; older commits had ``main``)
LAUNCH = "import sys, workbench.cli as cli; cli.run() if hasattr(cli, 'run') else sys.exit(cli.main())"
WORDS = ("the union workers voted strike assembly committee wages rents rose again miners capital "
         "statement delegation shipyard meeting leaders patience refused travelled published").split()


def sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize() + "." for _ in range(n)]


def make_inputs(work: Path, pairs: int) -> dict[str, list[str]]:
    """The commands (arguments after ``workbench``), with their input files written to ``work``."""
    (work / "src.txt").write_text("\n".join(sentences(pairs, 1)) + "\n", encoding="utf-8")
    (work / "tgt.txt").write_text("\n".join(sentences(pairs, 2)) + "\n", encoding="utf-8")
    paragraphs = [" ".join(sentences(3, 10 + k)) for k in range(4)]
    (work / "text.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return {
        "--help": ["--help"],
        "docs list": ["docs", "list"],
        KEPT: ["docs", "list"],
        "translate (4 paragraphs)": ["translate", str(work / "text.txt"), "--from", "en", "--to", "es",
                                     "--no-glossary", "--out", "{out}"],
        f"align --presegmented ({pairs} pairs)": ["align", str(work / "src.txt"), str(work / "tgt.txt"),
                                                  "--presegmented", "--src-lang", "en", "--tgt-lang", "de"],
    }


def run_once(argv: list[str], env: dict, work: Path, store: Path) -> float:
    """One whole process on the store in ``store``; its wall time in seconds."""
    env = {**env, "WORKBENCH_DB": str(store / "w.sqlite3"), "WORKBENCH_DATA_DIR": str(store / "data")}
    argv = [a.replace("{out}", str(store / "out")) for a in argv]
    start = time.perf_counter()
    # cwd: ``python -c`` puts the current folder first on sys.path, ahead of PYTHONPATH
    done = subprocess.run(argv, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"Error: {' '.join(argv[3:])} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return wall


def base_tree(commit: str, folder: Path) -> Path:
    tree = folder / "base"   # a checkout of its own: the version there is what runs, nothing installed
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
                   check=True, capture_output=True)
    return tree


def check_runs_from(tree: Path, env: dict, work: Path) -> None:
    """Refuse to compare if a version would import its package from somewhere else."""
    found = subprocess.run([sys.executable, "-c", "import workbench; print(workbench.__file__)"], cwd=work,
                           env={**env, "PYTHONPATH": str(tree)}, capture_output=True, text=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"Error: with PYTHONPATH={tree} workbench is imported from {found or 'nowhere'}")


def measure(commands: dict, trees: dict, env: dict, work: Path, repeat: int) -> dict:
    for tree in trees.values():
        check_runs_from(tree, env, work)
    times: dict = {(name, version): [] for name in ["python -c pass", *commands] for version in trees}
    for version, tree in trees.items():   # the kept store gets its first-start work (shared glossary) here
        run_once([sys.executable, "-c", LAUNCH, *commands[KEPT]], {**env, "PYTHONPATH": str(tree)}, work,
                 work / f"kept-{version}")
    run = 0
    for _ in range(repeat):
        for name in ["python -c pass", *commands]:
            for version, tree in trees.items():   # in turn: load hits both versions alike
                run += 1
                argv = [sys.executable, "-c", "pass"] if name == "python -c pass" else \
                    [sys.executable, "-c", LAUNCH, *commands[name]]
                store = work / (f"kept-{version}" if name == KEPT else f"store-{run}")
                times[(name, version)].append(run_once(argv, {**env, "PYTHONPATH": str(tree)}, work, store))
    return times


def report(times: dict, commands: dict, base: str) -> None:
    floor = min(min(times[("python -c pass", v)]) for v in ("now", "before"))
    print(f"{'command':34} {'now best/median':>17} {'before best/median':>19} {'before/now':>10} "
          f"{'above floor now/before':>24}")
    for name in ["python -c pass", *commands]:
        now, before = times[(name, "now")], times[(name, "before")]
        print(f"{name:34} {min(now):7.3f} /{statistics.median(now):7.3f} s {min(before):8.3f} /"
              f"{statistics.median(before):7.3f} s {min(before) / min(now):9.2f}x "
              f"{min(now) - floor:11.3f} /{min(before) - floor:7.3f} s")
    print(f"before = {base}; floor = python -c pass, best {floor:.3f} s; load average now "
          f"{os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command and version (best is kept)")
    parser.add_argument("--pairs", type=int, default=50, help="sentence pairs for align")
    parser.add_argument("--base", default=BASE_COMMIT, help=f"commit to compare with (default {BASE_COMMIT})")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not compile the versions' bytecode first (see above)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-startup-") as tmp:
        work = Path(tmp)
        env = {**os.environ, **argos_environ(work / "argos")}
        build_package(env["ARGOS_PACKAGES_DIR"], "en", "es", layers=2)
        commands = make_inputs(work, args.pairs)
        trees = {"now": ROOT, "before": base_tree(args.base, work)}
        if not args.no_compile:
            for tree in trees.values():
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "workbench")], check=True)
        print(f"{args.repeat} runs per command and version, whole processes, bytecode "
              f"{'as found' if args.no_compile else 'compiled first'}, load average {os.getloadavg()[0]:.1f} at start")
        try:
            report(measure(commands, trees, env, work, args.repeat), commands, args.base)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees["before"])],
                           capture_output=True)


if __name__ == "__main__":
    main()
