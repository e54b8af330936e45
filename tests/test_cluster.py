"""translate/align --cluster: a local 2-worker Dask cluster (started here, once for the module)
against the single-process run, resume after a worker failure and after kill -9 of the
coordinator, and the error for a worker without the job's model."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tinyargos import build_package
from workbench.cli import main
from workbench.store import Store

ROOT = Path(__file__).resolve().parent.parent
TEXT = "\n\n".join(" ".join(f"Sentence {p}-{s} about the {w} and {p * s} workers." for s, w in
                            enumerate(["strike", "rent", "wages"])) for p in range(30)) + "\n"
WORKER_ENV = ("ARGOS_PACKAGES_DIR", "WORKBENCH_DATA_DIR", "WORKBENCH_FAIL_CHUNK")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def _set_worker_env(client, **values) -> None:
    """The workers' environment: the test's model folder (or another), and the failure to inject."""
    def apply(values):
        for key in WORKER_ENV:
            os.environ.pop(key, None)
        os.environ.update(values)
    client.run(apply, {k: v for k, v in values.items() if v is not None})


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _progress(err: str) -> list[tuple[int, int]]:
    """(chunks done, chunks in all) of each progress line."""
    return [(int(a), int(b)) for a, b in re.findall(r"\(chunk (\d+)/(\d+)\)", err)]


def _cli(env: dict, args: list[str], kill_after_chunks: int | None = None) -> tuple[int, str]:
    cmd = [sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))", *args]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if kill_after_chunks is None:
        return proc.wait(timeout=120), proc.stderr.read()
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if any(done >= kill_after_chunks for done, _ in _progress(line)):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return proc.returncode, "".join(lines)


def test_cluster_outputs_are_identical_and_resume_after_a_worker_failure_and_kill_9(argos_env, client, tmp_path,
                                                                                      capsys, monkeypatch):
    article = tmp_path / "long.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = ["translate", str(article), "--from", "en", "--to", "es", "--chunk-size", "1"]
    assert main([*args, "--out", str(tmp_path / "ref")]) == 0       # one process, its own store
    reference = _outputs(tmp_path / "ref")
    capsys.readouterr()

    db = tmp_path / "cluster.sqlite3"
    env = {**os.environ, "WORKBENCH_DB": str(db)}
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    cluster = ["--cluster", client.scheduler.address, "--out", str(tmp_path / "out")]
    _set_worker_env(client, ARGOS_PACKAGES_DIR=os.environ["ARGOS_PACKAGES_DIR"],
                    WORKBENCH_DATA_DIR=os.environ["WORKBENCH_DATA_DIR"], WORKBENCH_FAIL_CHUNK="9")
    assert main([*args, *cluster]) == 2
    err = capsys.readouterr().err
    assert re.search(r"Error: worker tcp://127\.0\.0\.1:\d+: chunk 9 failed", err), err[-500:]
    with Store.open(db) as store:
        job = store.jobs.list()[0]
        pending = store.jobs.pending_chunks(job.id)
        total = store.jobs.progress(job.id).chunks_total
    assert 9 in pending and 0 < len(pending) < total    # the chunks that arrived before were stored

    _set_worker_env(client, ARGOS_PACKAGES_DIR=os.environ["ARGOS_PACKAGES_DIR"],
                    WORKBENCH_DATA_DIR=os.environ["WORKBENCH_DATA_DIR"])
    done_before = total - len(pending)
    rc, err = _cli(env, [*args, *cluster], kill_after_chunks=done_before + 1)   # kill -9 of the coordinator
    assert rc == -signal.SIGKILL, err[-300:]
    with Store.open(db) as store:
        assert len(store.jobs.list()) == 1
        left = len(store.jobs.pending_chunks(job.id))
    assert 0 < left < len(pending)

    assert main([*args, *cluster, "--json"]) == 0
    captured = capsys.readouterr()
    steps = _progress(captured.err)
    assert steps[0] == (total - left, total) and steps[-1] == (total, total)
    assert len(steps) == left + 1          # only the missing chunks were translated again
    assert json.loads(captured.out)["resumed"]
    assert _outputs(tmp_path / "out") == reference


def test_a_worker_without_the_model_or_with_another_names_itself_and_the_package(argos_env, client, tmp_path,
                                                                                  capsys):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = ["translate", str(article), "--from", "en", "--to", "es", "--cluster", client.scheduler.address,
            "--out", str(tmp_path / "out")]
    empty, other = tmp_path / "no-models", tmp_path / "other-models"
    empty.mkdir()
    build_package(other, "en", "es", seed=5)        # same name and version, other weights
    expected = [r"no en->es model installed; the job uses argos en->es 1\.0 \(translate-en_es-1_0\)",
                r"its en->es model argos en->es 1\.0 .* has checksum [0-9a-f]{12}, the job's .* has [0-9a-f]{12}"]
    for folder, message in zip((empty, other), expected):
        _set_worker_env(client, ARGOS_PACKAGES_DIR=str(folder), WORKBENCH_DATA_DIR=str(tmp_path / "wd"))
        assert main(args) == 2
        err = capsys.readouterr().err.splitlines()[-1]    # after the progress bar's first line
        assert re.match(r"Error: worker tcp://127\.0\.0\.1:\d+ \(", err) and re.search(message, err), err
    assert not (tmp_path / "out").exists()


def test_align_pairs_on_the_cluster_equals_one_process_and_a_rerun_skips_stored_pairs(env, client, tmp_path,
                                                                                      capsys, monkeypatch):
    lines = []
    for n in range(6):
        (tmp_path / f"en{n}.txt").write_text(
            f"The assembly met on day {n}.\n\nRents rose {n + 10} percent in 2024.\n\n"
            "The union asked for patience. The workers refused.\n", encoding="utf-8")
        (tmp_path / f"es{n}.txt").write_text(
            f"La asamblea se reunió el día {n}.\n\nLos alquileres subieron un {n + 10} por ciento en 2024.\n\n"
            "El sindicato pidió paciencia.\n\nLos trabajadores se negaron.\n", encoding="utf-8")
        lines.append(f"en{n}.txt\tes{n}.txt")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("# source\ttarget\n" + "\n".join(lines[:4]) + "\n", encoding="utf-8")
    args = ["align", "--pairs", str(pairs), "--src-lang", "en", "--tgt-lang", "es"]
    results = {}
    for name, extra in (("here", []), ("cluster", ["--cluster", client.scheduler.address])):
        monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / f"{name}.sqlite3"))
        assert main([*args, *extra]) == 0
        assert capsys.readouterr().out.count("stored as alignment") == 4
        if name == "cluster":   # two more lines: only they are aligned
            pairs.write_text("# source\ttarget\n" + "\n".join(lines) + "\n", encoding="utf-8")
            assert main([*args, *extra]) == 0
            out = capsys.readouterr().out
            assert out.count("already stored as alignment") == 4 and out.count(": stored as alignment") == 2
        else:
            pairs.write_text("# source\ttarget\n" + "\n".join(lines) + "\n", encoding="utf-8")
            assert main(args) == 0
            capsys.readouterr()
            pairs.write_text("# source\ttarget\n" + "\n".join(lines[:4]) + "\n", encoding="utf-8")
        with Store.open(tmp_path / f"{name}.sqlite3") as store:
            results[name] = sorted(_alignment(store, a.id) for a in store.alignments.list())
    assert len(results["here"]) == 6 and results["here"] == results["cluster"]


def _alignment(store, aid: int):
    record = store.alignments.get(aid)
    beads = [(b.source, b.target, round(b.confidence, 12), b.needs_review) for b in store.alignments.beads(aid)]
    return record.title, record.source_segments, record.target_segments, beads, record.provenance


def test_bad_cluster_addresses_and_pairs_files_are_one_line_errors(env, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    bad_pairs = tmp_path / "bad.tsv"
    bad_pairs.write_text("a.txt\ta.txt\na.txt only one field\n", encoding="utf-8")
    missing = tmp_path / "missing.tsv"
    missing.write_text("a.txt\tnot-there.txt\n", encoding="utf-8")
    cases = [
        (["translate", str(tmp_path / "a.txt"), "--from", "en", "--to", "es", "--out", str(tmp_path / "o"),
          "--cluster", "local:0"], "--cluster local:0: give local:N"),
        (["align", "--pairs", str(bad_pairs), "--cluster", "somewhere"], "--cluster 'somewhere': give tcp://"),
        (["align", "--pairs", str(bad_pairs)], "bad.tsv line 2: give a source path, a tab and a target path"),
        (["align", "--pairs", str(missing)], "missing.tsv line 1: "),
        (["align", str(tmp_path / "a.txt"), "--cluster", "local:2"], "--cluster: only with --pairs"),
        (["align", "--pairs", str(missing), str(tmp_path / "a.txt")], "--pairs: give no SRC"),
    ]
    for argv, expected in cases:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("Error: ") and expected in err and err.count("\n") == 1, err
    with Store.open(os.environ["WORKBENCH_DB"]) as store:
        assert store.alignments.list() == [] and store.documents.count() == 0
