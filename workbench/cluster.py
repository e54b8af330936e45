"""Archive-size jobs on a Dask cluster: the coordinator plans and stores, workers compute.

``workbench translate … --cluster ADDRESS`` and ``workbench align --pairs … --cluster
ADDRESS`` connect to a Dask scheduler (``tcp://host:port``) or start a local cluster
(``local:N``: N worker processes on this machine). The coordinator keeps the job
planner and the store: it sends each unfinished chunk (or pair) to the workers, a
few more than they have threads at a time, and stores each result in its own
transaction as soon as it arrives, in whatever order. Killing the coordinator loses
only the chunks in flight; a worker that dies has its tasks redone by the others
(Dask's own retry); a rerun continues with the chunks still missing. Workers never
open the store.

Each worker builds the translation engine from its own installed packages (once
per job settings, kept by a worker plugin) and checks that every model the job
uses has the checksum the job was planned with: a worker without the model, or
with another one, fails the job with an error naming the worker and the package.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from distributed import WorkerPlugin   # this module is imported only for --cluster

from workbench.errors import InputError, ModelError, WorkbenchError
from workbench.store import Store
from workbench.store.jobs import ChunkWork, JobProgress
from workbench.translate.argos import ArgosOptions
from workbench.translate.engine import model_checksum
from workbench.translate.eta import estimate_left, work_of
from workbench.translate.jobs import ProgressFn, check_same_models, translate_chunk

PLUGIN_NAME = "workbench-engines"
FAIL_CHUNK_ENV = "WORKBENCH_FAIL_CHUNK"   # fault injection for resume tests: a worker fails this chunk
CONNECT_TIMEOUT_S = 20
KEPT_ENGINES = 3        # per worker: jobs with other glossaries or options each build their own


# --------------------------------------------------------------------------- connecting

def check_address(address: str) -> int | None:
    """The number of local workers for ``local:N``, None for ``tcp://HOST:PORT``; else an error."""
    address = (address or "").strip()
    if address.startswith("local:"):
        count = address.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise InputError(f"--cluster {address}: give local:N with N worker processes, like local:2")
        return int(count)
    if not re.fullmatch(r"tcp://[^\s:/]+:\d+", address):
        raise InputError(f"--cluster {address!r}: give tcp://HOST:PORT of a Dask scheduler, or local:N")
    return None


@contextmanager
def connect(address: str) -> Iterator[object]:
    """A Dask client for ``tcp://host:port`` (an existing scheduler) or ``local:N``
    (N single-threaded worker processes started here and stopped after)."""
    local = check_address(address)
    if local is not None:
        with _local_client(local) as client:
            yield client
        return
    from distributed import Client

    try:
        client = Client(address.strip(), timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"--cluster {address}: no Dask scheduler answers there ({exc})") from None
    try:
        yield client
    finally:
        client.close()


@contextmanager
def _local_client(workers: int):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def worker_threads(client) -> int:
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))


def map_as_completed(client, func: Callable, tasks: Iterable[tuple], shared: object = None,
                     per_thread: int = 2) -> Iterator[object]:
    """Run ``func(shared, *task)`` on the workers, ``per_thread`` tasks per worker thread in
    flight at a time, yielding each result as it arrives. A task's error cancels the
    others and is raised here; a worker lost too often is named in the message."""
    from distributed import as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    tasks = iter(tasks)
    shared_future = client.scatter(shared, broadcast=True, hash=False) if shared is not None else None
    running = as_completed()

    def submit_next() -> None:
        task = next(tasks, None)
        if task is not None:
            running.add(client.submit(func, shared_future, *task, pure=False))

    for _ in range(per_thread * worker_threads(client)):
        submit_next()
    try:
        for future in running:
            yield future.result()
            submit_next()
    except KilledWorker as exc:
        raise WorkbenchError(f"the workers running {exc.task} died several times; "
                             "look at their logs, then run the same command again to continue") from None
    except FutureCancelledError:
        raise WorkbenchError("the cluster cancelled the job (scheduler restarted or stopped); "
                             "run the same command again to continue") from None
    finally:
        left = list(running.futures)
        if left:
            client.cancel(left)


# --------------------------------------------------------------------------- the engine on a worker

@dataclass(frozen=True)
class EngineRecipe:
    """What a worker needs to build the job's engine: the glossary, the options, and per
    language pair the model checksum and description the job was planned with."""
    glossary: object
    options: ArgosOptions
    models: tuple[tuple[str, str, str, str], ...]    # (src, tgt, checksum, description)
    key: str                                         # the above's fingerprint: the workers' cache key


def engine_recipe(job, engine, options: ArgosOptions, pairs: set[tuple[str, str]]) -> EngineRecipe:
    recorded = job.settings.get("models", {})
    models = tuple((s, t, recorded.get(f"{s}-{t}") or model_checksum(engine, s, t), engine.describe(s, t))
                   for s, t in sorted(pairs))
    glossary = getattr(engine, "glossary", None)
    key = hashlib.sha256(pickle.dumps((glossary, options, models))).hexdigest()
    return EngineRecipe(glossary, options, models, key)


class EngineCache(WorkerPlugin):
    """A Dask worker plugin: the engines this worker built, one per job settings."""

    name = PLUGIN_NAME

    def __init__(self):
        self.address, self.nthreads = "?", 1
        self.engines: dict[str, object] = {}

    def setup(self, worker) -> None:
        self.address = worker.address
        self.nthreads = worker.state.nthreads
        relax_malloc_trimming()

    def engine(self, recipe: EngineRecipe):
        from workbench.settings import load_settings
        from workbench.translate.models import model_dirs

        # the folders the models come from are part of the key: a worker's environment can change
        key = f"{recipe.key}|{[str(folder) for folder, _ in model_dirs(load_settings())]}"
        if key not in self.engines:
            while len(self.engines) >= KEPT_ENGINES:   # each holds its models in memory: drop the oldest
                self.engines.pop(next(iter(self.engines)))
            self.engines[key] = build_checked_engine(recipe, self.address, self.nthreads)
        return self.engines[key]


def relax_malloc_trimming() -> None:
    """Undo the MALLOC_TRIM_THRESHOLD_=65536 a Dask nanny gives its worker processes: it also fixes
    glibc's mmap threshold at 128 KiB, so CTranslate2's larger buffers are mapped and unmapped on
    every use, and a base-size model translated 2.2-2.5x slower (4.1-4.8 s a 32-sentence chunk
    without it, 10.2-10.7 s with it, 5.4-5.9 s with this). The values are the ceilings glibc's own
    dynamic thresholds reach on 64-bit systems. Not glibc (or no such setting): nothing to undo."""
    if not os.environ.get("MALLOC_TRIM_THRESHOLD_"):
        return
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 << 20)
    mallopt(m_trim_threshold, 64 << 20)


def build_checked_engine(recipe: EngineRecipe, worker: str, nthreads: int = 1):
    """The job's engine from this machine's installed packages, each model checked against the job's."""
    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine

    options = recipe.options
    if not (options.inter_threads or options.intra_threads):   # as many cores as the worker was given
        options = replace(options, inter_threads=nthreads if nthreads <= 4 else nthreads // 4,
                          intra_threads=1 if nthreads <= 4 else 4)
    engine = build_engine(load_settings(), recipe.glossary, options)
    where = f"worker {worker} ({socket.gethostname()})"
    for src, tgt, checksum, described in recipe.models:
        if not engine.supports(src, tgt):
            raise ModelError(f"{where}: no {src}->{tgt} model installed; the job uses {described}: install "
                             "the same package on every worker (workbench models install) and run again")
        found = model_checksum(engine, src, tgt)
        if found != checksum:
            raise ModelError(f"{where}: its {src}->{tgt} model {engine.describe(src, tgt)} has checksum "
                             f"{found[:12]}, the job's {described} has {checksum[:12]}: install the same "
                             "package on every worker and run again")
    return engine


def _translate_on_worker(recipe: EngineRecipe, chunk: int, work: ChunkWork) -> tuple[int, dict]:
    from distributed import get_worker

    worker = get_worker()
    engine = worker.plugins[PLUGIN_NAME].engine(recipe)
    if os.environ.get(FAIL_CHUNK_ENV) == str(chunk):
        raise ModelError(f"worker {worker.address}: chunk {chunk} failed ({FAIL_CHUNK_ENV} is set)")
    return chunk, translate_chunk(engine, work)


# --------------------------------------------------------------------------- translation jobs

def cluster_runner(client, options: ArgosOptions) -> Callable:
    """A ``run_job`` stand-in for ``translate_documents``: the same job, its chunks on ``client``."""
    def run(store: Store, job_id: int, engine, progress: ProgressFn | None = None) -> JobProgress:
        return run_job_on_cluster(store, job_id, engine, client, options, progress)
    return run


def run_job_on_cluster(store: Store, job_id: int, engine, client, options: ArgosOptions,
                       progress: ProgressFn | None = None) -> JobProgress:
    """``run_job`` with the chunks translated on the cluster's workers and stored here, each in its
    own transaction as it arrives; safe to interrupt and call again (the same chunks, the same
    translations, so the same outputs as one process)."""
    start = time.monotonic()
    first = store.jobs.progress(job_id)
    if progress:
        progress(first, None)
    chunks = store.jobs.pending_chunks(job_id)
    work = dict(zip(chunks, store.jobs.pending_work(job_id)))   # both in chunk order
    if not work:
        return first
    job = store.jobs.get(job_id)
    pairs = {(w.src_lang, w.tgt_lang) for w in work.values()}
    check_same_models(job, engine, pairs)
    client.register_plugin(EngineCache(), name=PLUGIN_NAME)
    recipe = engine_recipe(job, engine, options, pairs)
    done, chunks_done = first.done, first.chunks_done
    costs = {chunk: work_of(w.sources) for chunk, w in work.items()}   # as run_job's ETA: characters
    work_done, work_left = 0, sum(costs.values())
    with store.jobs.relaxed_sync():
        for chunk, results in map_as_completed(client, _translate_on_worker, work.items(), recipe):
            store.jobs.save_chunk(job_id, results, work[chunk].rows)
            done += len(work[chunk].rows)
            chunks_done += 1
            work_done, work_left = work_done + costs[chunk], work_left - costs[chunk]
            if progress:
                eta = estimate_left(time.monotonic() - start, work_done, work_left)
                progress(JobProgress(first.total, done, first.chunks_total, chunks_done), eta)
    return JobProgress(first.total, done, first.chunks_total, chunks_done)


# --------------------------------------------------------------------------- alignment of many pairs

def cluster_aligner(client) -> Callable:
    """An ``align_pairs`` aligner: each pair aligned on a worker (the shared settings sent once)."""
    def align(settings, tasks):
        from workbench.align.batch import align_one

        return map_as_completed(client, align_one, ((t,) for t in tasks), settings)
    return align
