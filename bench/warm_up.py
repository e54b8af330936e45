"""Benchmark: the first marks of a bead in a fresh app process, with the app's background
warm-up of language identification's tables against without it (the baseline, as before).

    .venv/bin/python bench/warm_up.py [--rounds 3] [--pause 5]

Each round runs two fresh processes in turn, so that load from other processes hits them
alike. Both build the Review page's annotator on the store's shared glossary (a store made
here by `workbench demo load`), wait ``--pause`` seconds (what a translator spends choosing
a pair on the first page), then time the marks of one bead (glossary terms and foreign
names on both sides), wall and CPU:

  * baseline: nothing loaded before the first marks (the app before the warm-up);
  * warm-up:  ``workbench.app.runtime.start_warm_up``'s work (``langid.load_models`` in a
              background thread) started when the process starts, as the app's first page does;
              the marks wait only for the tables they need that the thread is building
              (``workbench.load_once``), as the pages do.

Prints per variant the best and median wall seconds of the first marks, the ratio of the
bests, and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, sys, threading, time
from workbench.align.annotate import Annotator
from workbench.store import Store

warm = sys.argv[1] == "warm"
if warm:
    from workbench import langid
    thread = threading.Thread(target=langid.load_models, daemon=True)
    thread.start()
store = Store.open(os.environ["WORKBENCH_DB"])
annotator = Annotator("en", "es", store.glossary.current(), foreign=True)
time.sleep(float(sys.argv[2]))
wall, cpu = time.perf_counter(), time.process_time()
annotator.marks("The general strike in Soma was called by Bağımsız Maden İş on Monday.",
                "La huelga general en Soma fue convocada por Bağımsız Maden İş el lunes.")
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between start and the first marks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "WORKBENCH_DB": str(Path(tmp) / "bench.sqlite3"),
               "WORKBENCH_DATA_DIR": str(Path(tmp) / "data"), "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main())",
                        "demo", "load"], env=env, check=True, capture_output=True)
        times: dict[str, list[float]] = {"baseline": [], "warm-up": []}
        load_before = os.getloadavg()[0]
        for _ in range(args.rounds):
            for name, mode in (("baseline", "cold"), ("warm-up", "warm")):
                done = subprocess.run([sys.executable, "-c", CHILD, mode, str(args.pause)], env=env,
                                      capture_output=True, text=True, check=True)
                times[name].append(float(done.stdout.split()[0]))
        load_after = os.getloadavg()[0]
    print(f"first marks of a bead after a {args.pause:g} s pause, wall seconds ({args.rounds} rounds; "
          f"load {load_before:.1f} -> {load_after:.1f})")
    for name, values in times.items():
        print(f"  {name:9s} best {min(values):6.3f}  median {statistics.median(values):6.3f}")
    print(f"  baseline / warm-up (best against best): {min(times['baseline']) / min(times['warm-up']):.1f}x")


if __name__ == "__main__":
    main()
