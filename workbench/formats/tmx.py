"""TMX 1.4b translation memories: write aligned units, read existing ones.

Writing produces a valid TMX 1.4b document (header with ``srclang``,
``creationtool``, ``segtype``, ``o-tmf``, ``adminlang``, ``datatype``; each
``tu`` with ``tuid``, ``creationdate``, ``creationid``, ``prop`` elements and
one ``tuv``/``seg`` per language). Files are written to a temporary file and
renamed, so a failed export never leaves half a file.

Reading uses the safe XML parser (``xmlsafe``). Inline codes inside ``seg``
(``bpt``/``ept``/``ph``/``it``/``ut``, native codes of the original format) become
placeholders ``{1}``, ``{/1}``, ``{2/}`` numbered by their ``i``/``x``; writing turns
such placeholders back into ``bpt``/``ept``/``ph`` elements, so a TM keeps where
the codes were. The text of ``hi``/``sub`` is kept. TMX 1.1 ``lang`` attributes
are accepted.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import IO, Iterable

from workbench import __version__
from workbench.errors import FormatError, InputError
from workbench.files import write_text_atomic
from workbench.formats.base import PairsFile, ReadLog
from workbench.formats.xmlsafe import XML_LANG, child, children, inline_text, local, parse_xml

_PLACEHOLDER = re.compile(r"\{(/?)(\d{1,4})(/?)\}")
_CODES = {"bpt": "open", "ept": "close", "ph": "alone", "it": "alone", "ut": "alone"}
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
              creationdate: str | None = None, segtype: str = "sentence") -> int:
    """Write ``units`` as TMX 1.4b; returns the number of units written.

    ``creationdate`` (ISO 8601 or TMX's form) dates the header and the units that carry no
    date of their own; without it the current time is used. A fixed date makes the same
    units give the same bytes."""
    if not srclang or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|\*all\*", srclang):
        raise InputError(f"TMX srclang must be a language code like 'en' or 'en-GB', not {srclang!r}")
    stamp = (_tmx_date(creationdate, "header") if creationdate
             else datetime.now(timezone.utc).strftime(_TMX_DATE))
    buffer = io.StringIO()
    if segtype not in ("sentence", "paragraph", "phrase", "block"):
        raise InputError(f"TMX segtype must be sentence, paragraph, phrase or block, not {segtype!r}")
    count = _write(units, buffer, srclang, stamp, segtype)
    if hasattr(path_or_file, "write"):
        path_or_file.write(buffer.getvalue())
        return count
    write_text_atomic(path_or_file, buffer.getvalue())
    return count


def _write(units: Iterable[TmxUnit], out: IO[str], srclang: str, now: str, segtype: str = "sentence") -> int:
    # here, not at the top: saxutils imports urllib.request (~0.03 s), and XLIFF uses this module
    from xml.sax.saxutils import escape, quoteattr

    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    out.write(f'  <header creationtool="workbench" creationtoolversion={quoteattr(__version__)} '
              f'segtype={quoteattr(segtype)} o-tmf="workbench" adminlang="en" srclang={quoteattr(srclang)} '
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
                      f"{_inline_xml(_clean(text, where, 'segment ' + lang))}</seg></tuv>\n")
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
    """Every ``tu`` of a TMX file (1.1 to 1.4b)."""
    from workbench.files import read_bytes

    name = getattr(path, "name", None) or str(path)
    data = path.read() if hasattr(path, "read") else read_bytes(path, "TMX file")
    return read_pairs(data, name).units


def read_pairs(data: bytes, name: str, log: ReadLog | None = None, **_options) -> PairsFile:
    """The units of a TMX file with its header's ``srclang`` and ``segtype``. Inline codes
    (``bpt``/``ept``/``ph``/``it``/``ut``) become placeholders: ``{1}`` … ``{/1}`` for a
    paired code, ``{2/}`` for a standalone one."""
    root = parse_xml(data, name)
    if local(root.tag) != "tmx":
        raise FormatError(f"{name}: the root element is <{local(root.tag)}>, not <tmx>")
    header, body = child(root, "header"), child(root, "body")
    if body is None:
        raise FormatError(f"{name}: no <body> element")
    units = [_unit(tu, f"{name}: tu {n}") for n, tu in enumerate(children(body, "tu"), start=1)]
    srclang = header.get("srclang") if header is not None else None
    segtype = (header.get("segtype") if header is not None else None) or "sentence"
    codes = sum(len(_PLACEHOLDER.findall(text)) for u in units for text in u.segments.values())
    if log is not None and codes:
        log.note(f"kept {codes} inline codes as placeholders like {{1}}…{{/1}}")
    return PairsFile(units, src_lang=srclang, segtype=segtype)


def write_pairs(pairs: PairsFile, **options) -> str:
    buffer = io.StringIO()
    stamp = options.get("creationdate")
    stamp = _tmx_date(stamp, "header") if stamp else datetime.now(timezone.utc).strftime(_TMX_DATE)
    _write(pairs.units, buffer, pairs.src_lang or "*all*", stamp, pairs.segtype)
    return buffer.getvalue()


def _unit(tu, where: str) -> TmxUnit:
    segments: dict[str, str] = {}
    props: dict[str, str] = {}
    for el in tu:
        tag = local(el.tag)
        if tag == "prop":
            props[el.get("type", "")] = el.text or ""
        elif tag == "tuv":
            lang = el.get(XML_LANG) or el.get("lang")
            if not lang:
                raise FormatError(f"{where}: <tuv> without xml:lang")
            seg = child(el, "seg")
            if seg is None:
                raise FormatError(f"{where}: <tuv xml:lang=\"{lang}\"> without <seg>")
            segments[lang] = _seg_text(seg)
    return TmxUnit(segments=segments, props=props, tuid=tu.get("tuid"),
                   creationdate=_iso_date(tu.get("creationdate")), creationid=tu.get("creationid"),
                   changedate=_iso_date(tu.get("changedate")), changeid=tu.get("changeid"))


def _seg_text(seg) -> str:
    return inline_text(seg, _CODES)


def _inline_xml(text: str) -> str:
    """Escaped segment text with our placeholders written back as TMX inline codes."""
    from xml.sax.saxutils import escape

    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(escape(text[pos:m.start()]))
        closing, n, alone = m.group(1), m.group(2), m.group(3)
        tag = "ph" if alone else ("ept" if closing else "bpt")
        attr = "x" if alone else "i"
        out.append(f'<{tag} {attr}="{n}">{escape(m.group())}</{tag}>')
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)
