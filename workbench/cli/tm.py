"""`workbench tm import|export|list`: the translation memory and its exchange files."""

from __future__ import annotations

from workbench.cli.context import action_parsers, print_json, print_table


def register(sub) -> None:
    tm_sub = action_parsers(sub, "tm", help="translation memory: import, export, list")
    p = tm_sub.add_parser("import", help="add the segment pairs of a .tmx, .xlf/.xliff (1.2, 2.x), .csv or "
                                         ".tsv file to the memory (or, with --review, store it for Review)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="src", help="source language (only pairs from it; CSV/TSV without one)")
    p.add_argument("--to", dest="tgt", help="target language (CSV/TSV files that do not name it)")
    p.add_argument("--columns", help="CSV/TSV columns in order: source, target, note, fuzzy, src_lang, "
                                     "tgt_lang, - (skip) or a language code, e.g. 'en,de,note' or '-,source,target'")
    p.add_argument("--review", action="store_true",
                   help="store the file as a document pair aligned segment by segment, to review it, "
                        "instead of adding it to the memory")
    p.set_defaults(handler=cmd_tm_import)
    p = tm_sub.add_parser("export", help="write the memory as .tmx (TMX 1.4b), .xlf (XLIFF 2.0), .csv or .tsv")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--from", dest="src", help="only this source language")
    p.add_argument("--to", dest="tgt", help="only this target language")
    p.add_argument("--xliff-version", choices=("2.0", "1.2"), default="2.0",
                   help="XLIFF version of a .xlf/.xliff file (1.2: notes where translate-toolkit reads them)")
    p.set_defaults(handler=cmd_tm_export)
    p = tm_sub.add_parser("list", help="language pairs in the memory and their unit counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_tm_list)


def cmd_tm_import(args, ctx) -> int:
    if args.review:
        from workbench.bilingual import import_bilingual
        from workbench.files import read_bytes

        done = import_bilingual(ctx.store, read_bytes(args.file, "file"), str(args.file), user=ctx.settings.user,
                                src_lang=args.src, tgt_lang=args.tgt, columns=args.columns)
        print(f"{args.file}: {done.segments} segments stored for review as document pair {done.pair_id}, "
              f"alignment {done.alignment_id}")
    else:
        from workbench.tm import import_file

        done = import_file(ctx.store, args.file, user=ctx.settings.user, src_lang=args.src, tgt_lang=args.tgt,
                           columns=args.columns)
        print(f"{args.file}: {done.added} translation memory units added or updated")
    for line in done.log:
        print(f"  {line}")
    return 0


def cmd_tm_export(args, ctx) -> int:
    from workbench.tm import export_file

    count = export_file(ctx.store, args.file, args.src, args.tgt, xliff_version=args.xliff_version)
    print(f"Wrote {count} translation memory units to {args.file}")
    return 0


def cmd_tm_list(args, ctx) -> int:
    pairs = ctx.store.tm.pairs()
    if args.json:
        print_json([{"src_lang": a, "tgt_lang": b, "units": n} for a, b, n in pairs])
        return 0
    print_table([[a, b, n] for a, b, n in pairs], ["from", "to", "units"])
    return 0
