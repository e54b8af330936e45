"""Our TBX export against the official TBX-Basic schemas: the TBX core RNG and the
TBX-Basic DCA Schematron (LTAC Global), run with lxml.

    python bench/tbx_basic.py

The schemas are fetched (once, into the git-ignored bench/data/tbx/private/) from the
pinned addresses in bench/data/tbx/SOURCES.txt. The Schematron declares the XSLT 2
query binding, which lxml cannot run; its only XPath 2 expressions are rewritten to
their XPath 1 equivalents before compiling (printed below): ``matches(@target,
'https?://.+')`` becomes a ``starts-with`` test, and ``contains(./local-name(), 'Grp')``
becomes ``contains(local-name(), 'Grp')``. Every other assertion runs as published.

Rows: the official valid example (the checker's control: must pass), our export of the
shared glossary (TBX v3), and the baseline: the same export with the value the exporter
wrote before this change (``partOfSpeech`` ``properNoun`` for proper names).
"""

from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data" / "tbx"
PRIVATE = DATA / "private"
XPATH2 = [
    ("matches(@target,'https?://.+')", "(starts-with(@target,'http://') or starts-with(@target,'https://'))"),
    ("contains(./local-name(),'Grp')", "contains(local-name(),'Grp')"),
    ("not(./local-name() = 'transacGrp')", "not(local-name() = 'transacGrp')"),
    ('queryBinding="xslt2"', 'queryBinding="xslt"'),
]


def fetch() -> dict[str, Path]:
    files = {}
    for url in (line.strip() for line in (DATA / "SOURCES.txt").read_text().splitlines()):
        if not url or url.startswith("#"):
            continue
        path = PRIVATE / url.rsplit("/", 1)[1]
        if not path.exists():
            PRIVATE.mkdir(parents=True, exist_ok=True)
            with urllib.request.urlopen(url, timeout=60) as response:
                path.write_bytes(response.read())
        files[path.suffix] = files.get(path.suffix) or path
    return files


def schematron(path: Path):
    from lxml import etree, isoschematron

    text = path.read_text(encoding="utf-8-sig")
    for old, new in XPATH2:
        if old not in text:
            raise SystemExit(f"{path.name}: expected XPath 2 expression {old!r} not found; check the rewrite")
        text = text.replace(old, new)
    if re.search(r"\bmatches\(|\./local-name\(\)", text):
        raise SystemExit(f"{path.name}: XPath 2 left after the rewrite")
    return isoschematron.Schematron(etree.fromstring(text.encode("utf-8")), store_report=True)


def check(name: str, data: bytes, rng, sch) -> tuple[str, bool, int, list[str]]:
    from lxml import etree

    doc = etree.fromstring(data)
    rng_ok = rng.validate(doc)
    sch.validate(doc)
    ns = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    failed = sch.validation_report.xpath("//svrl:failed-assert/svrl:text/text()", namespaces=ns)
    return name, rng_ok, len(failed), sorted(set(failed))[:3]


def main() -> None:
    from lxml import etree

    from workbench.formats.tbx import dumps_tbx
    from workbench.glossary import load_glossary

    try:
        files = fetch()
    except OSError as exc:   # offline: say so, do not fail `make bench`
        print(f"TBX-Basic schemas not in {PRIVATE} and not fetched ({exc}); skipped")
        return
    rng = etree.RelaxNG(etree.parse(str(files[".rng"])))
    sch = schematron(files[".sch"])
    glossary = load_glossary(ROOT / "glossaries" / "political-terms.toml")
    ours = dumps_tbx(glossary)
    old_style = re.sub(r"(<term>[^<]*</term>\s*<termNote type=\"partOfSpeech\">)noun(</termNote>"
                       r"(?:\s*<termNote[^>]*>[^<]*</termNote>)*(?:\s*<note>[^<]*</note>)*"
                       r"\s*<note>workbench:pos=properNoun</note>)", r"\1properNoun\2", ours)
    print("XPath 2 -> 1 rewrites:", "; ".join(f"{a} -> {b}" for a, b in XPATH2))
    print(f"{'file':48} {'RNG':5} {'Schematron failures':>20}")
    rows = [("official example (control)", files[".tbx"].read_bytes()),
            (f"our TBX-Basic export ({len(glossary)} concepts)", ours.encode("utf-8")),
            ("baseline: export with partOfSpeech=properNoun", old_style.encode("utf-8"))]
    for name, data in rows:
        name, rng_ok, failures, examples = check(name, data, rng, sch)
        print(f"{name:48} {'valid' if rng_ok else 'NO':5} {failures:>20}  {'; '.join(examples)[:120]}")


if __name__ == "__main__":
    main()
