"""`workbench alignments list|show|export|realign|undo`: the stored alignments.

Its own module so that `workbench align` builds none of these parsers (each argparse parser
looks up its help texts' translations: ~0.8 ms a parser, six of them here)."""

from __future__ import annotations

from pathlib import Path

from workbench.cli.align import FORMATS
from workbench.cli.context import action_parsers, print_json, print_table


def register(sub) -> None:
    a_sub = action_parsers(sub, "alignments", help="stored alignments: list, show, export, realign, undo")
    q = a_sub.add_parser("list", help="list stored alignments with their review progress")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_list)
    q = a_sub.add_parser("show", help="show the beads of an alignment")
    q.add_argument("id", type=int)
    q.add_argument("--filter", default="all", help="all, unreviewed, low confidence, needs review, accepted")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=cmd_show)
    q = a_sub.add_parser("export", help="export the accepted beads (or all with --all)")
    q.add_argument("id", type=int)
    q.add_argument("--format", choices=FORMATS, default="tmx")
    q.add_argument("--output", "-o", required=True)
    q.add_argument("--all", action="store_true", help="export every bead, not only accepted ones")
    q.set_defaults(handler=cmd_export)
    q = a_sub.add_parser("realign", help="align again, keeping every bead a human touched")
    q.add_argument("id", type=int)
    q.set_defaults(handler=cmd_realign)
    q = a_sub.add_parser("undo", help="undo the latest review action")
    q.add_argument("id", type=int)
    q.set_defaults(handler=cmd_undo)


def cmd_list(args, ctx) -> int:
    rows = ctx.store.alignments.list()
    if args.json:
        print_json(rows)
        return 0
    print_table([[a.id, a.unit, f"{a.src_lang}-{a.tgt_lang}", a.beads, f"{a.reviewed}/{a.beads}", a.title[:60]]
                 for a in rows], ["id", "unit", "langs", "beads", "reviewed", "title"])
    return 0


def cmd_show(args, ctx) -> int:
    from workbench import review

    record = ctx.store.alignments.get(args.id)
    texts = review.bead_texts(record, ctx.store.alignments.beads(args.id, status=args.filter))
    if args.json:
        print_json(review.alignment_json(record, texts))
        return 0
    # what the page says of each bead's score: "MT" or "file" (no alignment confidence: their 1.0
    # read as sure), "only in source/target" (the aligner's 0.97 that it has no counterpart read
    # as a sure pair), else the confidence
    scores = [review.paired_by(record) or review.one_side(t.bead) or f"{t.bead.confidence:.2f}" for t in texts]
    width = max([4, *map(len, scores)])
    for t, score in zip(texts, scores):
        b = t.bead
        open_ = b.status not in ("accepted", "unaligned")
        flag = "!" if open_ and (b.needs_review or review.one_side(b)) else " "
        print(f"{b.position:5d} {flag} {b.kind:4s} {score:{width}s} {b.status:9s} {t.source[:60]!s}  ||  "
              f"{t.target[:60]}")
    return 0


def cmd_export(args, ctx) -> int:
    from workbench import review

    n = review.export_alignment(ctx.store, args.id, Path(args.output), args.format, accepted_only=not args.all)
    print(f"Wrote {n} beads to {args.output}.")
    return 0


def cmd_realign(args, ctx) -> int:
    from workbench import review

    kept = review.realign(ctx.store, args.id, ctx.settings.user)
    print(f"Alignment {args.id} aligned again; {kept} reviewed beads kept as they were.")
    return 0


def cmd_undo(args, ctx) -> int:
    from workbench import review

    entry = review.undo(ctx.store, args.id, ctx.settings.user)
    print(f"Undone: {entry.action} ({entry.detail}) by {entry.user} at {entry.at}." if entry
          else "Nothing to undo.")
    return 0
