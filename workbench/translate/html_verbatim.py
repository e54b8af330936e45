"""Code in an HTML page written back byte for byte after its text is translated.

lxml reads a character reference (``&#39;``, ``&nbsp;``, ``&#x2019;``) as the character and
writes the character, so a ``<pre>`` that showed ``&#39;`` came back with ``'``: the same
text for a browser, not the same bytes for a translator who diffs the page or pastes the
code. The elements never translated (``pre``, ``code``, ``kbd``, ``samp``, ``var``, scripts,
styles, text areas) are found twice: in the parsed tree, and as spans of the source by
their tags. Each tree element is paired, in order, with the next span of
its tag that parses to the same element; after translation it is swapped for a comment
marker, and the marker in the written page for the span's bytes. An element without its
span (markup the parser repaired) is written as lxml writes it: nothing is lost either way.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable

VERBATIM = frozenset({"pre", "code", "kbd", "samp", "var", "script", "style", "textarea"})
_LOOK_AHEAD = 20   # spans tried for an element: one the parser made up needs no search of the whole page


# a comment, or a start or end tag (its attribute values may hold ">")
_TAG = re.compile(r"""<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)
_RAW_TEXT = {"script", "style", "textarea", "title"}     # no tag inside them is one


def source_spans(source: str) -> list[tuple[str, str]]:
    """(tag, source text) of each outermost verbatim element of ``source``, in order. A regular
    expression finds the tags, as Python's HTML tokenizer would (that took 10 times as long)."""
    spans: list[tuple[str, str]] = []
    opened: list[tuple[str, int]] = []      # the verbatim elements open: (tag, start)
    pos = 0
    while (found := _TAG.search(source, pos)) is not None:
        pos = found.end()
        if found.group(2) is None:
            continue                          # a comment
        tag, closing = found.group(2).lower(), found.group(1) == "/"
        if not closing and tag in _RAW_TEXT:
            close = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(source, pos)
            if close is None:
                break
            pos = close.end()
            if tag in VERBATIM and not opened:
                spans.append((tag, source[found.start():pos]))
        elif tag in VERBATIM and not closing:
            opened.append((tag, found.start()))
        elif tag in VERBATIM and any(t == tag for t, _ in opened):
            while opened[-1][0] != tag:       # tags left open inside it close with it
                opened.pop()
            _, start = opened.pop()
            if not opened:
                spans.append((tag, source[start:pos]))
    return spans


def outermost(root) -> list:
    """The verbatim elements of the tree ``root`` not inside another, in document order."""
    found, todo = [], [root]
    while todo:
        element = todo.pop()
        if isinstance(element.tag, str) and element.tag in VERBATIM:
            found.append(element)
        else:
            todo.extend(reversed(element))
    return found


def pair_with_source(root, source: str) -> list[tuple[object, str]]:
    """(element, its source text) for each outermost verbatim element whose span is found."""
    import lxml.html

    spans = source_spans(source)
    together = _parsed("".join(text for _, text in spans))    # one parse for all, as a rule
    if len(together) != len(spans):
        together = [None] * len(spans)
    pairs, at = [], 0
    for element in outermost(root):
        written = lxml.html.tostring(element, with_tail=False)
        for k in range(at, min(at + _LOOK_AHEAD, len(spans))):
            tag, text = spans[k]
            if tag == element.tag and (written == together[k] or _parsed(text)[:1] == [written]):
                pairs.append((element, text))
                at = k + 1
                break
    return pairs


def _parsed(html: str) -> list[bytes]:
    """The outermost verbatim elements of ``html`` as lxml parses and writes them."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(f"<html><body>{html}</body></html>")
    except (lxml.etree.ParserError, ValueError):
        return []
    return [lxml.html.tostring(el, with_tail=False) for el in outermost(root)]


def write_keeping_code(root, source: str, translate: Callable[[object], None],
                       write: Callable[[object], bytes]) -> bytes:
    """``translate(root)``, then ``write(root)`` with each verbatim element as it was in ``source``."""
    import lxml.etree

    pairs = pair_with_source(root, source)
    translate(root)
    nonce = hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    markers = {}
    for n, (element, text) in enumerate(pairs):
        marker = f"workbench-verbatim-{nonce}-{n}"
        parent = element.getparent()
        if marker in source or parent is None:
            continue
        comment = lxml.etree.Comment(marker)
        comment.tail = element.tail
        parent.replace(element, comment)
        markers[f"<!--{marker}-->".encode("ascii")] = text.encode("utf-8")
    out = write(root)
    for marker, text in markers.items():
        out = out.replace(marker, text, 1)
    return out
