"""Does a translated Markdown document keep the source's shape? On third-party files.

For each file under ``bench/data/markdown/private/`` (listed with their public addresses in
``bench/data/markdown/SOURCES.txt``) the document is translated in place with a stand-in model
that changes every word (so every block is written again) and compared with its source:

* structure: the CommonMark block tokens (types and nesting) of source and translation;
* code: fenced and indented code blocks byte for byte;
* shape: of the source's paragraphs on several lines, how many come back on several lines,
  and output lines longer than their block's longest source line;
* whole sentences: how many texts the model got that do not end a sentence (a fragment cut
  by inline code or a line break; a heading or a list item without a full stop counts too).

Run it with this checkout, then with the baseline's checkout on PYTHONPATH (same files):
``python bench/markdown_shape.py`` and ``PYTHONPATH=OTHER python bench/markdown_shape.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "markdown" / "private"


def _model(sentences: list[str], seen: list[str]) -> list[str]:
    seen.extend(sentences)
    return [re.sub(r"[A-Za-z]+", lambda m: m.group(0).swapcase(), s) for s in sentences]


def _blocks(text: str) -> list[tuple[str, int]]:
    from markdown_it import MarkdownIt

    return [(t.type, t.level) for t in MarkdownIt("commonmark").parse(text) if t.type != "inline"]


def _code(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    return [t.content for t in MarkdownIt("commonmark").parse(text) if t.type in ("code_block", "fence")]


def _paragraph_lines(text: str) -> list[int]:
    """The number of lines of each paragraph (CommonMark's)."""
    from markdown_it import MarkdownIt

    return [t.map[1] - t.map[0] for t in MarkdownIt("commonmark").parse(text) if t.type == "paragraph_open"]


def measure(path: Path) -> dict:
    from workbench.translate.documents import sentence_translator, translate_document

    source = path.read_text(encoding="utf-8")
    seen: list[str] = []
    out = translate_document(source.encode(), path.name, sentence_translator(lambda s: _model(s, seen), "en"))
    out = out.decode()
    before, after = _paragraph_lines(source), _paragraph_lines(out)
    wrapped = [n for n, (a, b) in enumerate(zip(before, after)) if a > 1]
    return {"file": path.name, "structure same": _blocks(source) == _blocks(out), "code same": _code(source) == _code(out),
            "paragraphs on several lines": len(wrapped),
            "still on several lines": sum(1 for n in wrapped if after[n] > 1) if len(before) == len(after) else "?",
            "longest line source/out": (max(map(len, source.splitlines())), max(map(len, out.splitlines()))),
            "texts to the model": len(seen),
            "not ending a sentence": sum(1 for s in seen if not re.search(r"[.!?:)]\W*$", s))}


def main() -> int:
    files = sorted(DATA.glob("*.md"))
    if not files:
        print(f"no files under {DATA}: see {DATA.parent / 'SOURCES.txt'}")
        return 1
    for path in files:
        print(measure(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
