"""Block text of an HTML page: headings, paragraphs, list items, quotes."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "pre", "title"}
_SKIP = {"script", "style", "noscript", "template", "head"}


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag_stack: list[str] = []
        self._text: list[str] = []
        self._skip = 0

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            tag = next((t for t in reversed(self._tag_stack) if t in _BLOCKS), "p")
            self.blocks.append((tag, text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCKS or tag == "br":
            self._flush()
        if tag in _BLOCKS:
            self._tag_stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()
            if tag in self._tag_stack:
                while self._tag_stack and self._tag_stack.pop() != tag:
                    pass

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)


def html_blocks(html: str) -> list[tuple[str, str]]:
    """(tag, text) for each block of text, in document order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    return [(tag, text) for tag, text in parser.blocks if tag != "title"]
