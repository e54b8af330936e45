"""What every format shares: the read log, and the format registry.

Two families, one verb pair each (translate-toolkit's model):

- ``pairs`` (translation memory and bilingual files: TMX, XLIFF, CSV/TSV):
  ``read(data, name, log, **options) -> PairsFile`` and ``write(PairsFile, **options) -> str``;
- ``glossary`` (TBX, CSV, OmegaT TSV, TOML):
  ``read(data, name, log, **options) -> Glossary`` and ``write(Glossary, **options) -> str``.

The registry maps file extensions to formats; the CLI, the app and the jobs
ask it (``format_for``) instead of testing suffixes themselves. Readers never
drop data silently: what they mapped to another value, kept as a note or could
not keep goes into the ``ReadLog``, which the CLI prints and the app shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.errors import InputError


@dataclass
class ReadLog:
    """Counted messages about one file: 'mapped subject 'General' to 'general'' × 12."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)

    def note(self, message: str, n: int = 1, example: str = "") -> None:
        self.counts[message] = self.counts.get(message, 0) + n
        if example:
            self.examples.setdefault(message, example)

    def lines(self) -> list[str]:
        return [(f"{n} × {message}" if n > 1 else message)
                + (f" (e.g. {self.examples[message]})" if message in self.examples else "")
                for message, n in self.counts.items()]

    def __bool__(self) -> bool:
        return bool(self.counts)


@dataclass(frozen=True)
class PairsFile:
    """What a pairs-family file holds: units (``TmxUnit``: text per language, props), the
    source language its header names (None or '*all*' when it names none) and the
    segmentation ('sentence' or 'paragraph')."""

    units: list
    src_lang: str | None = None
    tgt_lang: str | None = None
    segtype: str = "sentence"
    original: str = ""


@dataclass(frozen=True)
class Format:
    name: str                      # "tmx", "tbx", ...
    family: str                    # "pairs" or "glossary"
    extensions: tuple[str, ...]    # with the dot, lower case
    label: str
    read: Callable
    write: Callable


def registry() -> tuple[Format, ...]:
    """Every format, built on demand (nothing happens at import time). A format's module is
    imported when its reader or writer is first called: asking only for a name or an
    extension (a translation job naming its XLIFF file) imports no reader, and TMX's XML
    imports alone cost ~0.03 s of a short job's start."""
    return (
        Format("tmx", "pairs", (".tmx",), "TMX 1.4b", _lazy("tmx", "read_pairs"), _lazy("tmx", "write_pairs")),
        Format("xliff", "pairs", (".xlf", ".xliff"), "XLIFF 1.2 / 2.x", _lazy("xliff", "read_pairs"),
               _lazy("xliff", "write_pairs")),
        Format("csv", "pairs", (".csv",), "CSV", _lazy("csv_pairs", "read_pairs"), _lazy("csv_pairs", "write_pairs")),
        Format("tsv", "pairs", (".tsv", ".txt"), "TSV (source, target)", _lazy("csv_pairs", "read_pairs"),
               _lazy("csv_pairs", "write_tsv_pairs")),
        Format("tbx", "glossary", (".tbx",), "TBX (v3 TBX-Basic, v2 martif)", _lazy("tbx", "read_glossary"),
               _lazy("tbx", "write_glossary")),
        Format("csv", "glossary", (".csv",), "CSV (every language)", _lazy("glossary_csv", "read_glossary"),
               _lazy("glossary_csv", "write_glossary")),
        Format("tsv", "glossary", (".tsv",), "OmegaT TSV", _lazy("glossary_csv", "read_glossary"),
               _lazy("glossary_csv", "write_glossary")),
        Format("toml", "glossary", (".toml",), "workbench TOML", _read_toml, _write_toml),
    )


def _lazy(module: str, function: str) -> Callable:
    """``workbench.formats.<module>.<function>``, imported on the first call."""
    def call(*args, **kwargs):
        from importlib import import_module

        return getattr(import_module(f"workbench.formats.{module}"), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    return call


def extensions(family: str) -> tuple[str, ...]:
    return tuple(ext for f in registry() if f.family == family for ext in f.extensions)


def extension_of(name: str, family: str = "pairs") -> str:
    """The extension files of the named format get (``xliff`` -> ``.xlf``)."""
    return next(f.extensions[0] for f in registry() if f.family == family and f.name == name)


def format_for(path: str | os.PathLike, family: str) -> Format:
    suffix = Path(path).suffix.lower()
    for f in registry():
        if f.family == family and suffix in f.extensions:
            return f
    what = "glossary" if family == "glossary" else "translation memory or bilingual"
    raise InputError(f"{path}: unknown {what} format '{suffix or '(none)'}'; use "
                     + ", ".join(extensions(family)))


def decode_utf8(data: bytes, name: str) -> str:
    """Text of a UTF-8 file (a BOM dropped); bad bytes name their offset."""
    from workbench.errors import FormatError

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def _read_toml(data: bytes, name: str, log: ReadLog | None = None, **_options):
    from workbench.glossary.canonical import loads

    return loads(decode_utf8(data, name), name=name)


def _write_toml(glossary, **_options) -> str:
    from workbench.glossary.canonical import dumps

    return dumps(glossary)
