"""Block text of an HTML page: headings, paragraphs, list items, quotes.

A saved web page holds more than its article: the site's menu, header,
sidebar of related links, footer and forms.  Those are left out: `nav`,
`aside`, `footer` and `form` everywhere (HTML5 gives them that meaning), and,
when the page marks its content with `article` or `main`, everything outside
them (the site's header with it).  A `header` alone is kept: on a page
without that markup it may hold the article's headline.

A `<br>` breaks a line inside its paragraph (an address, a verse line, a
sentence set over two lines): the text goes on after it, read as a space.  Two
or more in a row (with nothing but spaces between them) end the paragraph: a
page laid out without `<p>` separates its paragraphs that way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from workbench.spaces import collapse_spaces

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "pre", "title",
           "figcaption", "dt", "dd"}
_SKIP = {"script", "style", "noscript", "template", "head"}
# page furniture: never the text to translate
_FURNITURE = {"nav", "aside", "footer", "form", "button", "select", "dialog"}
_CONTENT = {"article", "main"}
# elements HTML closes without an end tag: they never hold text
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BR = "\n"  # a <br> in the collected text; the data's own line ends are read as spaces first


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # (tag, text, inside article/main)
        self.blocks: list[tuple[str, str, bool]] = []
        self._tag_stack: list[str] = []
        self._open: list[str] = []
        self._text: list[str] = []
        self._skip = 0

    def _inside(self, tags: set[str]) -> bool:
        return any(tag in tags for tag in self._open)

    def _flush(self):
        tag = next((t for t in reversed(self._tag_stack) if t in _BLOCKS), "p")
        for part in re.split(r"\n[^\S\n]*\n\s*", "".join(self._text)):  # two <br> or more
            text = collapse_spaces(part)
            if text:
                self.blocks.append((tag, text, self._inside(_CONTENT)))
        self._text = []

    @staticmethod
    def _skipped(tag: str) -> bool:
        return tag in _SKIP or tag in _FURNITURE

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and not self._skip:
                self._text.append(_BR)
            return
        if self._skipped(tag):
            self._flush()
            self._skip += 1
        elif tag in _BLOCKS or tag in _CONTENT:
            self._flush()
        self._open.append(tag)
        if tag in _BLOCKS:
            self._tag_stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self._open:
            return
        if tag in _BLOCKS or tag in _CONTENT:
            self._flush()
        while self._open:
            closed = self._open.pop()
            if self._skipped(closed):
                self._flush()
                self._skip = max(0, self._skip - 1)
            if closed == tag:
                break
        if tag in _BLOCKS and tag in self._tag_stack:
            while self._tag_stack and self._tag_stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data.replace("\n", " "))


def html_blocks(html: str) -> list[tuple[str, str]]:
    """(tag, text) for each block of the page's text, in document order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = [(tag, text, inside) for tag, text, inside in parser.blocks if tag != "title"]
    if any(inside for _, _, inside in blocks):
        blocks = [block for block in blocks if block[2]]
    return [(tag, text) for tag, text, _ in blocks]
