"""`workbench detect FILE` and `workbench detect --lines`: languages of a
document, its paragraphs and the foreign fragments inside them."""

from __future__ import annotations

import sys

from workbench.cli.context import print_json, print_table
from workbench.errors import InputError


def register(sub) -> None:
    p = sub.add_parser(
        "detect", help="language of a file, its paragraphs and the foreign names and terms inside",
        description="Print the document language, the language of each paragraph and the foreign "
                    "spans (names, terms) inside them. With --lines, read one fragment per line on "
                    "standard input and print one ISO 639-1 code per line ('und' when unsure).")
    p.add_argument("file", nargs="?", metavar="FILE", help=".txt, .md, .html, .pdf, .docx or .odt file")
    p.add_argument("--doc", type=int, metavar="ID", help="a stored document instead of a file")
    p.add_argument("--lines", action="store_true", help="read fragments from stdin, one per line")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--candidates", metavar="CODES",
                   help="comma-separated candidate languages (default: en,es,de,tr,fr,it,pt,eo)")
    p.add_argument("--lang", metavar="CODE", help="the document's main language (default: detect)")
    p.add_argument("--glossary", metavar="TOML",
                   help="a glossary file whose terms and names have known languages "
                        "(default: the store's glossary)")
    p.add_argument("--no-glossary", action="store_true", help="use no glossary at all")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                   help="with --lines: print 'und' below this confidence (default 0: the best "
                        "language always; 'und' only for tokens that are no word, such as Xft)")
    p.set_defaults(handler=cmd_detect)


def cmd_detect(args, ctx) -> int:
    from workbench import langid

    candidates = langid.candidate_set(args.candidates)
    if args.lines:
        if args.file or args.doc is not None:
            raise InputError("detect --lines reads standard input; give no FILE or --doc")
        for code in langid.lines_languages(sys.stdin, candidates, args.min_confidence):
            print(code)
        return 0
    if (args.file is None) == (args.doc is None):
        raise InputError("detect: give one FILE, or --doc ID, or --lines")
    glossary = _glossary(args, ctx)
    if args.doc is not None:
        doc = ctx.store.documents.get(args.doc)
        name = f"document {args.doc}"
    else:
        from workbench.ingest import ingest_file

        doc = ingest_file(args.file)
        name = args.file
    report = langid.analyse_paragraphs([p.text for p in doc.paragraphs], candidates, glossary, args.lang)
    if args.json:
        print_json(_report_json(name, report))
        return 0
    alternatives = ", ".join(f"{lang} {conf:.2f}" for lang, conf in report.alternatives if conf >= 0.01)
    print(f"{name}: {report.lang} (confidence {report.confidence:.2f}"
          + (f"; then {alternatives}" if alternatives else "") + ")")
    print()
    print_table([[p.index, p.lang, f"{p.confidence:.2f}", len(p.spans), _short(p.text)]
                 for p in report.paragraphs], ["para", "lang", "conf", "spans", "text"])
    print()
    if not report.spans:
        print("No foreign spans found.")
        return 0
    print_table([[index, f"{s.start}-{s.end}", s.lang, f"{s.confidence:.2f}", s.text]
                 for index, s in report.spans], ["para", "chars", "lang", "conf", "span"])
    return 0


def _glossary(args, ctx):
    """The glossary whose terms and names have known languages: a file
    given, else the store's (shared and personal terms), else none."""
    if args.no_glossary:
        if args.glossary:
            raise InputError("detect: give --glossary or --no-glossary, not both")
        return None
    if args.glossary:
        from workbench.glossary import load_glossary

        return load_glossary(args.glossary)
    return ctx.store.glossary.current()


def _report_json(name: str, report) -> dict:
    return {
        "source": name,
        "lang": report.lang,
        "confidence": report.confidence,
        "alternatives": [{"lang": lang, "confidence": conf} for lang, conf in report.alternatives],
        "paragraphs": [{"index": p.index, "lang": p.lang, "confidence": p.confidence,
                        "spans": len(p.spans), "text": p.text} for p in report.paragraphs],
        "spans": [{"paragraph": index, "start": s.start, "end": s.end, "text": s.text, "lang": s.lang,
                   "confidence": s.confidence} for index, s in report.spans],
    }


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
