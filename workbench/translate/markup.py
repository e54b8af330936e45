"""Markdown and HTML translated block by block, each block's sentences whole.

A block (a paragraph, a heading, a list item, a table cell) is read as tokens:
texts, each with the inline wrappers around it (emphasis, strong, a link),
items kept as they are that end a text (an image's marks, an HTML tag in
Markdown, a line break after a sentence, a nested block), and items kept inside
a sentence (inline code, seen by the engine as a code span that
``inline_code`` masks; a line break inside a sentence, seen as a space). The
texts between two items that end one are one text for the engine, so "a
statement in *Arbeiterstimme* and in [Rote Fahne](url)." is one sentence, not
five fragments. The translation is cut back
into the wrappers with the mapping the .docx/.odt writers use
(``paragraphs.formatted_pieces``): a wrapper whose text survives verbatim
keeps it (a link keeps its target on its own words), the rest takes the
formatting that covered most of the block's text, never a link's; a link whose
words did not survive is gone and its words are plain text. A block whose
texts are unchanged is left exactly as it was.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Sequence

from workbench.readers.markdown import front_matter_lines

TranslateTexts = Callable[[list[str]], list[str]]


class Token(NamedTuple):
    """A text (``item`` None), an item kept as it is that ends a text (``text`` None), or an
    item inside a sentence (both: ``text`` is what the engine sees in its place, inline code
    as a code span, a line break as a space), inside ``path``: the inline wrappers around it,
    outermost first (compared by identity)."""
    path: tuple
    text: str | None
    item: object = None


def translate_blocks(blocks: Sequence[list[Token]], translate: TranslateTexts,
                     is_link: Callable[[object], bool]) -> list[list[Token] | None]:
    """Each block's tokens with its texts translated (None for a block left as it was); every
    text of the document goes to ``translate`` in one call, its spaces collapsed."""
    groups = [(b, run) for b, tokens in enumerate(blocks) for run in _text_runs(tokens)]
    texts = [_collapsed("".join(blocks[b][i].text for i in run)) for b, run in groups]
    done = translate(texts)
    out: list[list[Token] | None] = [None] * len(blocks)
    changed: dict[int, dict[int, tuple[list[int], list[Token]]]] = {}
    for (b, run), text, new in zip(groups, texts, done):
        if new != text:
            changed.setdefault(b, {})[run[0]] = (run, _formatted(blocks[b], run, new, is_link))
    for b, replaced in changed.items():
        tokens, dropped = [], set()
        for i, token in enumerate(blocks[b]):
            if i in replaced:
                run, new_tokens = replaced[i]
                tokens += new_tokens
                dropped.update(run)
            elif i not in dropped:
                tokens.append(token)
        out[b] = tokens
    return out


def _text_runs(tokens: Sequence[Token]) -> list[list[int]]:
    """Indexes of the texts between kept items, where they hold more than spaces."""
    runs: list[list[int]] = [[]]
    for i, token in enumerate(tokens):
        if token.text is None:
            runs.append([])
        else:
            runs[-1].append(i)
    return [run for run in runs if any(c.isalpha() for i in run if tokens[i].item is None for c in tokens[i].text)]


def _collapsed(text: str) -> str:
    """``text`` with each run of spaces one space, or one newline where it held a line break
    (the Markdown writer keeps a line break between two sentences where it can)."""
    return re.sub(r"\s+", lambda m: "\n" if "\n" in m.group() else " ", text)


def _formatted(tokens: Sequence[Token], run: list[int], text: str, is_link) -> list[Token]:
    """``text`` as tokens inside the wrappers the shared mapping gives its pieces, with the
    run's items put back where ``_item_cuts`` finds them; the wrappers all texts of the run
    share stay around all of it."""
    from workbench.translate.paragraphs import FormattedRun, formatted_pieces

    paths = [tokens[i].path for i in run]
    shared = 0
    while all(len(p) > shared for p in paths) and all(p[shared] is paths[0][shared] for p in paths):
        shared += 1
    runs = [FormattedRun(tuple(map(id, tokens[i].path[shared:])), _collapsed(tokens[i].text), True,
                         not any(map(is_link, tokens[i].path[shared:]))) for i in run if tokens[i].item is None]
    wrappers = {id(w): w for p in paths for w in p}
    runs.append(FormattedRun((), "", False))      # no wrapper: the rest when links covered most
    text, cuts = _item_cuts(tokens, run, text)
    blanked = list(text)
    for start, end, _ in cuts:                    # no wrapper claims words inside an item's place
        blanked[start:end] = "\0" * (end - start)
    out, at = [], 0
    pieces = formatted_pieces(runs, "".join(blanked))
    for n, (index, piece) in enumerate(pieces):
        path = paths[0][:shared] + tuple(wrappers[k] for k in runs[index].key)
        end = at + len(piece)
        for start, stop, token in [c for c in cuts if at <= c[0] < end or n == len(pieces) - 1 and c[0] == end]:
            out += [Token(path, text[at:start]), Token(path, None, token.item)]
            at = stop
        out.append(Token(path, text[at:end]))
        at = end
    # spaces alone take no wrapper of their own (an emphasis around nothing would be "**")
    return [Token(paths[0][:shared], token.text) if token.item is None and not token.text.strip() else token
            for token in out if token.text != ""]


def _item_cuts(tokens: Sequence[Token], run: list[int], text: str) -> tuple[str, list[tuple[int, int, Token]]]:
    """(text, [(start, end, token)]): where each item of the run goes in the translated ``text``.
    Inline code takes the place of its code span, which a model that lost it gets back at the
    end of the sentence; a line break takes the spaces after the word it followed, or before the
    word it preceded, where that word is still there (once), else it is left out."""
    from workbench.translate.inline_code import at_sentence_end

    cuts: list[tuple[int, int, Token]] = []
    items = [k for k, i in enumerate(run) if tokens[i].item is not None]
    for k in [k for k in items if tokens[run[k]].text.strip()]:
        span = _collapsed(tokens[run[k]].text).strip()
        found = [m for m in re.finditer(re.escape(span), text) if not any(c[0] < m.end() and m.start() < c[1] for c in cuts)]
        if not found:
            text = at_sentence_end(text, span)
            found = [list(re.finditer(re.escape(span), text))[-1]]
        cuts.append((found[0].start(), found[0].end(), tokens[run[k]]))
    for k in [k for k in items if not tokens[run[k]].text.strip()]:
        before = "".join(tokens[i].text for i in run[:k]).split()
        after = "".join(tokens[i].text for i in run[k + 1:]).split()
        cut = neighbour_cut(text, before[-1] if before else "", after[0] if after else "", cuts)
        if cut is not None:
            cuts.append((*cut, tokens[run[k]]))
    return text, sorted(cuts, key=lambda c: c[:2])


def neighbour_cut(text: str, before: str, after: str, cuts: Sequence[tuple]) -> tuple[int, int] | None:
    """(start, end) of the spaces in ``text`` a line break takes: after the word ``before`` (the
    word it followed), else before the word ``after``, when that word is there once and the place
    is not taken by a cut of ``cuts``; None when neither is."""
    for word, side in ((before, "after"), (after, "before")):
        found = list(re.finditer(rf"(?<!\S){re.escape(word)}(?!\S)", text)) if len(word) > 1 else []
        if len(found) == 1:
            at = found[0].end() if side == "after" else found[0].start()
            spaces = re.match(r"\s*", text[at:]) if side == "after" else re.search(r"\s*$", text[:at])
            start, end = (at, at + spaces.end()) if side == "after" else (spaces.start(), at)
            taken = any(c[0] < end and start < c[1] or c[0] == start for c in cuts)
            return None if taken else (start, end)
    return None


def breaks_inside_sentences(tokens: Sequence[Token], is_break: Callable[[object], bool]) -> list[Token]:
    """The tokens with each line break inside a sentence made an item inside it: no sentence ends
    before it and the text after it starts in lower case (a line broken by hand; a break after a
    sentence or before a capital, as in an address or a verse, still ends the text)."""
    from workbench.translate.documents import SENTENCE_END

    out = list(tokens)
    for i, token in enumerate(tokens):
        if token.text is None and is_break(token.item):
            before = "".join(reversed(_texts_beside(out[:i][::-1])))
            after = "".join(_texts_beside(tokens[i + 1:]))
            if before.strip() and not SENTENCE_END.search(before) and after.lstrip()[:1].islower():
                out[i] = Token(token.path, " ", token.item)
    return out


def _texts_beside(tokens: Sequence[Token]) -> list[str]:
    """The texts of ``tokens`` up to the first item that ends a text (in the order given)."""
    texts = []
    for token in tokens:
        if token.text is None:
            break
        texts.append(token.text)
    return texts


def transitions(tokens: Sequence[Token]):
    """(wrappers to close, wrappers to open, token) in order, then the closing of what is open;
    spaces at a text's edges move out of the wrappers opened or closed beside them."""
    open_: list = []
    for token in tokens:
        shared = 0
        while shared < min(len(open_), len(token.path)) and open_[shared] is token.path[shared]:
            shared += 1
        yield list(reversed(open_[shared:])), list(token.path[shared:]), token
        open_ = list(token.path)
    yield list(reversed(open_)), [], None


# --------------------------------------------------------------------------- markdown

_MD_PREFIX = re.compile(r"^(\s*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)*)")
_ORDERED = re.compile(r"([\s>]*)\d{1,9}[.)]")
# a setext underline, a thematic break, a link reference definition: no text to translate
_MD_RULE = re.compile(r"^\s*(=+|-+|(\*\s*){3,}|(_\s*){3,})\s*$|^\s{0,3}\[[^\]]+\]:\s*\S")
# inline markup: a hard line break, code, a link's end, an image's or link's start, emphasis, HTML tags, table pipes
_MD_MARKUP = re.compile(r"((?: {2,}|\\)\n|``(?:[^`]|`(?!`))+?``(?!`)|`[^`]+`|\]\([^)\n]*\)|\]\[[^\]\n]*\]|!?\[|\*{1,3}|_{1,3}(?=\W|$)|(?<![\w])_{1,3}"
                        r"|<[^>\n]+>|(?<!\\)\|)")


class _Mark:
    """A pair of Markdown delimiters around text (emphasis, a link)."""

    def __init__(self, opening: str, closing: str, link: bool):
        self.opening, self.closing, self.link = opening, closing, link


def translate_markdown(text: str, translate: TranslateTexts) -> str:
    from workbench.translate.md_layout import lay_out

    lines = text.split("\n")
    blocks = _markdown_blocks(lines)
    tokens = [_markdown_tokens("\n".join(body for _, _, body in block), table=_is_row(lines[block[0][0]]))
              for block in blocks]
    for block, new in zip(blocks, translate_blocks(tokens, translate, lambda mark: mark.link)):
        if new is not None:
            (first, prefix, _), *rest = block
            prefixes = [prefix] + ([p for _, p, _ in rest] or [_continuation(prefix)])
            lines[first] = "\n".join(lay_out(*_markdown_text(new), [lines[n] for n, _, _ in block], prefixes))
            for n, _, _ in rest:
                lines[n] = None
    return "\n".join(line for line in lines if line is not None)


def _continuation(prefix: str) -> str:
    """What goes before a block's next line: its quote marks, its list markers as spaces."""
    return re.sub(r"[-*+]|\d{1,9}[.)]|#+", lambda m: " " * len(m.group()), prefix)


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _markdown_blocks(lines: Sequence[str]) -> list[list[tuple[int, str, str]]]:
    """(line, prefix, body) of the lines of each block: a paragraph's lines (with their quote
    marks or indentation as prefix), a heading, a list item, a table row; code and front
    matter are no block."""
    blocks: list[list[tuple[int, str, str]]] = []
    open_block = False
    front = front_matter_lines(lines)
    code = _code_lines(lines, front)
    for n, line in enumerate(lines):
        if n < front:
            continue
        if n in code or not line.strip() or _MD_RULE.match(line):
            open_block = False
            continue
        prefix = _MD_PREFIX.match(line).group(1)
        marker = prefix.replace(">", "").strip()
        number = re.match(r"([\s>]*)(\d{1,9})[.)]", prefix)
        item = _ORDERED.match(blocks[-1][0][1]) if blocks else None
        if open_block and number and int(number.group(2)) != 1 and not (item and item.group(1) == number.group(1)):
            # a wrapped line starting with a year ("1936. The"): only 1. opens a list inside a
            # paragraph (CommonMark); "2." where an ordered list's item starts is its next item
            prefix, marker = number.group(1), ""
        # fewer quote marks than the paragraph's: a lazy continuation line of it (CommonMark)
        same_quote = blocks and prefix.count(">") <= blocks[-1][0][1].count(">")
        if open_block and not marker and same_quote and not _is_row(line):
            blocks[-1].append((n, prefix, line[len(prefix):]))
        else:
            blocks.append([(n, prefix, line[len(prefix):])])
        open_block = not prefix.lstrip().startswith("#") and not _is_row(line)
    return blocks


def _code_lines(lines: Sequence[str], front: int) -> set[int]:
    """The numbers of the lines of fenced and indented code blocks, fences included, as a
    CommonMark parser reads them (four spaces inside a list item or after a paragraph's line
    are no code; a fence closes only with its own kind and length)."""
    from markdown_it import MarkdownIt

    body = "\n".join([""] * front + list(lines[front:]))       # front matter is no Markdown
    tokens = MarkdownIt("commonmark").parse(body)
    return {n for t in tokens if t.type in ("code_block", "fence") and t.map for n in range(*t.map)}


def _markdown_tokens(source: str, table: bool) -> list[Token]:
    """The block's texts inside their emphasis and links; code, HTML, images' marks and table
    pipes kept as they are; a delimiter without its partner is text."""
    parts = _MD_MARKUP.split(source)
    marks = _paired_marks(parts, table)
    tokens: list[Token] = []
    path: list = []
    for i, part in enumerate(parts):
        if i % 2 == 0 or i not in marks:
            if part and tokens and tokens[-1].item is None and tokens[-1].text is not None \
                    and tokens[-1].path == tuple(path):
                tokens[-1] = Token(tuple(path), tokens[-1].text + part)
            elif part:
                tokens.append(Token(tuple(path), part))
        elif marks[i] == "keep":     # inline code stays inside its sentence, as a code span
            tokens.append(Token(tuple(path), part if part.startswith("`") else None, part))
        elif marks[i] is None:
            path.pop()
        else:
            path.append(marks[i])
    return breaks_inside_sentences(tokens, _is_markdown_break)


def _is_markdown_break(item) -> bool:
    return isinstance(item, str) and (item.endswith("\n") or re.fullmatch(r"<br\s*/?>", item, re.I) is not None)


def _paired_marks(parts: Sequence[str], table: bool) -> dict[int, object]:
    """For each markup part: "keep", a ``_Mark`` it opens, or None when it closes the last one
    opened; a delimiter that pairs with nothing is left out (it is text)."""
    marks: dict[int, object] = {}
    stack: list[tuple[int, str]] = []
    for i in range(1, len(parts), 2):
        part = parts[i]
        if part.startswith(("`", "<")) or part.endswith("\n") or part == "|" and table:
            marks[i] = "keep"
        elif part in ("[", "!["):
            stack.append((i, part))
        elif part.startswith("]"):
            if stack and stack[-1][1] in ("[", "!["):
                j, opening = stack.pop()
                if opening == "![":       # an image: its alt text is a text of its own
                    marks[j] = marks[i] = "keep"
                else:
                    marks[j], marks[i] = _Mark("[", part, True), None
        elif part[0] in "*_":
            after, before = parts[i + 1][:1], parts[i - 1][-1:]
            if stack and stack[-1][1] == part and not before.isspace():
                j, _ = stack.pop()
                marks[j], marks[i] = _Mark(part, part, False), None
            elif not after.isspace():
                stack.append((i, part))
    return marks


def _markdown_text(tokens: Sequence[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The block's Markdown, and the spans no line may break inside: links, inline code,
    HTML tags and images' marks (a hard line break is a line end of its own)."""
    out = ""
    protected: list[tuple[int, int]] = []
    links: list[int] = []
    pending = ""                 # spaces after a text, written after the wrappers it ends
    for closing, opening, token in transitions(tokens):
        for mark in closing:
            out += mark.closing
            if mark.link:
                protected.append((links.pop(), len(out)))
        text = "" if token is None else token.item if token.item is not None else token.text
        is_text = token is not None and token.item is None
        core = text.strip() if is_text else text
        lead = text[:len(text) - len(text.lstrip())] if core and is_text else "" if core else text
        out += pending + lead
        for mark in opening:
            links += [len(out)] if mark.link else []
            out += mark.opening
        if not is_text and not core.endswith("\n"):
            protected.append((len(out), len(out) + len(core)))
        out += core
        pending = text[len(lead) + len(core):] if core else ""
    return out + pending, protected


# --------------------------------------------------------------------------- html

# inside a sentence: their text is the sentence's; anything else (code, a line break, an image, a
# block) is kept as it is and ends a text
_INLINE = {"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font",
           "i", "ins", "label", "mark", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time",
           "tt", "u"}
_SKIP_HTML = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea"}
_INLINE_CODE = {"code", "kbd", "samp", "var"}


def translate_html(root, translate: TranslateTexts) -> None:
    """Translate the texts of the lxml tree ``root`` in place, block by block."""
    blocks = [el for el in root.iter() if isinstance(el.tag, str) and el.tag not in _INLINE
              and el.tag not in _SKIP_HTML and not any(a.tag in _SKIP_HTML for a in el.iterancestors())]
    tokens = [_html_tokens(block) for block in blocks]
    for block, new in zip(blocks, translate_blocks(tokens, translate, lambda el: el.tag == "a")):
        if new is not None:
            _html_rebuild(block, new)


def _html_tokens(block) -> list[Token]:
    tokens: list[Token] = []

    def walk(element, path: tuple) -> None:
        if element.text:
            tokens.append(Token(path, element.text))
        for child in element:
            if isinstance(child.tag, str) and child.tag in _INLINE:
                walk(child, path + (child,))
            elif isinstance(child.tag, str) and child.tag in _INLINE_CODE:    # stays inside its sentence
                tokens.append(Token(path, _code_span(child.text_content()), child))
            else:                 # a comment, a script, a line break, an image, a nested block
                tokens.append(Token(path, None, child))
            if child.tail:
                tokens.append(Token(path, child.tail))

    walk(block, ())
    return breaks_inside_sentences(tokens, lambda item: getattr(item, "tag", None) == "br")


def _code_span(code: str) -> str:
    """``code`` as a Markdown code span, as the engine and Review see inline code."""
    ticks = "`" * (max(map(len, re.findall("`+", code)), default=0) + 1)
    return f"{ticks} {code} {ticks}" if "`" in code else f"{ticks}{code}{ticks}"


def _html_rebuild(block, tokens: Sequence[Token]) -> None:
    """The block's content made again from ``tokens``: texts and kept items inside copies of
    their inline elements (a second copy of one element without its id)."""
    block.text = None
    for child in list(block):
        block.remove(child)
    copied: set[int] = set()
    stack = [block]
    for closing, opening, token in transitions(tokens):
        del stack[len(stack) - len(closing):]
        for original in opening:
            attributes = dict(original.attrib)
            if id(original) in copied:
                attributes.pop("id", None)
            copied.add(id(original))
            stack.append(original.makeelement(original.tag, attributes))
            stack[-2].append(stack[-1])
        if token is not None and token.item is None:
            _append_text(stack[-1], token.text)
        elif token is not None:
            token.item.tail = None
            stack[-1].append(token.item)


def _append_text(element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
