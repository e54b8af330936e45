"""Align many document pairs at once (``workbench align --pairs PAIRS.tsv``), here or on a cluster.

PAIRS.tsv holds one pair a line: source path, a tab, target path (relative paths
are read from the file's own folder; blank lines and lines starting with ``#`` are
skipped). Every file is read and checked before anything is stored. Each pair's
alignment is stored with its documents in its own transaction as soon as it is
computed, with a key (a hash of both sides' segments, languages and settings) in
its provenance: a rerun, after an interruption or with more lines added, skips the
pairs already stored. The aligner is deterministic, so the same pairs give the
same alignments wherever they are computed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from workbench.align.evidence import EvidenceConfig
from workbench.errors import InputError
from workbench.store import Store


@dataclass(frozen=True)
class PairTask:
    line: int             # in PAIRS.tsv
    src: object           # review.AlignSide
    tgt: object
    key: str              # the alignment's identity: a rerun skips a key already stored


@dataclass(frozen=True)
class PairOutcome:
    line: int
    alignment_id: int
    skipped: bool         # stored by an earlier run


@dataclass(frozen=True)
class AlignSettings:
    """What every pair of a batch shares: the evidence per language pair and the aligner's settings."""
    evidences: dict                # (src, tgt) -> EvidenceConfig
    unit: str = "paragraph"
    presegmented: bool = False
    check_languages: bool = True


# (settings, tasks) -> (line, AlignmentResult) per task, in any order: run here or on a cluster
Aligner = Callable[[AlignSettings, list[PairTask]], Iterator[tuple[int, object]]]


def read_pairs(path: str | Path) -> list[tuple[int, str, str]]:
    """(line number, source path, target path) per pair line; an error names the line."""
    from workbench.files import read_bytes
    from workbench.files import decode_bytes

    path = Path(path)
    text = decode_bytes(read_bytes(path, "pairs file"), path.name)[0]
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise InputError(f"{path} line {number}: give a source path, a tab and a target path "
                             f"(found {len(fields)} field(s))")
        pairs.append((number, *(str(path.parent / f) if not Path(f).is_absolute() else f for f in fields)))
    if not pairs:
        raise InputError(f"{path}: no pairs (one line a pair: source path, a tab, target path)")
    return pairs


def plan_pairs(store: Store, pairs_file: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
               unit: str = "paragraph", presegmented: bool = False, user: str = "translator") -> list[PairTask]:
    """Every pair read and checked (nothing stored yet), each with its key."""
    from workbench.review import load_side

    tasks = []
    for line, source, target in read_pairs(pairs_file):
        try:
            src = load_side(store, source, src_lang, presegmented, user)
            tgt = load_side(store, target, tgt_lang, presegmented, user)
        except InputError as exc:
            raise InputError(f"{pairs_file} line {line}: {exc}") from None
        if not src.lang or not tgt.lang:
            side = "source" if not src.lang else "target"
            raise InputError(f"{pairs_file} line {line}: cannot tell the {side} language; give --{side[:3]}-lang")
        tasks.append(PairTask(line, src, tgt, pair_key(src, tgt, unit, presegmented)))
    return tasks


def pair_key(src, tgt, unit: str, presegmented: bool) -> str:
    data = [src.segments, tgt.segments, src.lang, tgt.lang, unit, presegmented]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


def stored_keys(store: Store, tasks: list[PairTask]) -> dict[str, int]:
    """key -> alignment id of the tasks' alignments already stored (only the alignments titled
    like one of the tasks are read)."""
    titles = {f"{t.src.name} → {t.tgt.name}" for t in tasks}
    found = {}
    for summary in store.alignments.list():
        if summary.title in titles:
            key = store.alignments.get(summary.id).provenance.get("batch_key")
            if key:
                found.setdefault(key, summary.id)
    return found


def align_pairs(store: Store, tasks: list[PairTask], evidence: Callable[[str, str], EvidenceConfig], *,
                unit: str = "paragraph", presegmented: bool = False, user: str = "translator",
                aligner: Aligner | None = None, check_languages: bool = True) -> list[PairOutcome]:
    """Align the pairs not stored yet (with ``aligner``: default here, one by one) and store each
    as it comes, in its own transaction. ``evidence(src, tgt)`` gives a language pair's evidence."""
    from workbench.review import store_aligned_sides

    done = stored_keys(store, tasks)
    todo = [t for t in tasks if t.key not in done]
    by_line = {t.line: t for t in todo}
    pairs = dict.fromkeys((t.src.lang, t.tgt.lang) for t in todo)
    settings = AlignSettings({p: evidence(*p) for p in pairs}, unit, presegmented, check_languages)
    outcomes = {t.line: PairOutcome(t.line, done[t.key], True) for t in tasks if t.key in done}
    for line, result in (aligner or align_here)(settings, todo):
        task = by_line[line]
        result = replace(result, provenance=dict(result.provenance, batch_key=task.key))
        aid = store_aligned_sides(store, task.src, task.tgt, result, presegmented=presegmented, user=user)
        outcomes[line] = PairOutcome(line, aid, False)
    return [outcomes[t.line] for t in tasks]


def align_here(settings: AlignSettings, tasks: list[PairTask]) -> Iterator[tuple[int, object]]:
    return (align_one(settings, t) for t in tasks)


def align_one(settings: AlignSettings, task: PairTask) -> tuple[int, object]:
    """(the task's line, its AlignmentResult): the pure part, run wherever."""
    from workbench.review import run_aligner

    src, tgt = task.src, task.tgt
    return task.line, run_aligner(src.segments, tgt.segments, src.lang, tgt.lang, unit=settings.unit,
                                  presegmented=settings.presegmented, evidence=settings.evidences[(src.lang, tgt.lang)],
                                  check_languages=settings.check_languages)
