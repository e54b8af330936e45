"""Benchmark: writing an alignment as JSON (``workbench align --format json``), against
json's indenting encoder (the way it was written before), same data, same run.

    python bench/align_json.py [--beads 1000] [--rounds 7]

The data: an alignment of ``--beads`` one-to-one beads whose two sides are generated
sentences of 20-30 made-up words (accents and non-Latin letters among them), the shape
``review.alignment_json`` gives. Printed: the best CPU seconds of each writer over the
rounds, the ratio, and that both texts read back to the same data.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from workbench.review import alignment_json_text


def made_up_alignment(beads: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvyzçğışöüñäß"

    def sentence() -> str:
        return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(2, 11)))
                        for _ in range(rng.randint(20, 30))).capitalize() + "."

    return {"id": 1, "unit": "sentence", "src_lang": "en", "tgt_lang": "de",
            "provenance": {"aligner": "bench", "presegmented": True}, "warnings": [],
            "beads": [{"source": [k], "target": [k], "confidence": round(rng.random(), 4),
                       "needs_review": rng.random() < 0.2, "status": "auto",
                       "source_text": sentence(), "target_text": sentence()} for k in range(beads)]}


def best_cpu(write, data: dict, rounds: int) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(rounds):
        start = time.process_time()
        text = write(data)
        times.append(time.process_time() - start)
    return min(times), text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--beads", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    data = made_up_alignment(args.beads)
    baseline, old = best_cpu(lambda d: json.dumps(d, ensure_ascii=False, indent=2) + "\n", data, args.rounds)
    ours, new = best_cpu(alignment_json_text, data, args.rounds)
    assert json.loads(old) == json.loads(new) == data
    print(f"{args.beads} beads, best of {args.rounds} rounds (CPU seconds)")
    print(f"json.dumps(indent=2), the writer before  {baseline:.4f}")
    print(f"alignment_json_text, one bead a line    {ours:.4f}")
    print(f"ratio now/before: {ours / baseline:.2f} (both texts read back to the same data)")


if __name__ == "__main__":
    main()
