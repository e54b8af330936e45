"""Rebuild the ignored page texts (private/<source>.txt) from saved copies of the pages.

    python bench/data/glossary/realtext/rebuild.py SAVED_DIR [--source ID ...] [--dry-run]

SAVED_DIR holds one ``<source>.txt`` a page (a source id of sources.tsv): the text of the
stored copy of the page at its address, as an archive search returns it (from the page's
start; what comes after the labelled part may be missing). Each labelled text is a
selection of that copy's paragraphs in page order, joined by a blank line or a line
break, with a final line break; some leave sentences or clauses out or end inside the
last paragraph (see README.md here). The search tries the page's own text first, then
1, 2 ... such edits, and keeps only a selection whose labels (labels.tsv: the surface
form at its offsets) all check and whose length and SHA-256 (sources.tsv) match; that one
is written to private/ through a temporary file. One line a page: rebuilt, already
there, or why not (no saved copy; a label's surface missing from the copy; no selection
with the length and hash, e.g. the stored copy was edited after labelling).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent
PRIVATE = DATA / "private"
SEPARATORS = ("\n\n", "\n")
ENDINGS = ("\n", "")
# An archive's header line ("date 2024-07 ") before the page's first paragraph.
ARCHIVE_HEADER = re.compile(r"^\s*date \d{4}(?:-\d\d){0,2}\s+")
CLAUSE_END = re.compile(r"(?:[.!?…][»«“”\"')\]]?|[,;:—])(?=\s)")
MAX_SOLUTIONS = 100_000   # label-consistent selections tried a pass
MAX_EDITS = 6


@dataclass(frozen=True)
class Target:
    source: str
    sha256_16: str
    chars: int
    labels: tuple[tuple[int, int, str], ...]     # start, end, surface; sorted by start

    def fits(self, text: str, checked: int = 0) -> bool:
        """Every label ending after ``checked`` has its surface in text, or the part of it
        that text already holds (a label that runs past text's end)."""
        return all(text[start:end] == surface if end <= len(text) else surface.startswith(text[start:])
                   for start, end, surface in self.labels if end > checked and start < len(text))

    def open_label(self, length: int) -> bool:
        return any(start < length < end for start, end, _ in self.labels)

    def matches(self, text: str) -> bool:
        return (len(text) == self.chars
                and hashlib.sha256(text.encode()).hexdigest()[:16] == self.sha256_16
                and self.fits(text))


@dataclass(frozen=True)
class Unit:
    """A sentence or clause of a paragraph of the saved copy."""
    paragraph: int
    text: str
    before: str         # the whitespace before it in its paragraph ("" for the first)
    last: bool = False  # the saved copy's last clause, which the archive may have cut in a word

    def endings(self) -> tuple[str, ...]:
        """The clause as written, and a clause before a comma also ending its sentence (the
        labelled texts sometimes leave a sentence's last clauses out); the saved copy's last
        clause also cut after any of its words."""
        if self.last:
            words = [m.start() for m in re.finditer(r"(?<=\S)\s+", self.text)]
            return (self.text,) + tuple(self.text[:end] for end in reversed(words))
        return (self.text, self.text[:-1] + ".") if self.text.endswith(",") else (self.text,)


def _tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_targets() -> list[Target]:
    labels: dict[str, list[tuple[int, int, str]]] = {}
    for row in _tsv(DATA / "labels.tsv"):
        labels.setdefault(row["source"], []).append((int(row["start"]), int(row["end"]), row["surface"]))
    return [Target(row["source"], row["sha256_16"], int(row["chars"]), tuple(sorted(labels.get(row["source"], []))))
            for row in _tsv(DATA / "sources.tsv")]


def paragraphs(saved: str) -> list[str]:
    """The saved copy's non-empty lines, the archive's header taken off the first."""
    lines = [line.rstrip() for line in saved.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line.strip()]
    if lines:
        lines[0] = ARCHIVE_HEADER.sub("", lines[0])
    return lines


def units(paras: list[str]) -> list[Unit]:
    """Each paragraph cut after every sentence end and every comma."""
    found = []
    for index, paragraph in enumerate(paras):
        cuts = [0] + [m.end() for m in CLAUSE_END.finditer(paragraph)] + [len(paragraph)]
        for start, end in zip(cuts, cuts[1:]):
            piece = paragraph[start:end]
            text = piece.lstrip()
            if text:
                found.append(Unit(index, text, piece[:len(piece) - len(text)]))
    if found:
        found[-1] = Unit(found[-1].paragraph, found[-1].text, found[-1].before, last=True)
    return found


def joins(previous: Unit | None, position: int, unit: Unit, parts: list[Unit]) -> tuple[str, ...]:
    """How unit follows previous: as on the page after the unit before it, with a space after a
    left-out clause of the same paragraph, with a blank line or a line break after another paragraph."""
    if previous is None:
        return ("",)
    if previous.paragraph != unit.paragraph:
        return SEPARATORS
    return (unit.before,) if parts[position - 1] is previous else (" ",)


def selections(target: Target, parts: list[Unit]):
    """Texts made of parts in order that fit every label on the way and have the target's
    length; depth-first with at most 0, 1, 2 ... edits (a clause left out, a comma made a full
    stop, a clause cut after a word or started after one), so the page's own text comes first;
    pruned by the labels and the length."""
    for edits in range(MAX_EDITS + 1):
        yield from _selections(target, parts, edits)


def _selections(target: Target, parts: list[Unit], edits: int):
    dead: set[tuple[int, int, int]] = set()
    budget = [MAX_SOLUTIONS]

    def extend(text: str, last: int, left: int):
        for ending in ENDINGS:
            if len(text) + len(ending) == target.chars:
                budget[0] -= 1
                yield text + ending
        key = (last, len(text), left)
        if key in dead or budget[0] <= 0:
            return
        found = False
        for position in range(last + 1, len(parts)):
            unit = parts[position]
            skip = int(last >= 0 and position > last + 1 and parts[position - 1].paragraph == unit.paragraph)
            for join in joins(parts[last] if last >= 0 else None, position, unit, parts):
                for rank, piece in enumerate(unit.endings()):
                    cost = skip + (rank > 0)
                    longer = text + join + piece
                    if cost <= left and len(longer) <= target.chars and target.fits(longer, len(text)):
                        for result in extend(longer, position, left - cost):
                            found = True
                            yield result
        if not found and not target.open_label(len(text)):
            dead.add(key)

    yield from extend("", -1, edits)
    if edits:
        for position, unit in enumerate(parts):     # a text that starts inside a clause (after a byline)
            for start in (m.start() for m in re.finditer(r"(?<=\s)\S", unit.text)):
                if target.fits(unit.text[start:]):
                    yield from extend(unit.text[start:], position, edits - 1)


def rebuild(target: Target, saved: str) -> str | None:
    return next((text for text in selections(target, units(paragraphs(saved))) if target.matches(text)), None)


def first_unplaced_label(target: Target, saved: str) -> str:
    """Why no selection matched: the first label whose surface is nowhere in the saved copy."""
    for start, _, surface in target.labels:
        if surface not in saved:
            return f"label {surface!r} at {start} is not in the saved copy"
    return "every label's surface is in the saved copy, but no selection of its paragraphs has the length and hash"


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


def run(saved_dir: Path, only: set[str], dry_run: bool) -> int:
    failures = 0
    for target in load_targets():
        if only and target.source not in only:
            continue
        out = PRIVATE / f"{target.source}.txt"
        if out.exists() and target.matches(out.read_text(encoding="utf-8")):
            print(f"{target.source}: already there, hash and labels check")
            continue
        copy = saved_dir / f"{target.source}.txt"
        if not copy.exists():
            print(f"{target.source}: no saved copy {copy}")
            failures += 1
            continue
        saved = copy.read_text(encoding="utf-8")
        text = rebuild(target, saved)
        if text is None:
            print(f"{target.source}: not rebuilt: {first_unplaced_label(target, saved)}")
            failures += 1
        else:
            if not dry_run:
                write_atomically(out, text)
            print(f"{target.source}: rebuilt, {len(text)} characters, hash and {len(target.labels)} labels check")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("saved_dir", type=Path, help="folder of saved page texts, <source>.txt")
    parser.add_argument("--source", action="append", default=[], help="only this source id (repeatable)")
    parser.add_argument("--dry-run", action="store_true", help="search and report, write nothing")
    args = parser.parse_args()
    if not args.saved_dir.is_dir():
        sys.exit(f"Error: {args.saved_dir} is not a folder")
    sys.exit(1 if run(args.saved_dir, set(args.source), args.dry_run) else 0)


if __name__ == "__main__":
    main()
