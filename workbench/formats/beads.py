"""Vecalign's bead format: one bead per line, 0-based segment indices.

    [0]:[0]
    [1,2]:[1]:0.87      (optional third field: confidence)
    [3]:[]
    []:[4]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.errors import FormatError
from workbench.records import frozen_dataclass

# (a pattern string: re compiles it when a beads file is first read, not at every command's start)
_LINE = r"^\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\](?:\s*:\s*([0-9.eE+-]+))?\s*$"


@frozen_dataclass
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float | None = None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


def parse_beads(text: str, name: str = "beads") -> list[Bead]:
    beads = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = re.match(_LINE, line.strip())
        if not m:
            raise FormatError(f"{name}: line {lineno}: not a bead like [0]:[0] or [1,2]:[1]: {line.strip()!r}")
        src, tgt = _indices(m.group(1)), _indices(m.group(2))
        if not src and not tgt:
            raise FormatError(f"{name}: line {lineno}: a bead needs at least one segment")
        beads.append(Bead(src, tgt, float(m.group(3)) if m.group(3) else None))
    return beads


def format_beads(beads: Sequence[Bead], with_confidence: bool = False) -> str:
    """One line per bead, ``[source]:[target]`` (``:confidence`` with three decimals when asked):
    anything with ``source``, ``target`` and ``confidence`` is a bead here (a stored one too)."""
    lines = []
    for b in beads:
        line = f"[{','.join(map(str, b.source))}]:[{','.join(map(str, b.target))}]"
        if with_confidence and b.confidence is not None:
            line += f":{b.confidence:.3f}"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def coverage_errors(beads: list[Bead], n_source: int, n_target: int) -> list[str]:
    """Problems with beads as an alignment of n_source and n_target segments:
    every segment of both sides must appear exactly once, in order."""
    errors = []
    for side, count, pick in (("source", n_source, lambda b: b.source), ("target", n_target, lambda b: b.target)):
        seen = [i for b in beads for i in pick(b)]
        if seen != list(range(count)):
            missing = sorted(set(range(count)) - set(seen))
            extra = [i for i in seen if i >= count or i < 0]
            errors.append(f"{side} side: expected indices 0..{count - 1} once each in order; "
                          f"missing {missing[:10]}, out of range {extra[:10]}, "
                          f"out of order or repeated: {seen != sorted(set(seen))}")
    return errors


def _indices(field: str) -> tuple[int, ...]:
    return tuple(int(x) for x in field.replace(" ", "").split(",") if x)
