"""Benchmark: whole processes translating the same text with the same model, three ways.

  (a) a Python process that imports ``argostranslate.translate`` and calls ``translate()`` once
      per paragraph, argos defaults (beam 4, batches of 32 tokens), as an Argos user would;
  (b) a raw CTranslate2 process: load the model, ``translate_batch`` all (already split)
      sentences at once, sorted by length, beam 4, with the best compute type, thread split
      (replicas x threads each) and batch size found by a grid in this run, decode, write;
  (c) ``workbench translate FILE --from en --to es --out DIR --no-glossary`` on a fresh store:
      the whole command (storing the document, segmenting, planning, MT in chunks saved as
      they finish, outputs rendered and written) with the engine's default settings.

Every way is timed as a whole process, start to exit (imports and model loading included),
with ``/usr/bin/time``, which also gives each process's peak memory (max RSS) and CPU seconds
(user + system, all threads: steadier than wall time when other programs load the machine).
The processes run in turn, round after round (``--repeat``), so load from other processes hits
them alike; the range over the rounds is printed with the load average, and the ratios are
the best rounds' and the range of per-round ratios.

A reference line, not a target, ``(b+bound)``: (b) with each batch's translations bounded at
the engine's default length bound (twice the longest source + 10 tokens) and nothing else.
With a length penalty CTranslate2 ends a sentence only when beam-size hypotheses have ended,
and the random models' beams rarely all end, so a bound saves most of their decoding; (c)
uses the same bound but keeps only answers provably equal to the unbounded search's
(``workbench/translate/bounded.py``), and (b+bound) shows what the bound alone gives.

The workbench's bytecode is compiled first (``compileall``), as ``pip install`` does: with
``PYTHONDONTWRITEBYTECODE=1`` in the environment and an editable install, every (c) process
would compile each module it imports from source, which installed copies never do
(``--no-compile`` leaves the bytecode as found).

All ways use one Argos package built here with ``tests/tinyargos.py`` (random weights, so the
speed is what counts, not the words), the same paragraphs and the same beam. ``--size tiny``
(the test model, d_model 16: fixed per-call costs dominate) or ``--size base`` (the shape of a
real Argos model: 6+6 layers, d_model 512, FFN 2048, 8 heads, 32k vocabulary, int8 weights;
slow on a small machine, so use fewer ``--paragraphs``).

(a) needs ``argostranslate.translate``, which imports stanza and so torch. Keep those out
of the workbench's environment: make a separate one for the benchmark, e.g.

    python -m venv .venv-bench
    .venv-bench/bin/pip install torch==2.13.0 stanza ctranslate2 sentencepiece minisbd sacremoses
    .venv-bench/bin/pip install --no-deps argostranslate==1.11.0
    .venv/bin/python bench/translate.py --argos-python .venv-bench/bin/python
    .venv/bin/python bench/translate.py --size base --paragraphs 12 --repeat 2

Targets (issue 15): tiny: (c) >= 10x (a); base: (c) >= 3x (a) and (c) >= 0.9x (b); peak memory
printed.
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
from workbench.translate.argos import ArgosOptions  # noqa: E402

BEAM = 4
# the engine's default length bound, for the reference line
BOUND = (ArgosOptions().max_length_factor, ArgosOptions().max_length_margin)
SIZES = {
    "tiny": dict(layers=2),
    "base": dict(layers=6, d_model=512, ffn=2048, heads=8, eos_bias=4.6, vocab_size=32000, quantization="int8"),
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
import json, sys
paragraphs = json.load(open(sys.argv[1], encoding="utf-8"))
import argostranslate.translate as tr
out = [tr.translate(p, "en", "es") for p in paragraphs]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
print(json.dumps({"torch": "torch" in sys.modules}))
"""

RAW_SCRIPT = r"""
import json, sys
pkg, cfg, out = sys.argv[1], json.loads(sys.argv[3]), sys.argv[4]
sentences = json.load(open(sys.argv[2], encoding="utf-8"))
import ctranslate2, sentencepiece
sp = sentencepiece.SentencePieceProcessor(model_file=pkg + "/sentencepiece.model")
translator = ctranslate2.Translator(pkg + "/model", device="cpu", compute_type=cfg["compute_type"],
                                    inter_threads=cfg["inter_threads"], intra_threads=cfg["intra_threads"])
tokens = sp.encode(sentences, out_type=str, num_threads=1)
options = dict(beam_size=4, length_penalty=0.2, replace_unknowns=True)
if not cfg.get("factor"):
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    results = translator.translate_batch([tokens[i] for i in order], max_batch_size=cfg["max_batch_size"],
                                         batch_type="examples", **options)
    best = [r.hypotheses[0] for r in results]
else:   # the reference: CTranslate2's own batches, each with a plain length bound (no proof)
    order = sorted(range(len(tokens)), key=lambda i: -len(tokens[i]))
    size, started = cfg["max_batch_size"], []
    for start in range(0, len(order), size):
        batch = [tokens[i] for i in order[start:start + size]]
        bound = min(256, int(cfg["factor"] * max(map(len, batch))) + cfg["margin"])
        started += translator.translate_batch(batch, max_batch_size=0, asynchronous=True,
                                              max_decoding_length=bound, **options)
    best = [r.result().hypotheses[0] for r in started]
decoded = sp.decode_pieces(best, num_threads=1)
texts = [""] * len(tokens)
for i, text in zip(order, decoded):
    texts[i] = text
open(out, "w", encoding="utf-8").write("\n".join(texts) + "\n")
"""

GRID = {  # (compute types, batch sizes) tried for (b); the base model's grid is smaller (each point is slow)
    "tiny": (("auto", "float32", "int8"), (16, 32, 64, 128, 0)),
    "base": (("auto",), (32, 0)),
}


def grid_search(pkg: Path, sentences: list[str], size: str, threads: int) -> dict:
    """(b)'s best setting: every compute type, thread split (one replica with all threads, one
    replica per thread) and batch size in ``GRID`` (0: all sentences in one batch), each timed once
    in-process after a warm-up; returns the fastest and the times of the others."""
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    tokens = sorted(sp.encode(sentences, out_type=str), key=len)
    compute_types, batch_sizes = GRID[size]
    times = {}
    for compute_type in compute_types:
        for inter, intra in dict.fromkeys([(1, threads), (threads, 1)]):
            translator = ctranslate2.Translator(str(pkg / "model"), device="cpu", compute_type=compute_type,
                                                inter_threads=inter, intra_threads=intra)
            translator.translate_batch(tokens[:4], beam_size=BEAM)
            for size_ in batch_sizes:
                start = time.perf_counter()
                translator.translate_batch(tokens, max_batch_size=size_ or len(tokens), beam_size=BEAM,
                                           length_penalty=0.2, replace_unknowns=True)
                times[(compute_type, inter, intra, size_ or len(tokens))] = time.perf_counter() - start
    best = min(times, key=times.get)
    return {"compute_type": best[0], "inter_threads": best[1], "intra_threads": best[2], "max_batch_size": best[3],
            "grid": {f"{k[0]} {k[1]}x{k[2]} b{k[3]}": round(v, 3) for k, v in sorted(times.items(), key=lambda x: x[1])}}


def timed(cmd: list[str], env: dict, label: str) -> tuple[float, float, float]:
    """Run a whole process under /usr/bin/time; returns (wall seconds, peak RSS in MB, CPU
    seconds: user + system, all threads)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", t.name, *cmd], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=7200)
        if out.returncode != 0:
            raise SystemExit(f"{label} failed: {out.stderr.strip().splitlines()[-3:]}")
        wall, rss_kb, user, system = Path(t.name).read_text().split()[-4:]
    return float(wall), int(rss_kb) / 1024, float(user) + float(system)


def load_average() -> str:
    try:
        return "%.1f" % os.getloadavg()[0]
    except OSError:  # pragma: no cover - not available on this system
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of (a), (b), (c) in turn")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny", help="model size (see above)")
    parser.add_argument("--argos-python", default=os.environ.get("ARGOS_BENCH_PYTHON", ".venv-bench/bin/python"),
                        help="a Python with argostranslate, stanza and torch, for (a)")
    parser.add_argument("--no-compile", action="store_true",
                        help="leave the workbench's bytecode as found (see the docstring)")
    args = parser.parse_args()
    if not args.no_compile:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "workbench")], check=True,
                       stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, **argos_environ(work / "argos"), "ARGOS_INTRA_THREADS": str(args.threads)}
        pkg = build_package(env["ARGOS_PACKAGES_DIR"], "en", "es", **SIZES[args.size])
        model_mb = sum(f.stat().st_size for f in pkg.rglob("*") if f.is_file()) / 2**20
        sentences = write_inputs(work, args.paragraphs)
        print(f"Argos model en->es, size {args.size} {SIZES[args.size]} ({model_mb:.1f} MB); {args.paragraphs} "
              f"paragraphs, {len(sentences)} sentences; beam {BEAM}; {args.threads} threads; {args.repeat} rounds; "
              f"workbench bytecode {'as found' if args.no_compile else 'compiled first'}; "
              f"load average {load_average()}.")
        best = grid_search(pkg, sentences, args.size, args.threads)
        print(f"(b)'s grid ({len(best['grid'])} settings, in-process seconds): {best.pop('grid')}")
        if not Path(args.argos_python).exists():
            print(f"(a) skipped: {args.argos_python} not found (see the module docstring for the separate environment).")
        times, loads = run_rounds(work, env, pkg, best, args)
        report(times, best, len(sentences), args.size, model_mb, loads)


def write_inputs(work: Path, paragraphs: int) -> list[str]:
    """The paragraphs (for (a)), their sentences (for (b)) and the text file (for (c))."""
    from workbench.segment import split_sentences

    texts = make_paragraphs(paragraphs)
    sentences = [s for p in texts for s in split_sentences(p, "en")]
    (work / "paragraphs.json").write_text(json.dumps(texts), encoding="utf-8")
    (work / "sentences.json").write_text(json.dumps(sentences), encoding="utf-8")
    (work / "text.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    return sentences


def run_rounds(work: Path, env: dict, pkg: Path, best: dict, args) -> tuple[dict, list[str]]:
    """Every way once per round, in turn; returns each way's (wall, peak MB, CPU s) per round."""
    raw = [sys.executable, "-c", RAW_SCRIPT, str(pkg), str(work / "sentences.json")]
    ways = {
        "a": [args.argos_python, "-c", ARGOS_SCRIPT, str(work / "paragraphs.json"), str(work / "a.txt")],
        "b": [*raw, json.dumps(best), str(work / "b.txt")],
        "b+bound": [*raw, json.dumps({**best, "factor": BOUND[0], "margin": BOUND[1]}), str(work / "bb.txt")],
    }
    if not Path(args.argos_python).exists():
        del ways["a"]
    times: dict[str, list[tuple[float, float, float]]] = {way: [] for way in [*ways, "c"]}
    loads = []
    for r in range(args.repeat):
        loads.append(load_average())
        for way, cmd in ways.items():
            times[way].append(timed(cmd, env, f"({way})"))
        c_env = {**env, "WORKBENCH_DB": str(work / f"c-{r}.sqlite3"), "WORKBENCH_DATA_DIR": str(work / "data")}
        times["c"].append(timed([str(Path(sys.executable).parent / "workbench"), "translate", str(work / "text.txt"),
                                 "--from", "en", "--to", "es", "--no-glossary", "--out", str(work / f"c-{r}")],
                                c_env, "(c)"))
    loads.append(load_average())
    return times, loads


def report(times: dict, best: dict, n: int, size: str, model_mb: float, loads: list[str]) -> None:
    names = {"a": "argostranslate translate() per paragraph", "b": f"raw CTranslate2, best of grid {best}",
             "b+bound": f"reference, not a target: (b) with each batch bounded at {BOUND[0]}x its longest "
                        f"source + {BOUND[1]} tokens, no check",
             "c": "workbench translate (fresh store, --no-glossary)"}
    print()
    for way, runs in times.items():
        walls, peaks, cpus = zip(*runs)
        print(f"({way}) {names[way]}: {min(walls):.2f}-{max(walls):.2f} s whole process "
              f"({n / min(walls):.1f} sentences/s at best), CPU {min(cpus):.2f}-{max(cpus):.2f} s, "
              f"peak memory {max(peaks):.0f} MB")
    print(f"    load average (1 min) at each round's start and at the end: {', '.join(loads)}")
    print()
    # the targets: tiny >= 10x (a); base >= 3x (a) and >= 0.9x (b)
    for way, target in (("a", 10.0 if size == "tiny" else 3.0), ("b", 0.9 if size == "base" else None),
                        ("b+bound", None)):
        if times.get(way):
            print_ratio(times, way, target)
    print(f"model {model_mb:.1f} MB; peak memory " + ", ".join(
        f"({way}) {max(m for _, m, _ in runs):.0f} MB" for way, runs in times.items()))


def print_ratio(times: dict, way: str, target: float | None) -> None:
    """(c) against another way: wall best against best (the target's measure), per round, and CPU seconds."""
    c_wall, c_cpu = [w for w, _, _ in times["c"]], [u for _, _, u in times["c"]]
    wall, cpu = [w for w, _, _ in times[way]], [u for _, _, u in times[way]]
    per_round = [o / m for o, m in zip(wall, c_wall)]
    best = min(wall) / min(c_wall)
    verdict = f"target >= {target}x   {'PASS' if best >= target else 'FAIL'}" if target else "(no target)"
    print(f"(c) vs ({way}): {best:.2f}x best against best, {min(per_round):.2f}-{max(per_round):.2f}x per round, "
          f"CPU seconds {min(cpu) / min(c_cpu):.2f}x   {verdict}")


if __name__ == "__main__":
    main()
