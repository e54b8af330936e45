"""Benchmark: sentences per second of three ways to translate the same text with the same model.

  (a) argostranslate.translate.translate() once per paragraph, argos defaults (beam 4,
      batches of 32 tokens), as an Argos user would call it;
  (b) raw CTranslate2 ``translate_batch`` on all sentences at once, sorted by length, beam 4;
      the best compute type, thread split (replicas x threads each) and batch size found in
      this run;
  (c) the workbench batch path (``translate_documents``: segmentation, TM lookup, MT in
      chunks, results stored, outputs rendered and written), beam 4, its engine given (b)'s
      compute type, thread split and batch size.

All three use one Argos package built here with ``tests/tinyargos.py`` (random weights,
so the speed is what counts, not the words), the same paragraphs and the same beam.
``--size tiny`` (default, as in the issue) is the test model (d_model 16: almost no compute,
so fixed per-call costs dominate); ``--size small`` (d_model 256, 3+3 layers) and ``--size base``
(d_model 512, 6+6 layers, the shape of real Argos models, slow) spend their time in the
model as a real one does.
A fourth line, labelled as a reference and not one of the three ways, times the workbench's engine
alone (segment, translate, reassemble; no store, TM, job or XLIFF), so a reader sees how much of (c)
is the job's own bookkeeping. The load average is printed next to the numbers: on a shared machine
they move a lot with it.
Model loading is outside the timings (each way loads once, then is timed). Each timing is
the best of ``--repeat`` runs; after (b)'s search, its best setting, (c) and the reference
line run in turn for ``--repeat`` rounds (so load from other processes hits them alike), and
(b) counts its best time from the search and the rounds. The script also runs one batch job in a fresh process and
reports its peak memory and whether torch was imported.

(a) needs ``argostranslate.translate``, which imports stanza and so torch. Keep those out
of the workbench's environment: make a separate one for the benchmark, e.g.

    python -m venv .venv-bench
    .venv-bench/bin/pip install torch stanza ctranslate2 sentencepiece minisbd sacremoses
    .venv-bench/bin/pip install --no-deps argostranslate
    .venv/bin/python bench/translate.py --argos-python .venv-bench/bin/python

Targets (issue 7): (c) >= 10x (a); (c) >= 0.9x (b); a batch job's peak memory below
300 MB plus the model, without torch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tinyargos import argos_environ, build_package  # noqa: E402
from workbench.translate import DEFAULT_CHUNK  # noqa: E402

BEAM = 4
SIZES = {
    "tiny": dict(layers=2),
    "small": dict(layers=3, d_model=256, ffn=1024, heads=4, eos_bias=4.0),
    "base": dict(layers=6, d_model=512, ffn=2048, heads=8, eos_bias=4.0),
}
SUBJECTS = ["The workers", "The union", "The assembly", "A delegation", "The committee", "The miners",
            "The dockers", "The teachers", "The nurses", "The tenants"]
VERBS = ["voted to strike", "met in the square", "refused the offer", "published a statement",
         "travelled to the capital", "called for solidarity", "occupied the factory", "rejected the cuts"]
TAILS = ["on Monday", "after a long debate", "despite the police", "in four languages", "for the third time",
         "before the elections", "with the support of the port", "while rents kept rising"]


def make_paragraphs(n: int, seed: int = 1) -> list[str]:
    """n distinct paragraphs of three to five sentences (our own generated text)."""
    rng = random.Random(seed)
    paragraphs = []
    for p in range(n):
        # every sentence is distinct (its number), so no way gains by translating repeats once
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}"
                     f"{f', said {p * 5 + s + 2} delegates' if rng.random() < 0.5 else f' in the year {1900 + p * 5 + s}'}"
                     f"{rng.choice('..!?')}"
                     for s in range(rng.randint(3, 5))]
        paragraphs.append(" ".join(sentences))
    return paragraphs


ARGOS_SCRIPT = r"""
import json, sys, time
paragraphs = json.load(open(sys.argv[1], encoding="utf-8"))
repeat = int(sys.argv[2])
import argostranslate.translate as tr
tr.translate("Warm up the model.", "en", "es")
best = None
for r in range(repeat):
    start = time.perf_counter()
    for i, p in enumerate(paragraphs):
        tr.translate(p, "en", "es")
    took = time.perf_counter() - start
    best = took if best is None else min(best, took)
print(json.dumps({"seconds": best, "torch": "torch" in sys.modules}))
"""


def bench_argos(python: str, paragraphs_file: Path, env: dict, repeat: int) -> dict | None:
    out = subprocess.run([python, "-c", ARGOS_SCRIPT, str(paragraphs_file), str(repeat)], env=env,
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        print(f"(a) could not run argostranslate with {python}: {out.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def thread_splits(threads: int) -> list[tuple[int, int]]:
    """(inter_threads, intra_threads) ways to use ``threads`` cores: one replica with all of them,
    one replica per core, and two replicas when there are enough cores."""
    splits = [(1, threads), (threads, 1)]
    if threads >= 4:
        splits.append((2, threads // 2))
    return list(dict.fromkeys(splits))


def bench_ctranslate2(pkg: Path, sentences: list[str], threads: int, repeat: int) -> tuple[float, object, dict]:
    """The best raw setting found: every compute type this CPU offers (``auto`` and ``float32``
    differ on a tiny model: quantising its activations costs more than its int8 products save),
    every thread split, batches of 16 to all sentences counted in examples and a few in tokens.
    The grid is timed in ``repeat`` interleaved rounds (load drifts hit every setting alike),
    each setting's best round counts. The outputs are decoded in one SentencePiece call on one
    thread (its default thread pool per call costs more than it saves). Also returns a function
    that times the best setting once more (``main`` times it again in rounds with (c))."""
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    tokens = sorted(sp.encode(sentences, out_type=str), key=len)
    supported = ctranslate2.get_supported_compute_types("cpu")
    translators, seen = {}, set()
    for compute_type in ("auto", "float32", "int8", "int8_float32", "int16"):
        if compute_type != "auto" and compute_type not in supported:
            continue
        for inter, intra in thread_splits(threads):
            translator = ctranslate2.Translator(str(pkg / "model"), device="cpu", intra_threads=intra,
                                                inter_threads=inter, compute_type=compute_type)
            if (translator.compute_type, inter, intra) in seen:  # auto is one of the others
                continue
            seen.add((translator.compute_type, inter, intra))
            translator.translate_batch(tokens[:8], beam_size=BEAM)
            translators[(compute_type, translator.compute_type, inter, intra)] = translator
    batches = [("examples", n) for n in (16, 32, 64, 128, 256, 512) if n < len(tokens)]
    batches += [("examples", len(tokens)), ("tokens", 2048), ("tokens", 8192)]
    results: dict[tuple, float] = {}
    for _ in range(repeat):
        for key, translator in translators.items():
            for batch_type, size in batches:
                start = time.perf_counter()
                out = translator.translate_batch(tokens, max_batch_size=size, batch_type=batch_type,
                                                 beam_size=BEAM, length_penalty=0.2, replace_unknowns=True)
                sp.decode_pieces([r.hypotheses[0] for r in out], num_threads=1)
                took = time.perf_counter() - start
                results[(*key, batch_type, size)] = min(took, results.get((*key, batch_type, size), took))
    best = min(results, key=results.get)
    compute_type, resolved, inter, intra, batch_type, size = best
    ranked = sorted(results, key=results.get)[:4]
    translator = translators[best[:4]]

    def once() -> float:
        start = time.perf_counter()
        out = translator.translate_batch(tokens, max_batch_size=size, batch_type=batch_type, beam_size=BEAM,
                                         length_penalty=0.2, replace_unknowns=True)
        sp.decode_pieces([r.hypotheses[0] for r in out], num_threads=1)
        return time.perf_counter() - start

    return results[best], once, {"compute_type": compute_type, "resolved": resolved, "inter_threads": inter,
                           "intra_threads": intra, "batch_type": batch_type, "max_batch_size": size,
                           "sorted_by_length": True, "settings_tried": len(results),
                           "tokens_per_sentence": sum(map(len, tokens)) / len(tokens),
                           "next_best_ms": [(f"{k[1]} {k[2]}x{k[3]} {k[4]} {k[5]}", round(results[k] * 1000, 1))
                                            for k in ranked[1:]]}


def engine_options(b_settings: dict, tokens_per_sentence: float):
    """(c)'s engine with (b)'s compute type, threads and batch size. The engine counts batches in
    examples; a winning token-based size is turned into the same number of average sentences."""
    from workbench.translate.argos import ArgosOptions

    size = b_settings["max_batch_size"]
    if b_settings["batch_type"] == "tokens":
        size = max(1, round(size / tokens_per_sentence))
    return ArgosOptions(beam_size=BEAM, device="cpu", compute_type=b_settings["compute_type"],
                        inter_threads=b_settings["inter_threads"], intra_threads=b_settings["intra_threads"],
                        max_batch_size=size)


def workbench_timer(pkg: Path, text: str, options, work: Path, chunk_size: int = DEFAULT_CHUNK):
    """A function that runs (c) once on a fresh store and returns (seconds, segments)."""
    from workbench.ingest import ingest_text
    from workbench.store import Store
    from workbench.translate.argos import ArgosEngine
    from workbench.translate.batch import translate_documents
    from workbench.translate.models import read_package

    engine = ArgosEngine([read_package(pkg)], options)
    engine.translate(["Warm up the model."], "en", "es")
    with Store.open(work / "warm-up.sqlite3") as store:  # first-call imports and caches, outside the timing
        doc_id, _ = store.documents.add(ingest_text("Warm up. The job path.\n", source_name="w.txt"), lang="en")
        translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=work / "out-warm-up")
    runs = iter(range(10**9))

    def once() -> tuple[float, int]:
        r = next(runs)
        with Store.open(work / f"bench-{r}.sqlite3") as store:
            doc_id, _ = store.documents.add(ingest_text(text, source_name="bench.txt"), lang="en")
            start = time.perf_counter()
            result = translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=work / f"out-{r}",
                                         chunk_size=chunk_size)
            took = time.perf_counter() - start
        return took, result.progress.total

    return once


def engine_timer(pkg: Path, text: str, options):
    """Not one of the issue's three ways, shown to see where (c)'s time goes: the workbench's
    engine alone on the same text (segment, one ``translate`` call for all sentences with the
    engine's batch settings, reassemble the paragraphs and render the text), no store, no TM,
    no job, no XLIFF or report. Returns a function that times it once."""
    from workbench.ingest import ingest_text
    from workbench.translate.argos import ArgosEngine
    from workbench.translate.models import read_package
    from workbench.translate.segments import plan_segments, rebuild_paragraphs, render_text

    engine = ArgosEngine([read_package(pkg)], options)
    engine.translate(["Warm up the model."], "en", "es")
    doc = ingest_text(text, source_name="bench.txt")

    def once() -> float:
        start = time.perf_counter()
        segments = plan_segments(doc.paragraphs, "en")
        sources = list(dict.fromkeys(s.source for s in segments))
        done = dict(zip(sources, (h[0] for h in engine.translate(sources, "en", "es"))))
        texts = rebuild_paragraphs(doc.paragraphs, segments, [done[s.source] for s in segments])
        render_text(doc.paragraphs, texts, doc.fmt)
        return time.perf_counter() - start

    return once


def load_average() -> str:
    try:
        return "load average %.2f %.2f %.2f" % os.getloadavg()
    except OSError:  # pragma: no cover - not available on this system
        return "load average unknown"


MEMORY_SCRIPT = r"""
import json, resource, sys
from pathlib import Path
from workbench.ingest import ingest_text
from workbench.store import Store
from workbench.translate.argos import ArgosEngine, ArgosOptions
from workbench.translate.batch import translate_documents
from workbench.translate.models import read_package
pkg, text_file, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
engine = ArgosEngine([read_package(pkg)], ArgosOptions(beam_size=4, device="cpu"))
with Store.open(work / "memory.sqlite3") as store:
    doc_id, _ = store.documents.add(ingest_text(text_file.read_text(encoding="utf-8"), source_name="m.txt"),
                                    lang="en")
    translate_documents(store, engine, [doc_id], ["es"], "en", out_dir=work / "out-memory")
def peak_mb():
    # VmHWM is this process's own high-water mark; ru_maxrss would also count the parent's
    # memory at fork time (Linux keeps it across exec)
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"peak_rss_mb": peak_mb(),
                  "torch": "torch" in sys.modules, "argostranslate": "argostranslate" in sys.modules}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny", help="model size (see above)")
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK,
                        help=f"(c)'s job chunk, the unit of saving and resuming (default {DEFAULT_CHUNK}, as the CLI)")
    parser.add_argument("--argos-python", default=os.environ.get("ARGOS_BENCH_PYTHON", ".venv-bench/bin/python"),
                        help="a Python with argostranslate, stanza and torch, for (a)")
    args = parser.parse_args()

    from workbench.segment import split_sentences

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, **argos_environ(work / "argos"), "ARGOS_INTRA_THREADS": str(args.threads)}
        pkg = build_package(env["ARGOS_PACKAGES_DIR"], "en", "es", **SIZES[args.size])
        model_mb = sum(f.stat().st_size for f in pkg.rglob("*") if f.is_file()) / 2**20
        paragraphs = make_paragraphs(args.paragraphs)
        sentences = [s for p in paragraphs for s in split_sentences(p, "en")]
        (work / "paragraphs.json").write_text(json.dumps(paragraphs), encoding="utf-8")
        text = "\n\n".join(paragraphs) + "\n"
        (work / "text.txt").write_text(text, encoding="utf-8")
        print(f"Argos model en->es, size {args.size} {SIZES[args.size]} ({model_mb:.2f} MB); "
              f"{len(paragraphs)} paragraphs, "
              f"{len(sentences)} sentences; beam {BEAM}; {args.threads} threads; best of {args.repeat}.")

        python = args.argos_python
        loads = [load_average()]
        argos = bench_argos(python, work / "paragraphs.json", env, args.repeat) if Path(python).exists() else None
        if argos is None and not Path(python).exists():
            print(f"(a) skipped: {python} not found (see the module docstring for the separate environment).")
        loads.append(load_average())
        b_grid, b_once, b_settings = bench_ctranslate2(pkg, sentences, args.threads, args.repeat)
        options = engine_options(b_settings, b_settings.pop("tokens_per_sentence"))
        c_once, e_once = workbench_timer(pkg, text, options, work, args.chunk_size), engine_timer(pkg, text, options)
        loads.append(load_average())
        # (b)'s best setting, (c) and the reference timed in turn, round after round, so that a
        # burst of load from other processes hits all three alike; (b) keeps its grid time too
        b_times, c_times, e_times = [b_grid], [], []
        for _ in range(args.repeat):
            b_times.append(b_once())
            took, segments = c_once()
            assert segments == len(sentences), (segments, len(sentences))
            c_times.append(took)
            e_times.append(e_once())
        b_time, c_time, e_time = min(b_times), min(c_times), min(e_times)
        loads.append(load_average())

        rate = lambda seconds: len(sentences) / seconds  # noqa: E731
        print()
        if argos is not None:
            print(f"(a) argostranslate translate() per paragraph: {rate(argos['seconds']):9.1f} sentences/s "
                  f"(torch imported: {argos['torch']})")
        print(f"(b) raw CTranslate2 translate_batch:          {rate(b_time):9.1f} sentences/s  {b_settings}")
        print(f"(c) workbench batch path:                     {rate(c_time):9.1f} sentences/s  "
              f"(engine settings as (b): {options.compute_type}, {options.inter_threads}x{options.intra_threads} "
              f"threads, batches of at most {options.max_batch_size}; job chunks of {args.chunk_size})")
        print(f"    (for reference, not a target: the engine alone, segment + translate + reassemble, "
              f"no store/TM/job/XLIFF: {rate(e_time):.1f} sentences/s; the job's own costs are about "
              f"{max(0.0, c_time - e_time) * 1000:.0f} ms of (c)'s {c_time * 1000:.0f} ms)")
        moments = ("before (a)", "before (b)", "before the (b)/(c) rounds", "after them")
        print(f"    {'; '.join(f'{w}: {l}' for w, l in zip(moments, loads))}")
        print()
        if argos is not None:
            ca = argos["seconds"] / c_time
            print(f"(c)/(a) = {ca:.1f}x   target >= 10x   {'PASS' if ca >= 10 else 'FAIL'}")
            print(f"(b)/(a) = {argos['seconds'] / b_time:.1f}x")
        cb = b_time / c_time
        print(f"(c)/(b) = {cb:.2f}x  target >= 0.9x  {'PASS' if cb >= 0.9 else 'FAIL'}")

        memory = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(pkg), str(work / "text.txt"), str(work)],
                                capture_output=True, text=True, cwd=ROOT, timeout=600)
        if memory.returncode != 0:
            print(f"memory run failed: {memory.stderr.strip().splitlines()[-1:]}")
            return
        mem = json.loads(memory.stdout.strip().splitlines()[-1])
        ok = mem["peak_rss_mb"] < 300 + model_mb and not mem["torch"]
        print(f"batch job peak memory: {mem['peak_rss_mb']:.0f} MB (model {model_mb:.2f} MB), torch imported: "
              f"{mem['torch']}, argostranslate imported: {mem['argostranslate']}   target < 300 MB + model, "
              f"no torch   {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
