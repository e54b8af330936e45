"""TMX 1.4b translation memories: write aligned units, read existing ones.

Writing produces a valid TMX 1.4b document (header with ``srclang``,
``creationtool``, ``segtype``, ``o-tmf``, ``adminlang``, ``datatype``; each
``tu`` with ``tuid``, ``creationdate``, ``creationid``, ``prop`` elements and
one ``tuv``/``seg`` per language). Files are written to a temporary file and
renamed, so a failed export never leaves half a file.

Reading uses defusedxml (no entity expansion, no external entities). Inline
markup inside ``seg`` is flattened: ``bpt``/``ept``/``ph``/``it`` hold native
codes of the original format and are dropped, the text of ``hi``/``sub`` and
all text between the codes is kept. TMX 1.1 ``lang`` attributes are accepted.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Iterable
from xml.sax.saxutils import escape, quoteattr

from workbench import __version__
from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODES = {"bpt", "ept", "ph", "it", "ut"}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TMX_DATE = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit: text per language (``{"en": …, "es": …}``) and props."""

    segments: dict[str, str]
    props: dict[str, str] = field(default_factory=dict)
    tuid: str | None = None
    creationdate: str | None = None  # ISO 8601, UTC
    creationid: str | None = None
    changedate: str | None = None
    changeid: str | None = None

    def text(self, lang: str) -> str | None:
        """The segment for ``lang``; ``"en"`` also finds ``"en-GB"`` and the reverse."""
        if lang in self.segments:
            return self.segments[lang]
        base = lang.lower().split("-")[0]
        for code, text in self.segments.items():
            if code.lower().split("-")[0] == base:
                return text
        return None


def write_tmx(units: Iterable[TmxUnit], path_or_file: str | os.PathLike | IO[str], srclang: str, *,
              creationdate: str | None = None) -> int:
    """Write ``units`` as TMX 1.4b; returns the number of units written.

    ``creationdate`` (ISO 8601 or TMX's form) dates the header and the units that carry no
    date of their own; without it the current time is used. A fixed date makes the same
    units give the same bytes."""
    if not srclang or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|\*all\*", srclang):
        raise InputError(f"TMX srclang must be a language code like 'en' or 'en-GB', not {srclang!r}")
    stamp = (_tmx_date(creationdate, "header") if creationdate
             else datetime.now(timezone.utc).strftime(_TMX_DATE))
    buffer = io.StringIO()
    count = _write(units, buffer, srclang, stamp)
    if hasattr(path_or_file, "write"):
        path_or_file.write(buffer.getvalue())
        return count
    write_text_atomic(path_or_file, buffer.getvalue())
    return count


def _write(units: Iterable[TmxUnit], out: IO[str], srclang: str, now: str) -> int:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    out.write(f'  <header creationtool="workbench" creationtoolversion={quoteattr(__version__)} '
              f'segtype="sentence" o-tmf="workbench" adminlang="en" srclang={quoteattr(srclang)} '
              f'datatype="plaintext" creationdate="{now}"/>\n  <body>\n')
    count = 0
    for n, unit in enumerate(units, start=1):
        where = f"unit {unit.tuid or n}"
        if not unit.segments:
            raise InputError(f"{where}: a translation unit needs at least one segment")
        attrs = ""
        if unit.tuid is not None:
            attrs += f" tuid={quoteattr(_clean(str(unit.tuid), where, 'tuid'))}"
        attrs += f' creationdate="{_tmx_date(unit.creationdate, where) if unit.creationdate else now}"'
        if unit.creationid:
            attrs += f" creationid={quoteattr(_clean(unit.creationid, where, 'creationid'))}"
        if unit.changedate:
            attrs += f' changedate="{_tmx_date(unit.changedate, where)}"'
        if unit.changeid:
            attrs += f" changeid={quoteattr(_clean(unit.changeid, where, 'changeid'))}"
        out.write(f"    <tu{attrs}>\n")
        for key, value in unit.props.items():
            out.write(f"      <prop type={quoteattr(_clean(str(key), where, 'prop'))}>"
                      f"{escape(_clean(str(value), where, 'prop ' + str(key)))}</prop>\n")
        for lang, text in unit.segments.items():
            out.write(f"      <tuv xml:lang={quoteattr(lang)}><seg>"
                      f"{escape(_clean(text, where, 'segment ' + lang))}</seg></tuv>\n")
        out.write("    </tu>\n")
        count += 1
    out.write("  </body>\n</tmx>\n")
    return count


def _clean(text: str, where: str, what: str) -> str:
    m = _INVALID_XML.search(text)
    if m:
        raise InputError(f"{where}: {what} contains the control character U+{ord(m.group()):04X}, "
                         "which XML cannot hold")
    return text


def _tmx_date(value: str, where: str) -> str:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        try:
            dt = datetime.strptime(value, _TMX_DATE).replace(tzinfo=timezone.utc)
        except ValueError:
            raise InputError(f"{where}: date {value!r} is neither ISO 8601 nor TMX's YYYYMMDDThhmmssZ") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime(_TMX_DATE)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _TMX_DATE).replace(tzinfo=timezone.utc).isoformat()
    except ValueError:
        return value


def read_tmx(path: str | os.PathLike | IO[bytes]) -> list[TmxUnit]:
    """Read every ``tu`` of a TMX file (1.1 to 1.4b)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    name = getattr(path, "name", None) or str(path)
    try:
        root = ElementTree.parse(path).getroot()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except ElementTree.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise FormatError(f"{name}: line {line}, column {col}: not well-formed XML") from exc
    except DefusedXmlException as exc:
        raise FormatError(f"{name}: refused unsafe XML ({type(exc).__name__})") from exc
    if _local(root.tag) != "tmx":
        raise FormatError(f"{name}: the root element is <{_local(root.tag)}>, not <tmx>")
    body = next((el for el in root if _local(el.tag) == "body"), None)
    if body is None:
        raise FormatError(f"{name}: no <body> element")
    units = []
    for n, tu in enumerate((el for el in body if _local(el.tag) == "tu"), start=1):
        units.append(_unit(tu, f"{name}: tu {n}"))
    return units


def _unit(tu, where: str) -> TmxUnit:
    segments: dict[str, str] = {}
    props: dict[str, str] = {}
    for child in tu:
        tag = _local(child.tag)
        if tag == "prop":
            props[child.get("type", "")] = child.text or ""
        elif tag == "tuv":
            lang = child.get(XML_LANG) or child.get("lang")
            if not lang:
                raise FormatError(f"{where}: <tuv> without xml:lang")
            seg = next((el for el in child if _local(el.tag) == "seg"), None)
            if seg is None:
                raise FormatError(f"{where}: <tuv xml:lang=\"{lang}\"> without <seg>")
            segments[lang] = _seg_text(seg)
    return TmxUnit(segments=segments, props=props, tuid=tu.get("tuid"),
                   creationdate=_iso_date(tu.get("creationdate")), creationid=tu.get("creationid"),
                   changedate=_iso_date(tu.get("changedate")), changeid=tu.get("changeid"))


def _seg_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        if _local(child.tag) not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
