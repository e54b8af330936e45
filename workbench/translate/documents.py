"""Translate a document inside its own structure: .txt, .md, .html, .docx and .odt.

The approach argos-translate-files takes: the document is not flattened into
text; each run of text is translated where it stands, so headings, lists,
tables, bold and italic spans and links stay what they were. A run is, in a
.docx or .odt, the text of a paragraph outside links and of each link (its
formatting spans joined: a sentence with an italic word is one text, and the
translation is cut back into the spans with the post-edited export's mapping,
``paragraphs.formatted_pieces``: a span whose text survives keeps its format;
a space element inside a sentence is a space); in .md and .html a block's text
between kept items such as inline code, emphasis and links included, with the
same mapping (``markup``). Runs are split into sentences, every distinct
sentence of the document goes to the engine in one call, and the translations
are put back into the runs.

``translate_document(data, name, translate)`` takes the file's bytes and a
function that translates a list of texts, and returns the translated file's
bytes in the same format. ``sentence_translator`` builds that function from an
engine (or from known translations, such as a post-edited job's segments).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Callable, Mapping

from workbench.errors import FormatError, InputError

TranslateTexts = Callable[[list[str]], list[str]]
FORMATS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".odt")
IN_PLACE = (".md", ".markdown", ".html", ".htm", ".docx", ".odt")   # a job writes these in their format too
STRUCTURED = (".docx", ".odt")    # not text: a job reads them through their runs


def translate_document(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    """The translated document, same format and structure; ``name`` gives the format."""
    suffix = Path(name).suffix.lower()
    writers = {".txt": _text, ".md": _markdown, ".markdown": _markdown, ".html": _html, ".htm": _html,
               ".docx": _docx, ".odt": _odt}
    if suffix not in writers:
        raise InputError(f"{name}: cannot translate {suffix or 'files without an extension'} in place; "
                         f"use one of {', '.join(FORMATS)}")
    return writers[suffix](data, name, translate)


def sentence_translator(translate_sentences: Callable[[list[str]], list[str]], lang: str | None,
                        known: Mapping[str, str] | None = None, *, inline_code: bool = True) -> TranslateTexts:
    """A ``TranslateTexts`` that cuts runs into sentences, looks each up in ``known`` (e.g.
    post-edited segments) and sends the distinct others to ``translate_sentences`` in one call;
    the spaces between and around sentences are kept. ``inline_code``: whether backticks are
    code spans, kept out of the engine's sight (``inline_code.marks_code`` of the file's name)."""
    from workbench.segment import sentence_spans
    from workbench.translate.inline_code import translate_keeping_code

    # looked up with their spaces collapsed, as a job stores a document's runs
    known = {_spaced(k): v for k, v in known.items()} if known else {}

    def lines_kept(text: str) -> bool:
        """Whether a text broken into lines between its sentences is known sentence by sentence
        too, as the same translation (a post-edited bead): then its line breaks stay."""
        if "\n" not in text:
            return False
        sentences = [_spaced(text[a:b]) for a, b in sentence_spans(text.replace("\n", " "), lang)]
        return len(sentences) > 1 and all(s in known for s in sentences) and \
            " ".join(known[s] for s in sentences) == _spaced(known[_spaced(text)])

    def translate(texts: list[str]) -> list[str]:
        whole = {t: _around(t, known[_spaced(t)]) for t in texts if _spaced(t) in known and not lines_kept(t)}
        # a line break inside a text is a space to the segmenter (it keeps the offsets)
        spans = [sentence_spans(t.replace("\n", " "), lang) if t.strip() and t not in whole else [] for t in texts]
        longest = max((len(k.split()) for k in known), default=0)
        for i, (text, sp) in enumerate(zip(texts, spans)):
            if known and any(_spaced(text[a:b]) not in known for a, b in sp):
                joined = _from_known_pieces(text, known, longest)
                if joined is not None:
                    whole[text], spans[i] = joined, []
        wanted = {_spaced(t[a:b]) for t, sp in zip(texts, spans) for a, b in sp}
        todo = sorted(s for s in wanted if s not in known)
        done = dict(known)
        done.update(zip(todo, translate_keeping_code(translate_sentences, todo, inline_code)))
        out = []
        for text, sp in zip(texts, spans):
            if text in whole:
                out.append(whole[text])
                continue
            parts, pos = [], 0
            for a, b in sp:
                parts += [text[pos:a], done[_spaced(text[a:b])]]
                pos = b
            out.append("".join(parts) + text[pos:])
        return out

    return translate


def _from_known_pieces(text: str, known: Mapping[str, str], longest: int) -> str | None:
    """``text`` translated as known texts one after the other (the spaces between kept), or None:
    a job planned before a paragraph's formatting spans were one text knows the spans."""
    words = list(re.finditer(r"\S+", text))
    if not words or len(words) > 500:
        return None
    rest: list[str | None] = [None] * len(words) + [""]    # rest[i]: words[i:] translated
    for i in range(len(words) - 1, -1, -1):
        for j in range(min(len(words), i + longest), i, -1):     # the longest known piece first
            piece = _spaced(text[words[i].start():words[j - 1].end()])
            if rest[j] is not None and piece in known:
                gap = text[words[j - 1].end():words[j].start()] if j < len(words) else ""
                rest[i] = known[piece] + gap + rest[j]
                break
    if rest[0] is None:
        return None
    return text[:words[0].start()] + rest[0] + text[words[-1].end():]


def _spaced(text: str) -> str:
    """``text`` with every run of whitespace one space (a line break inside a sentence included)."""
    return " ".join(text.split())


def _around(text: str, translation: str) -> str:
    """``translation`` with the spaces that were around ``text``."""
    core = text.strip()
    return text[:text.index(core)] + translation + text[text.index(core) + len(core):] if core else text


def document_runs(data: bytes, name: str) -> list[str]:
    """The runs of text ``translate_document`` would translate, in order (the file is parsed,
    so a damaged file fails here, before anything is stored)."""
    runs: list[str] = []

    def record(texts: list[str]) -> list[str]:
        runs.extend(texts)
        return texts

    translate_document(data, name, record)
    return runs


def engine_sentences(engine, src: str, tgt: str) -> Callable[[list[str]], list[str]]:
    return lambda sentences: [h[0] for h in engine.translate(sentences, src, tgt)]


def _apply(texts: list[str], translate: TranslateTexts) -> list[str]:
    """Translate only the runs with words; whitespace-only runs stay as they are."""
    idx = [i for i, t in enumerate(texts) if t.strip()]
    done = translate([texts[i] for i in idx]) if idx else []
    out = list(texts)
    for i, t in zip(idx, done):
        out[i] = t
    return out


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{name}: not UTF-8 text (byte {exc.start})") from None


# --------------------------------------------------------------------------- text and markdown

def _text(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    parts = re.split(r"(\n[ \t]*\n+)", _decode(data, name))   # paragraphs and the blank lines between
    blocks = parts[0::2]
    done = _apply(blocks, translate)
    parts[0::2] = done
    return "".join(parts).encode("utf-8")


def _markdown(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    from workbench.translate.markup import translate_markdown

    return translate_markdown(_decode(data, name), lambda texts: _apply(texts, translate)).encode("utf-8")


# --------------------------------------------------------------------------- html

def _html(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    import lxml.etree
    import lxml.html

    from workbench.translate.html_verbatim import write_keeping_code
    from workbench.translate.markup import translate_html

    source = _decode(data, name)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=False)
    try:
        tree = lxml.html.document_fromstring(source.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"{name}: cannot parse the HTML ({exc})") from None
    # the parser gives a page without a doctype HTML 4's, which would change how it is shown
    doctype = tree.getroottree().docinfo.doctype if "<!doctype" in source[:2000].lower() else None
    return write_keeping_code(tree, source, lambda root: translate_html(root, lambda texts: _apply(texts, translate)),
                              lambda root: lxml.html.tostring(root, doctype=doctype, encoding="utf-8", method="html"))


# --------------------------------------------------------------------------- docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ODT_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _docx(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from lxml import etree

    from workbench.readers.office import (accept_tracked_changes, docx_note_paragraphs, docx_note_parts,
                                          keep_docx_notes)

    try:
        document = docx.Document(io.BytesIO(data))
        notes = docx_note_parts(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError) as exc:
        raise FormatError(f"{name}: not a readable .docx document ({exc})") from None
    accept_tracked_changes(document.element.body)
    groups = [g for p in document.element.body.iter(f"{_W}p") for g in _run_groups(p)]
    for _, root in notes:  # footnotes, then endnotes: after the body, as ingest reads them
        accept_tracked_changes(root)
        groups += [g for p in docx_note_paragraphs(root) for g in _run_groups(p)]
    done = _apply([_docx_text(g) for g in groups], translate)
    for group, text in zip(groups, done):
        if text != _docx_text(group):
            _write_docx_group(group, text)
    keep_docx_notes(notes)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _run_groups(paragraph) -> list[list]:
    """The runs with text of a paragraph, grouped by their container (the paragraph, or one
    link): a sentence with an italic word is one text, not three. A link, a field's result,
    a tab, a break or a picture ends a group (a run may end in a page break after its text)."""
    groups, parent_before = [], None
    for run in paragraph.iter(f"{_W}r"):
        if run.find(f"{_W}t") is None or _nearest_paragraph(run) is not paragraph:
            parent_before = None
            continue
        before = groups[-1][-1] if groups else None
        if run.getparent() is parent_before and not any(_other_content(before)[1:]) and not any(_other_content(run)[:2]):
            groups[-1].append(run)
        else:
            groups.append([run])
        parent_before = run.getparent()
    return groups


def _other_content(run) -> tuple[list, list, list]:
    """What a run holds besides its text and formatting (a tab, a break, a picture, a field
    mark): before its first text, between its texts, after its last text."""
    children = [child for child in run if child.tag != f"{_W}rPr"]
    texts = [i for i, child in enumerate(children) if child.tag == f"{_W}t"]
    inner = [c for c in children[texts[0]:texts[-1]] if c.tag != f"{_W}t"] if texts else []
    return children[:texts[0]] if texts else children, inner, children[texts[-1] + 1:] if texts else []


def _docx_text(group) -> str:
    return "".join(t.text or "" for run in group for t in run.findall(f"{_W}t"))


def _write_docx_group(group, text: str) -> None:
    """``text`` into the group: a lone run takes it in place (beside its tab, break or picture);
    the runs of a longer group are replaced by new runs, each with the formatting the post-edited
    export's mapping gives it (``paragraphs.formatted_pieces``), between what the first run
    held before its text and what the last one held after it (a page break)."""
    from workbench.translate.paragraphs import FormattedRun, docx_run, formatted_pieces

    if len(group) == 1:
        first, *rest = group[0].findall(f"{_W}t")
        first.text = text
        first.set(_XML_SPACE, "preserve")
        for t in rest:
            t.text = ""
        return
    formats = [FormattedRun(_xml(run.find(f"{_W}rPr")), "".join(t.text or "" for t in run.findall(f"{_W}t")),
                            True) for run in group]
    _set_apart(group[0], _other_content(group[0])[0], before=True)
    _set_apart(group[-1], _other_content(group[-1])[2], before=False)
    for index, piece in formatted_pieces(formats, text):
        group[0].addprevious(docx_run(group[index], piece))
    for run in group:
        run.getparent().remove(run)


def _set_apart(run, children: list, before: bool) -> None:
    """Move ``children`` of ``run`` into a run of their own (same formatting) beside it."""
    if not children:
        return
    apart = run.makeelement(f"{_W}r", {})
    if run.find(f"{_W}rPr") is not None:
        apart.append(copy.deepcopy(run.find(f"{_W}rPr")))
    for child in children:
        apart.append(child)    # lxml moves it
    (run.addprevious if before else run.addnext)(apart)


def _nearest_paragraph(element):
    parent = element.getparent()
    while parent is not None and parent.tag != f"{_W}p":
        parent = parent.getparent()
    return parent


def _xml(element) -> bytes:
    import lxml.etree

    return b"" if element is None else lxml.etree.tostring(element)


# --------------------------------------------------------------------------- odt

def _odt(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    from odf import opendocument, text as odftext
    from odf.element import Node

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises zip, XML and key errors alike
        raise FormatError(f"{name}: not a readable .odt document ({type(exc).__name__}: {exc})") from None
    blocks = document.getElementsByType(odftext.P) + document.getElementsByType(odftext.H)
    groups = [(block, g) for block in blocks for g in _odt_groups(block, Node)]
    done = _apply([_odt_text(g) for _, g in groups], translate)
    for (block, group), text in zip(groups, done):
        if text != _odt_text(group):
            _write_odt_group(block, group, text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_ODT_SPACES = ("s", "soft-page-break")          # inside a sentence: spaces, or nothing
_ODT_LINES = ("tab", "line-break")              # inside a sentence when it goes on after them
SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*\s*$")


def _odt_text(group) -> str:
    """The text of a group of text nodes and space elements (a tab or line break as a space)."""
    def text(node) -> str:
        if node.nodeType == node.TEXT_NODE:
            return node.data
        if node.qname[1] == "s":
            return " " * int(node.getAttrNS(_ODT_TEXT_NS, "c") or 1)
        return "" if node.qname[1] == "soft-page-break" else " "

    return "".join(text(n) for n in group)


def _odt_groups(block, node_type) -> list[list]:
    """Text nodes of one paragraph or heading, grouped by their container (the paragraph or
    one link), through spans: a sentence with an italic word is one text. Space elements and
    soft page breaks stay inside a group; a tab or line break too when the text goes on after
    it in lower case without a sentence ending before it; anything else (a note, a frame, a
    link) ends a group; nested paragraphs are their own blocks."""
    items = _odt_items(block, node_type)
    groups: list[list] = []
    container_before = None
    for k, (node, container) in enumerate(items):
        if node is not None and node.nodeType == node_type.ELEMENT_NODE and node.qname[1] in _ODT_LINES:
            if not (groups and container is container_before and _goes_on(groups[-1], items[k + 1:], container)):
                container_before = None
            elif groups:
                groups[-1].append(node)
        elif node is None:
            container_before = None
        elif container is container_before and groups:
            groups[-1].append(node)
        else:
            groups.append([node])
            container_before = container
    return [g for g in groups if _odt_text(g).strip()]


def _odt_items(block, node_type) -> list[tuple]:
    """(node, its container: the block or a link) of the block's text nodes and space elements
    in order, through spans; (None, None) where something else stands."""
    items: list[tuple] = []

    def walk(element, container) -> None:
        for child in element.childNodes:
            if child.nodeType == node_type.TEXT_NODE:
                items.append((child, container))
            elif child.nodeType != node_type.ELEMENT_NODE or child.qname[1] in ("p", "h"):
                continue
            elif child.qname[1] in _ODT_SPACES + _ODT_LINES:
                items.append((child, container))
            elif child.qname[1] == "span":
                walk(child, container)
            else:
                items.append((None, None))
                walk(child, child if child.qname[1] == "a" else container)
                items.append((None, None))

    walk(block, block)
    return items


def _goes_on(group, after, container) -> bool:
    """Whether the sentence of ``group`` goes on after a tab or line break: no sentence ends
    before it, and the text after it (in the same container) starts in lower case."""
    following = []
    for node, where in after:
        if node is None or where is not container or node.nodeType != node.TEXT_NODE and node.qname[1] in _ODT_LINES:
            break
        following.append(node)
    rest = _odt_text(following).lstrip()
    return bool(_odt_text(group).strip()) and not SENTENCE_END.search(_odt_text(group)) and rest[:1].islower()


def _write_odt_group(block, group, text: str) -> None:
    """``text`` into new text nodes (in copies of the spans the shared mapping of the post-edited
    export gives them) before the group's first node; the group's text nodes are emptied, its
    space elements removed (their spaces are in ``text``), and a tab or line break inside it put
    back after the word it followed (or before the word it preceded) when that word is still
    there, once, else removed (the sentence runs on over it)."""
    from workbench.translate.paragraphs import formatted_pieces, odt_child_of, odt_runs, odt_wrapped

    if len(group) == 1:
        group[0].data = text
        return
    container = group[0].parentNode
    while container is not block and container.qname[1] != "a":
        container = container.parentNode
    texts = [n for n in group if n.nodeType == n.TEXT_NODE]
    runs = odt_runs(container, texts)
    anchor = odt_child_of(container, group[0])
    cuts = _line_cuts(group, text)
    at = 0
    for index, piece in formatted_pieces(runs, text):
        for start, end, element in [c for c in cuts if at <= c[0] < at + len(piece)]:
            container.insertBefore(odt_wrapped(runs[index].key, piece[:start - at]), anchor)
            element.parentNode.removeChild(element)
            container.insertBefore(element, anchor)
            piece, at = piece[end - at:], end
        if piece:
            container.insertBefore(odt_wrapped(runs[index].key, piece), anchor)
        at += len(piece)
    for node in group:
        if node.nodeType == node.TEXT_NODE:
            node.data = ""
        elif node.parentNode is not None and node.qname[1] in _ODT_SPACES + _ODT_LINES and \
                not any(node is element for _, _, element in cuts):
            node.parentNode.removeChild(node)


def _line_cuts(group, text: str) -> list[tuple[int, int, object]]:
    """(start, end, element): where each tab or line break of ``group`` goes in ``text``, the
    spaces from start to end replaced by it; a break whose neighbouring words are gone is left out."""
    from workbench.translate.markup import neighbour_cut

    cuts = []
    for k, node in enumerate(group):
        if node.nodeType == node.TEXT_NODE or node.qname[1] not in _ODT_LINES:
            continue
        before = _odt_text(group[:k]).split()
        after = _odt_text(group[k + 1:]).split()
        cut = neighbour_cut(text, before[-1] if before else "", after[0] if after else "", cuts)
        if cut is not None:
            cuts.append((*cut, node))
    return sorted(cuts, key=lambda c: c[0])


def output_name(name: str, tgt: str) -> str:
    """``report.docx`` -> ``report.es.docx``."""
    path = Path(name)
    return f"{path.stem}.{tgt}{path.suffix}"
