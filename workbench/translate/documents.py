"""Translate a document inside its own structure: .txt, .md, .html, .docx and .odt.

The approach argos-translate-files takes: the document is not flattened into
text; each run of text is translated where it stands, so headings, lists,
tables, bold and italic spans and links stay what they were. A run is, in a
.docx or .odt, the text of a paragraph outside links and of each link (its
formatting spans joined: a sentence with an italic word is one text, and the
translation is cut back into the spans with the post-edited export's mapping,
``paragraphs.formatted_pieces``: a span whose text survives keeps its format);
in .html a text node, in markdown a span between markup. Runs are split into
sentences, every distinct sentence of the document goes to the engine in one
call, and the translations are put back into the runs.

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
from typing import Callable, Iterator, Mapping, Sequence

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
                        known: Mapping[str, str] | None = None) -> TranslateTexts:
    """A ``TranslateTexts`` that cuts runs into sentences, looks each up in ``known`` (e.g.
    post-edited segments) and sends the distinct others to ``translate_sentences`` in one call;
    the spaces between and around sentences are kept."""
    from workbench.segment import sentence_spans

    def translate(texts: list[str]) -> list[str]:
        whole = {t: known[t] for t in texts if known and t in known}
        spans = [sentence_spans(t, lang) if t.strip() and t not in whole else [] for t in texts]
        longest = max((len(k.split()) for k in known), default=0) if known else 0
        for i, (text, sp) in enumerate(zip(texts, spans)):
            if known and any(text[a:b] not in known for a, b in sp):
                joined = _from_known_pieces(text, known, longest)
                if joined is not None:
                    whole[text], spans[i] = joined, []
        wanted = {t[a:b] for t, sp in zip(texts, spans) for a, b in sp}
        todo = sorted(s for s in wanted if not known or s not in known)
        done = dict(known or {})
        done.update(zip(todo, translate_sentences(todo) if todo else []))
        out = []
        for text, sp in zip(texts, spans):
            if text in whole:
                out.append(whole[text])
                continue
            parts, pos = [], 0
            for a, b in sp:
                parts += [text[pos:a], done[text[a:b]]]
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
            piece = text[words[i].start():words[j - 1].end()]
            if rest[j] is not None and piece in known:
                gap = text[words[j - 1].end():words[j].start()] if j < len(words) else ""
                rest[i] = known[piece] + gap + rest[j]
                break
    if rest[0] is None:
        return None
    return text[:words[0].start()] + rest[0] + text[words[-1].end():]


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


_MD_PREFIX = re.compile(r"^(\s*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)*)")
# inline markup kept as it is: code, link targets, images' and links' brackets, emphasis, HTML tags
_MD_MARKUP = re.compile(r"(`[^`\n]*`|\]\([^)\n]*\)|!?\[|\*{1,3}|_{1,3}(?=\W|$)|(?<![\w])_{1,3}|<[^>\n]+>)")


def _markdown(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    lines = _decode(data, name).split("\n")
    pieces: list[tuple[int, int]] = []      # (line, token) of each text token
    tokens: list[list[str]] = []
    fence = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or line.lstrip().startswith(("```", "~~~")) or not line.strip():
            tokens.append([line])
            continue
        prefix = _MD_PREFIX.match(line).group(1)
        parts = [prefix, *_MD_MARKUP.split(line[len(prefix):])]
        tokens.append(parts)
        pieces += [(n, k) for k in range(1, len(parts), 2)]   # text between the markup
    done = _apply([tokens[n][k] for n, k in pieces], translate)
    for (n, k), text in zip(pieces, done):
        tokens[n][k] = text
    return "\n".join("".join(t) for t in tokens).encode("utf-8")


# --------------------------------------------------------------------------- html

_SKIP_HTML = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea"}


def _html(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=False)
    try:
        tree = lxml.html.document_fromstring(_decode(data, name).encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"{name}: cannot parse the HTML ({exc})") from None
    slots = list(_html_slots(tree))
    done = _apply([getattr(el, attr) for el, attr in slots], translate)
    for (el, attr), text in zip(slots, done):
        setattr(el, attr, text)
    doctype = tree.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    return lxml.html.tostring(tree, doctype=doctype, encoding="utf-8", method="html")


def _html_slots(root) -> Iterator[tuple[object, str]]:
    """(element, 'text' or 'tail') for every text node outside code, scripts and styles."""
    for el in root.iter():
        if not isinstance(el.tag, str):   # comments and processing instructions keep their text
            if el.tail and el.tail.strip():
                yield el, "tail"
            continue
        if el.tag not in _SKIP_HTML and not any(a.tag in _SKIP_HTML for a in el.iterancestors()):
            if el.text and el.text.strip():
                yield el, "text"
        if el is not root and el.tail and el.tail.strip() and not any(
                a.tag in _SKIP_HTML for a in el.iterancestors()):
            yield el, "tail"


# --------------------------------------------------------------------------- docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _docx(data: bytes, name: str, translate: TranslateTexts) -> bytes:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FormatError(f"{name}: not a readable .docx document ({exc})") from None
    groups = [g for p in document.element.body.iter(f"{_W}p") for g in _run_groups(p)]
    done = _apply([_docx_text(g) for g in groups], translate)
    for group, text in zip(groups, done):
        if text != _docx_text(group):
            _write_docx_group(group, text)
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
    done = _apply(["".join(n.data for n in g) for _, g in groups], translate)
    for (block, group), text in zip(groups, done):
        if text != "".join(n.data for n in group):
            _write_odt_group(block, group, text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt_groups(block, node_type) -> list[list]:
    """Text nodes of one paragraph or heading, grouped by their container (the paragraph or
    one link), through spans: a sentence with an italic word is one text. A space, tab or
    line-break element, a note or a frame ends a group; nested paragraphs are their own blocks."""
    groups: list[list] = []
    container_before = None

    def walk(element, container) -> None:
        nonlocal container_before
        for child in element.childNodes:
            if child.nodeType == node_type.TEXT_NODE:
                if container is container_before and groups:
                    groups[-1].append(child)
                else:
                    groups.append([child])
                container_before = container
            elif child.nodeType == node_type.ELEMENT_NODE and child.qname[1] not in ("p", "h"):
                if child.qname[1] != "span":
                    container_before = None
                walk(child, child if child.qname[1] == "a" else container)
                if child.qname[1] != "span":
                    container_before = None

    walk(block, block)
    return [g for g in groups if "".join(n.data for n in g).strip()]


def _write_odt_group(block, group, text: str) -> None:
    """``text`` into new text nodes (in copies of the spans the shared mapping of the post-edited
    export gives them) before the group's first node; the group's nodes are emptied."""
    from workbench.translate.paragraphs import formatted_pieces, odt_child_of, odt_runs, odt_wrapped

    if len(group) == 1:
        group[0].data = text
        return
    container = group[0].parentNode
    while container is not block and container.qname[1] != "a":
        container = container.parentNode
    runs = odt_runs(container, group)
    anchor = odt_child_of(container, group[0])
    for index, piece in formatted_pieces(runs, text):
        container.insertBefore(odt_wrapped(runs[index].key, piece), anchor)
    for node in group:
        node.data = ""


def output_name(name: str, tgt: str) -> str:
    """``report.docx`` -> ``report.es.docx``."""
    path = Path(name)
    return f"{path.stem}.{tgt}{path.suffix}"
