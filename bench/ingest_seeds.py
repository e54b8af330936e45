"""Paragraph boundaries of the seed documents against a gold of offsets.

The seeds are third-party articles kept outside the repository; the gold
(`bench/data/ingest_seeds/gold.json`) holds only the character offsets, in the
decoded file, where each paragraph starts (no text). A paragraph of the
ingest output is placed in the file by its first words, searched from the end
of the previous one. Scores per seed:

- exact: share of gold paragraphs (start, next start) that ingest reproduces;
- missed / extra: gold boundaries ingest does not make / boundaries it adds.

Run it on the code to compare with `PYTHONPATH=<other checkout> python ...`
(the checkout on PYTHONPATH is imported first).

    python bench/ingest_seeds.py SEEDS_FOLDER
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # after PYTHONPATH: another checkout can be measured

from workbench.ingest import ingest_file, read_file  # noqa: E402

GOLD = ROOT / "bench" / "data" / "ingest_seeds" / "gold.json"


def paragraph_starts(raw: str, paragraphs: list[str]) -> list[int]:
    """Offset in `raw` of each paragraph's first letters, in order."""
    starts, position = [], 0
    for text in paragraphs:
        first = re.match(r"\W*(\w+)", text)
        if first is None:
            continue
        found = raw.find(first.group(1)[:4], position)
        if found < 0:
            continue
        starts.append(found)
        position = found + 1
    return starts


def score(gold: list[int], got: list[int], end: int) -> tuple[float, int, int]:
    spans = lambda starts: set(zip(starts, starts[1:] + [end]))  # noqa: E731
    exact = len(spans(gold) & spans(got)) / len(gold)
    return exact, len(set(gold) - set(got)), len(set(got) - set(gold))


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else None
    if folder is None or not folder.is_dir():
        sys.exit("usage: python bench/ingest_seeds.py SEEDS_FOLDER")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    print(f"{'seed':28} {'gold':>5} {'got':>5} {'exact':>6} {'missed':>6} {'extra':>6}")
    for name, starts in sorted(gold.items()):
        path = folder / name
        raw = read_file(path)[0]
        got = paragraph_starts(raw, [p.text for p in ingest_file(path).paragraphs])
        exact, missed, extra = score(starts, got, len(raw))
        print(f"{name:28} {len(starts):5} {len(got):5} {exact:6.3f} {missed:6} {extra:6}")


if __name__ == "__main__":
    main(sys.argv[1:])
