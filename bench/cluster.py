"""Benchmark: 500 documents translated by one process vs on a local 2-worker Dask cluster.

  (one)     ``workbench translate DOCS --from en --to es --out DIR --no-glossary`` on a fresh store;
  (cluster) the same command with ``--cluster local:2``: two single-threaded worker processes
            started by the command (their start-up is in the time), the chunks translated there,
            the coordinator storing each chunk as it arrives.

Both are timed as whole processes, in turn, round after round (``--repeat``), and their outputs
are compared byte for byte (every run must equal the first one-process run). The ratio printed is
one-process time / cluster time (above 1: the cluster is faster).

Then the per-chunk overhead of the cluster: in one process, a job of ``--overhead-chunks``
one-sentence chunks run here (``run_job``) and on an already started 1-worker cluster whose
engine is already loaded; (cluster - here) / chunks is what a chunk's trip through the
scheduler, the pickling and the coordinator's bookkeeping costs.

The documents are our own generated sentences (bench/translate.py's generator) and the model
is the tiny test model built here (``--size base``: the shape of a real Argos model, for when
translation rather than overhead dominates). On a machine with 2 cores one process already uses
both (two single-threaded model replicas), so a 2-worker cluster on the same 2 cores can only
match it, minus its overhead and start-up: the gain of a cluster comes from adding machines.

    .venv/bin/python bench/cluster.py [--documents 500] [--repeat 3] [--size tiny|base]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.translate import SIZES, load_average, make_paragraphs, timed  # noqa: E402
from tests.tinyargos import argos_environ, build_package  # noqa: E402


def write_documents(folder: Path, count: int) -> list[Path]:
    paragraphs = make_paragraphs(count * 2, seed=18)
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:04d}.txt"
        path.write_text(f"{paragraphs[2 * n]}\n\n{paragraphs[2 * n + 1]}\n", encoding="utf-8")
        paths.append(path)
    return paths


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def whole_runs(work: Path, env: dict, docs: list[Path], rounds: int) -> dict[str, list[float]]:
    command = [str(Path(sys.executable).parent / "workbench"), "translate", *map(str, docs), "--from", "en",
               "--to", "es", "--no-glossary"]
    times: dict[str, list[float]] = {"one": [], "cluster": []}
    reference = None
    for r in range(rounds):
        for way, extra in (("one", []), ("cluster", ["--cluster", "local:2"])):
            out = work / f"{way}-{r}"
            run_env = {**env, "WORKBENCH_DB": str(work / f"{way}-{r}.sqlite3")}
            wall, _ = timed([*command, "--out", str(out), *extra], run_env, way)
            times[way].append(wall)
            got = outputs(out)
            reference = reference or got
            if got != reference:
                raise SystemExit(f"{way} round {r + 1}: outputs differ from the first one-process run")
    return times


def chunk_overhead(work: Path, env: dict, chunks: int) -> tuple[float, float, float]:
    """(seconds per chunk here, extra seconds per chunk on a warm 1-worker cluster, seconds to
    start that cluster)."""
    os.environ.update(env)
    from distributed import Client, LocalCluster

    from workbench.cluster import cluster_runner
    from workbench.ingest import ingest_text
    from workbench.settings import load_settings
    from workbench.store import Store
    from workbench.translate.argos import ArgosOptions
    from workbench.translate.batch import translate_documents
    from workbench.translate.factory import build_engine

    options = ArgosOptions(inter_threads=1, intra_threads=1)
    engine = build_engine(load_settings(), None, options)
    sentences = make_paragraphs(chunks, seed=19)   # one paragraph a chunk's sentences
    timings = {}
    started = time.perf_counter()
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        timings["start"] = time.perf_counter() - started
        for way, runner in (("warm-up", cluster_runner(client, options)), ("here", None),
                            ("cluster", cluster_runner(client, options))):
            with Store.open(work / f"overhead-{way}.sqlite3") as store:
                doc_id = store.documents.add(ingest_text("\n\n".join(sentences), source_name="o.txt"), lang="en",
                                             lang_confidence=1.0, user="bench")[0]
                start = time.perf_counter()
                result = translate_documents(store, engine, [doc_id], ["es"], "en", chunk_size=1, runner=runner)
                timings[way] = time.perf_counter() - start
                n = result.progress.chunks_total
    return timings["here"] / n, (timings["cluster"] - timings["here"]) / n, timings["start"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--overhead-chunks", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, **argos_environ(work / "argos"), "WORKBENCH_DATA_DIR": str(work / "data"),
               "WORKBENCH_CORPUS": str(work / "no-corpus")}
        (work / "no-corpus").mkdir()
        build_package(env["ARGOS_PACKAGES_DIR"], "en", "es", **SIZES[args.size])
        docs = write_documents(work / "docs", args.documents)
        print(f"{args.documents} documents (2 paragraphs each), model size {args.size}, {os.cpu_count()} cores, "
              f"{args.repeat} rounds; load average {load_average()}")
        times = whole_runs(work, env, docs, args.repeat)
        print(f"outputs: all {2 * args.repeat} runs byte-identical ({3 * args.documents} files each)")
        for way, label in (("one", "one process"), ("cluster", "--cluster local:2 (start-up included)")):
            print(f"  {label}: {min(times[way]):.2f}-{max(times[way]):.2f} s")
        per_round = [o / c for o, c in zip(times["one"], times["cluster"])]
        print(f"ratio one process / cluster: {min(times['one']) / min(times['cluster']):.2f}x best against best, "
              f"{min(per_round):.2f}-{max(per_round):.2f}x per round (above 1: the cluster is faster)")
        here, extra, start = chunk_overhead(work, env, args.overhead_chunks)
        print(f"per-chunk overhead on a warm 1-worker cluster: {extra * 1000:+.1f} ms a chunk "
              f"(a one-sentence chunk takes {here * 1000:.1f} ms in one process); starting that cluster took "
              f"{start:.2f} s; load average {load_average()}")


if __name__ == "__main__":
    main()
