"""Document readers: one module per input format, one registry of file suffixes.

A reader turns a file's bytes into either plain text (hard-wrapped lines that
ingest reflows: PDF) or a list of ``Block``s whose boundaries the format
already marks (Markdown, HTML, DOCX, ODT). Heavy libraries are imported
inside the reader that needs them.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import NamedTuple

BODY, HEADING, SEPARATOR = "body", "heading", "separator"


class Block(NamedTuple):
    text: str
    kind: str = BODY
    level: int = 0
    list_item: bool = False  # never joined with a neighbour as a paragraph cut by a page break


# suffix -> format name; text formats are decoded by ingest, binary ones go to a reader module.
TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
BINARY_FORMATS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt"}
SUPPORTED_SUFFIXES = tuple(TEXT_FORMATS) + tuple(BINARY_FORMATS)
_READER_MODULES = {"pdf": "pdf", "docx": "office", "odt": "office"}


def format_of(name: str) -> str:
    """The format named by a file's suffix; no or an unknown suffix reads as plain text."""
    suffix = Path(name).suffix.lower()
    return TEXT_FORMATS.get(suffix) or BINARY_FORMATS.get(suffix) or "txt"


def is_binary_format(fmt: str) -> bool:
    return fmt in BINARY_FORMATS.values()


def read_binary(data: bytes, name: str, fmt: str) -> str | list[Block]:
    """Text (to reflow) or blocks of a PDF, DOCX or ODT file's bytes."""
    module = import_module(f"workbench.readers.{_READER_MODULES[fmt]}")
    return module.read(data, name, fmt)
