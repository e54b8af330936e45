"""The one XML parser every XML format (TMX, TBX, XLIFF) reads with.

defusedxml with entity declarations and external references refused (one
message for all of them), a limit on element nesting (a deeply nested file
is an ``Error:`` naming its line, never a ``RecursionError`` in a reader),
and every other parser problem (bad bytes, an unknown ``encoding=``) a
``FormatError`` naming the line and column.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError  # the types; parsing goes through defusedxml

from workbench.errors import FormatError

MAX_DEPTH = 200   # real TMX/TBX/XLIFF files nest fewer than 15 elements deep
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REFUSED = ("refused: the file declares XML entities or refers to external documents (DTD entities, "
           "external references); they are not allowed, as they can exhaust memory or read other files")


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of ``data``; any refusal or parse problem is a FormatError naming ``name``."""
    return parse_xml_lines(data, name)[0]


def parse_xml_lines(data: bytes, name: str) -> tuple[Element, dict[int, int]]:
    """``parse_xml`` and the line each element starts on (by ``id(element)``), for messages."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    lines: dict[int, int] = {}
    _limit_depth(parser, lines)
    try:
        parser.feed(data)
        return parser.close(), lines
    except DefusedXmlException:
        raise FormatError(f"{name}: {REFUSED}") from None
    except _TooDeep as exc:
        raise FormatError(f"{name}: line {exc.line}: elements nested more than {MAX_DEPTH} deep; "
                          "refused (no exchange file nests so deep)") from None
    except ParseError as exc:
        line, col = exc.position
        reason = str(exc).rsplit(": line", 1)[0]
        raise FormatError(f"{name}: line {line}, column {col}: not well-formed XML ({reason})") from None
    except LookupError as exc:  # encoding="x-unknown" in the declaration
        raise FormatError(f"{name}: line 1: {exc} in the XML declaration (use UTF-8)") from None
    except (ValueError, UnicodeError) as exc:
        raise FormatError(f"{name}: cannot be read as XML ({exc})") from None


def _limit_depth(parser, lines: dict[int, int]) -> None:
    """Count open elements (and note their lines) in the expat handlers the parser installed."""
    expat = parser.parser
    start, end = expat.StartElementHandler, expat.EndElementHandler
    depth = [0]

    def on_start(*args):
        depth[0] += 1
        if depth[0] > MAX_DEPTH:
            raise _TooDeep(expat.CurrentLineNumber)
        element = start(*args)
        lines[id(element)] = expat.CurrentLineNumber
        return element

    def on_end(*args):
        depth[0] -= 1
        return end(*args)

    expat.StartElementHandler, expat.EndElementHandler = on_start, on_end


def local(tag) -> str:
    """The tag without its namespace (comments and processing instructions give '')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el, name: str) -> list:
    return [c for c in el if local(c.tag) == name]


def child(el, name: str):
    return next((c for c in el if local(c.tag) == name), None)


def text_of(el) -> str:
    return "" if el is None else "".join(el.itertext())


def inline_text(el, codes: dict[str, str]) -> str:
    """The element's text with inline codes as placeholders: ``codes`` maps a tag to
    'open' (``{1}``), 'close' (``{/1}``), 'alone' (``{1/}``) or 'wrap' (``{1}``text``{/1}``),
    numbered by the code's own id (``i``, ``x``, ``id``, ``rid``, ``startRef``) or its position.
    Other elements (``hi``, ``mrk``, ``sub``) keep their text."""
    parts: list[str] = []
    _flatten(el, codes, parts, [0])
    return "".join(parts)


def _flatten(el, codes: dict[str, str], parts: list[str], count: list[int]) -> None:
    parts.append(el.text or "")
    for sub in el:
        kind = codes.get(local(sub.tag))
        if kind:
            count[0] += 1
            n = next((sub.get(a) for a in ("i", "x", "rid", "startRef", "id") if sub.get(a)), str(count[0]))
            if kind == "wrap":
                parts.append(f"{{{n}}}")
                _flatten(sub, codes, parts, count)
                parts.append(f"{{/{n}}}")
            else:
                parts.append({"open": f"{{{n}}}", "close": f"{{/{n}}}"}.get(kind, f"{{{n}/}}"))
        elif local(sub.tag):
            _flatten(sub, codes, parts, count)
        parts.append(sub.tail or "")
