"""Which code page a text that is not UTF-8 was written in: the workbench
against charset_normalizer (what ingest asked alone before) and against
always taking Windows-1252, on real strings nobody on the team wrote.

    python bench/data/langid/build_po.py      # once: the catalogue strings (git-ignored)
    python bench/charsets.py [--split dev|test|both]

The strings are the language-ID bench's catalogue set (translations of
free-software programs, split dev/test by catalogue before any tuning).  Each
string with a non-ASCII letter is encoded in the legacy code pages its
language was written in (Turkish: Windows-1254 and ISO 8859-9; Western
languages: Windows-1252, ISO 8859-1 and 8859-15; Esperanto: ISO 8859-3),
where that code page can hold it, and decoded back by each guesser; right
means the decoded text equals the string.  Three sizes: a UI string (one to
a few words), a paragraph (16+ words), and a document of ten paragraphs of
one catalogue.  Wall time per guess is printed beside.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.files import decode_bytes  # noqa: E402

PRIVATE = ROOT / "bench" / "data" / "langid" / "private"
CODEPAGES = {
    "tr": ("cp1254", "iso8859_9"),
    "eo": ("iso8859_3",),
    **{lang: ("cp1252", "iso8859_1", "iso8859_15") for lang in ("en", "es", "de", "fr", "it", "pt")},
}
DOCUMENT_PARAGRAPHS = 10


def _rows(name: str, split: str) -> list[dict]:
    path = PRIVATE / name
    if not path.exists():
        sys.exit(f"Error: {path.relative_to(ROOT)} is missing: run bench/data/langid/build_po.py first")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row["split"] == split and row["lang"] in CODEPAGES]


def samples(split: str) -> dict[str, list[tuple[str, str, str]]]:
    """size -> [(lang, codec, text)] for strings with a non-ASCII letter."""
    by_size: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    fragments = _rows("catalogue_fragments.tsv", split)
    paragraphs = _rows("catalogue_paragraphs.tsv", split)
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in paragraphs:
        grouped[(row["catalogue"], row["lang"])].append(row["text"])
    documents = [(lang, "\n\n".join(texts[i:i + DOCUMENT_PARAGRAPHS]))
                 for (_, lang), texts in sorted(grouped.items())
                 for i in range(0, len(texts), DOCUMENT_PARAGRAPHS)]
    for size, rows in (("UI string", [(r["lang"], r["text"]) for r in fragments]),
                       ("paragraph", [(r["lang"], r["text"]) for r in paragraphs]),
                       ("document", documents)):
        for lang, text in rows:
            if not any(ch.isalpha() and not ch.isascii() for ch in text):
                continue
            for codec in CODEPAGES[lang]:
                try:
                    text.encode(codec)
                except UnicodeEncodeError:
                    continue
                by_size[size].append((lang, codec, text))
    return by_size


def _charset_normalizer(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return "" if best is None or best.encoding is None else data.decode(best.encoding, errors="replace")


def _workbench(data: bytes) -> str:
    return decode_bytes(data, "bench")[0]


GUESSERS = {
    "workbench": _workbench,
    "charset_normalizer (baseline)": _charset_normalizer,
    "always cp1252": lambda data: data.decode("cp1252", errors="replace"),
}


def run(split: str) -> None:
    by_size = samples(split)
    _workbench("Caf\u00e9".encode("cp1252"))  # the lexicon's one-time load is not a guess's time
    print(f"\n{split} split")
    print(f"  {'size':<10} {'strings':>8}  " + "  ".join(f"{name:>30}" for name in GUESSERS))
    per_lang: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for size, rows in by_size.items():
        cells = []
        for name, guess in GUESSERS.items():
            right = 0
            started = time.perf_counter()
            for lang, codec, text in rows:
                ok = guess(text.encode(codec)) == text
                right += ok
                if size == "paragraph":
                    per_lang[name][lang][0] += ok
                    per_lang[name][lang][1] += 1
            ms = (time.perf_counter() - started) * 1000 / max(len(rows), 1)
            cells.append(f"{100 * right / max(len(rows), 1):6.1f}% ({right:>5}) {ms:6.2f} ms")
        print(f"  {size:<10} {len(rows):>8}  " + "  ".join(f"{cell:>30}" for cell in cells))
    print("  paragraphs by language: " + "; ".join(
        f"{lang} " + " / ".join(f"{100 * per_lang[name][lang][0] / per_lang[name][lang][1]:.1f}"
                                for name in GUESSERS)
        for lang in sorted(per_lang["workbench"])) + "  (workbench / baseline / cp1252, %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    args = parser.parse_args()
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        run(split)


if __name__ == "__main__":
    main()
