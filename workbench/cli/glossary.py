"""`workbench glossary import|export|list|show|history|find|check|candidates`."""

from __future__ import annotations

import sys

from workbench.cli.context import action_parsers, print_json, print_table
from workbench.errors import InputError, NotFoundError


def register(sub) -> None:
    gs = action_parsers(sub, "glossary", help="the shared glossary: import, export, search, check, candidates")

    p = gs.add_parser("import", help="import a .toml, .tbx, .csv (all languages) or .tsv (OmegaT) file")
    p.add_argument("file")
    p.add_argument("--src", help="source language of an OmegaT .tsv file")
    p.add_argument("--tgt", help="target language of an OmegaT .tsv file")
    p.add_argument("--dry-run", action="store_true",
                   help="only report what would be added, changed, conflicting or unchanged")
    p.set_defaults(handler=cmd_import)

    p = gs.add_parser("export", help="export to .toml, .tbx, .csv or .tsv (default: the shared glossary file)")
    p.add_argument("file", nargs="?", help="output file; the format comes from the extension")
    p.add_argument("--src", help="source language (OmegaT .tsv; TBX: the file's language, in v2 each entry's first)")
    p.add_argument("--tgt", help="target language (OmegaT .tsv; TBX v2: each entry's second language)")
    p.add_argument("--tbx-version", choices=("v3", "v2"), default="v3",
                   help="TBX dialect: v3 (TBX-Basic, ISO 30042:2019; default) or v2 (martif: what OmegaT, "
                        "Weblate and translate-toolkit read)")
    p.set_defaults(handler=cmd_export)

    p = gs.add_parser("list", help="list concepts, with filters")
    p.add_argument("--search", default="", help="text in an id, definition or term")
    p.add_argument("--lang", help="only concepts with terms in this language (and search only those)")
    p.add_argument("--status", choices=("draft", "approved"))
    p.add_argument("--subject")
    p.add_argument("--term-status", choices=("preferred", "admitted", "deprecated", "forbidden"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = gs.add_parser("show", help="show one concept")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = gs.add_parser("history", help="the change history of a concept (or of the whole glossary)")
    p.add_argument("id", nargs="?")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    p = gs.add_parser("find", help="find glossary terms in a text (inflected forms included)")
    p.add_argument("text", help="the text, or - to read it from standard input")
    p.add_argument("--lang", required=True, help="language of the text")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_find)

    p = gs.add_parser("check", help="term QA of a source text and its translation")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--src", required=True, help="source language")
    p.add_argument("--tgt", required=True, help="target language")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)

    p = gs.add_parser("candidates", help="propose new term pairs from the beads reviewers confirmed")
    p.add_argument("--src", required=True)
    p.add_argument("--tgt", required=True)
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--min-count", type=int, default=2, help="units a pair must share (default 2)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_candidates)


def cmd_import(args, ctx) -> int:
    from workbench.formats.base import ReadLog
    from workbench.glossary.termbase import import_file

    log = ReadLog()
    report = import_file(ctx.store, args.file, user=ctx.settings.user, src_lang=args.src, tgt_lang=args.tgt,
                         dry_run=args.dry_run, log=log)
    print(f"{args.file}: {report.summary()}.")
    for line in report.conflicts:
        print(f"Conflict: {line}")
    for line in log.lines():   # what the reader mapped or kept as notes: never a silent loss
        print(f"  {line}")
    return 0


def cmd_export(args, ctx) -> int:
    from workbench.glossary.termbase import export_file, shared_glossary_path

    path = export_file(ctx.store, args.file or shared_glossary_path(ctx.settings), src_lang=args.src,
                       tgt_lang=args.tgt, dialect=args.tbx_version)
    print(f"Wrote {ctx.store.glossary.count()} concepts to {path}.")
    return 0


def cmd_list(args, ctx) -> int:
    from workbench.glossary.termbase import filter_concepts, rows

    concepts = filter_concepts(ctx.store.glossary.current(), args.search, lang=args.lang, status=args.status,
                               subject=args.subject, term_status=args.term_status)
    if args.json:
        print_json(list(concepts))
        return 0
    print_table([[r.id, r.subject, r.status, r.version, r.terms] for r in rows(concepts, args.lang or "en", width=100)],
                ["id", "subject", "status", "v", "terms"])
    return 0


def cmd_show(args, ctx) -> int:
    concept = ctx.store.glossary.get(args.id)
    if args.json:
        print_json(concept)
        return 0
    print(f"{concept.id}  [{concept.subject}, {concept.status}, version {concept.version}]")
    if concept.definition:
        print(f"  {concept.definition}")
    if concept.note:
        print(f"  Note: {concept.note}")
    for t in concept.terms:
        extra = [x for x in (t.pos, t.gender, "name" if t.proper_name else "", t.gloss) if x and x != "noun"]
        print(f"  {t.lang}  {t.text}  ({t.status}{', ' + ', '.join(extra) if extra else ''})"
              + (f" — {t.note}" if t.note else ""))
    return 0


def cmd_history(args, ctx) -> int:
    entries = ctx.store.glossary.history(args.id, limit=args.limit)
    if not entries and args.id and not ctx.store.glossary.exists(args.id):
        raise NotFoundError(f"no glossary concept with id '{args.id}' (and no history under that id)")
    if args.json:
        print_json([{k: v for k, v in e.__dict__.items() if k != "snapshot"} for e in entries])
        return 0
    print_table([[e.at, e.concept_id, e.version, e.action, e.user, e.summary[:80]] for e in entries],
                ["when", "concept", "v", "action", "who", "what"])
    return 0


def cmd_find(args, ctx) -> int:
    from workbench.glossary import TermMatcher

    text = sys.stdin.read() if args.text == "-" else args.text
    matches = TermMatcher(ctx.store.glossary.current(), args.lang).find(text)
    if args.json:
        print_json([{"start": m.start, "end": m.end, "matched": m.matched, "concept_id": m.concept_id,
                     "term": m.term.text, "lang": m.term.lang, "status": m.status, "proper_name": m.proper_name,
                     "compound": m.compound} for m in matches])
        return 0
    if not matches:
        print("No glossary terms found.")
        return 0
    print_table([[f"{m.start}-{m.end}", m.matched, m.term.text, m.concept_id, m.status] for m in matches],
                ["span", "found", "term", "concept", "status"])
    return 0


def cmd_check(args, ctx) -> int:
    """Exit status 1 when a term is missing or a forbidden term is used."""
    from workbench.glossary import check_pair

    glossary = ctx.store.glossary.current()
    findings = check_pair(args.source, args.target, args.src, args.tgt, glossary)
    if args.json:
        print_json(findings)
    elif not findings:
        print("No glossary terms in the source.")
    else:
        for f in findings:
            # Review marks a draft concept's terms apart; the CLI says it in words
            draft = " [draft concept, awaiting a second translator]" \
                if glossary.concept(f.concept_id).status == "draft" else ""
            print(f"{f.kind:9}  {f.message}{draft}")
    return 1 if any(f.kind in ("missing", "forbidden") for f in findings) else 0


def cmd_candidates(args, ctx) -> int:
    from workbench.glossary.candidates import candidates_from_store

    if args.limit < 1 or args.min_count < 1:
        raise InputError("--limit and --min-count must be at least 1")
    found = candidates_from_store(ctx.store, args.src, args.tgt, limit=args.limit, min_count=args.min_count)
    if args.json:
        print_json(found)
        return 0
    if not found:
        print(f"No candidates: too few confirmed {args.src}→{args.tgt} beads share word groups "
              "(confirm beads on the Review page).")
        return 0
    print_table([[c.source, c.target, f"{c.dice:.2f}", f"{c.llr:.1f}", c.together,
                  ", ".join(sorted({s.pair_label for s in c.sources}))[:50]] for c in found],
                ["source", "target", "dice", "llr", "units", "from pairs"])
    return 0
