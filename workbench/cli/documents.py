"""`workbench ingest`, `workbench docs list|show`, `workbench demo load`."""

from __future__ import annotations

from workbench.cli.context import action_parsers, language_code, print_json, print_table


def register(sub) -> None:
    p = sub.add_parser("ingest", help="clean text files and store them as documents")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .md, .html, .pdf, .docx or .odt files")
    p.add_argument("--lang", type=language_code, help="language of the files (default: detect)")
    p.add_argument("--json", action="store_true", help="print the stored documents as JSON")
    p.set_defaults(handler=cmd_ingest)

    docs_sub = action_parsers(sub, "docs", help="list and show stored documents")
    p = docs_sub.add_parser("list", help="list stored documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_docs_list)
    p = docs_sub.add_parser("show", help="show a document's paragraphs")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_docs_show)

    demo_sub = action_parsers(sub, "demo", help="the bundled demo corpus")
    p = demo_sub.add_parser("load", help="load the demo corpus described by corpus/manifest.json")
    p.set_defaults(handler=cmd_demo_load)


def cmd_ingest(args, ctx) -> int:
    from workbench.library import ingest_files

    results = ingest_files(ctx.store, args.files, lang=args.lang, user=ctx.settings.user)
    if args.json:
        print_json([_document_json(ctx.store.documents.get(r.document_id), r.created) for r in results])
        return 0
    for r in results:
        state = "stored" if r.created else "already stored"
        print(f"{r.document.source_name}: {state} as document {r.document_id} "
              f"({len(r.document.paragraphs)} paragraphs, language {r.lang or 'unknown'})")
    return 0


def cmd_docs_list(args, ctx) -> int:
    docs = ctx.store.documents.list()
    if args.json:
        print_json(docs)
        return 0
    print_table([[d.id, d.lang or "?", d.paragraph_count, d.title[:60], d.source_name] for d in docs],
                ["id", "lang", "paras", "title", "file"])
    return 0


def cmd_docs_show(args, ctx) -> int:
    doc = ctx.store.documents.get(args.id)
    if args.json:
        print_json(_document_json(doc))
        return 0
    print(f"{doc.title}  [{doc.lang or '?'}]  {doc.source_name}")
    for p in doc.paragraphs:
        mark = {"heading": "#", "separator": "-"}.get(p.kind, " ")
        print(f"{p.index:4d} {mark} {p.text}")
    return 0


def cmd_demo_load(args, ctx) -> int:
    from workbench.demo import load_demo

    report = load_demo(ctx.store, ctx.settings)
    print(f"Demo corpus: {report.documents_added} documents added, {report.documents_present} already "
          f"present, {report.pairs} translation pairs.")
    return 0


def _document_json(doc, created: bool | None = None) -> dict:
    out = {"id": doc.id, "title": doc.title, "lang": doc.lang, "source_name": doc.source_name,
           "encoding": doc.encoding, "repairs": list(doc.repairs),
           "paragraphs": [{"index": p.index, "kind": p.kind, "level": p.level, "lang": p.lang,
                           "text": p.text} for p in doc.paragraphs]}
    if created is not None:
        out["created"] = created
    return out
