"""`workbench align SRC TGT` (the stored alignments: ``cli.alignments``)."""

from __future__ import annotations

import gc
import re
import sys
from contextlib import contextmanager

from workbench.cli.context import language_code
from workbench.errors import InputError

FORMATS = ("beads", "json", "tmx", "csv")


def register(sub) -> None:
    p = sub.add_parser("align", help="align two documents (files or stored document ids) and store the result")
    p.add_argument("source", metavar="SRC", nargs="?", help="source file, or the id of a stored document")
    p.add_argument("target", metavar="TGT", nargs="?", help="target file, or the id of a stored document")
    p.add_argument("--pairs", metavar="PAIRS.tsv",
                   help="instead of SRC TGT: align every pair of this file (source path, a tab, target path a "
                        "line), each stored as it is done; a rerun skips the pairs already stored")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="with --pairs: align on a Dask cluster, tcp://HOST:PORT of its scheduler, or local:N "
                        "to start N worker processes here")
    p.add_argument("--src-lang", type=language_code, help="source language (default: the stored or detected one)")
    p.add_argument("--tgt-lang", type=language_code, help="target language (default: the stored or detected one)")
    p.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph")
    p.add_argument("--presegmented", action="store_true",
                   help="inputs hold one segment per line (blank lines are skipped): no cleaning, no splitting")
    p.add_argument("--format", choices=FORMATS, default="beads", help="what to print (default: beads)")
    p.add_argument("--output", "-o", help="write the output to this file instead of standard output")
    p.add_argument("--dictionary", help="bilingual dictionary as extra evidence: dictd .index file or Ding file")
    p.add_argument("--dictionary-langs", metavar="XX-YY",
                   help="languages of the dictionary, left to right (default: SRC-TGT languages)")
    p.add_argument("--no-glossary", action="store_true", help="do not use the shared glossary as evidence")
    p.add_argument("--one-pass", action="store_true",
                   help="skip the second pass with a translation table learnt from the first "
                        "(about half the time; fewer right beads on hard text)")
    p.add_argument("--mt", action="store_true",
                   help="also compare a machine translation of the source with the target (needs an installed "
                        "model for the pair; slower)")
    p.set_defaults(handler=cmd_align)


def cmd_align(args, ctx) -> int:
    if args.pairs or args.cluster:
        return _align_pairs(args, ctx)
    with _no_cycle_collection():
        return _align_one(args, ctx)


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector off while one alignment runs (and back as it was after).

    The command's imports and the alignment make objects that live until it ends (~65,000 the
    collector tracks), and it ran ~170 times over them for ~100 garbage objects at the end: ~75 M
    of the command's ~2,900 M executed instructions (2.5%) on 1,000 sentence pairs. Reference
    counting still frees everything else at once; what is kept is at most the one alignment's
    own cycles, until the collector runs again. Not for ``--pairs``, which aligns without end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _align_one(args, ctx) -> int:
    from workbench import review

    if not (args.source and args.target):
        raise InputError("align: give SRC and TGT, or --pairs PAIRS.tsv")
    store, user = ctx.store, ctx.settings.user
    if args.output:
        from workbench.files import check_writable_file

        check_writable_file(args.output)
    src = review.load_side(store, args.source, args.src_lang, args.presegmented, user)
    tgt = review.load_side(store, args.target, args.tgt_lang, args.presegmented, user)
    if not src.lang or not tgt.lang:
        side = "source" if not src.lang else "target"
        raise InputError(f"{getattr(args, side)}: cannot tell the language; give --{side[:3]}-lang")
    dictionary = _dictionary(args, src.lang, tgt.lang, ctx.settings.data_dir / "dictionary-index")
    glossary = None if not args.no_glossary else _NoGlossary()
    mt = review.mt_evidence(ctx.settings, src.lang, tgt.lang) if args.mt else None
    evidence = review.evidence_for(store, src.lang, tgt.lang, dictionary=dictionary, glossary=glossary, mt=mt,
                                   matcher_cache=ctx.settings.data_dir / "term-matchers")
    # every input was checked above: the documents and their alignment are written together, once
    aid, result = review.align_sides(store, src, tgt, unit=args.unit, presegmented=args.presegmented, user=user,
                                     evidence=evidence, check_languages=not (args.src_lang and args.tgt_lang),
                                     learn=not args.one_pass)
    for w in result.warnings:
        print(f"Warning: {w}", file=sys.stderr)
    # the beads as stored, without reading them back; other formats and files from the store
    text = review.beads_text(result.beads) if args.format == "beads" and not args.output else \
        _render(store, aid, args.format, args.output)
    if text is not None:
        sys.stdout.write(text)
    beads = store.alignments.count(aid)
    flagged = store.alignments.count(aid, "needs review")
    print(f"Stored as alignment {aid}: {beads} beads, {flagged} to review.", file=sys.stderr)
    return 0


def _align_pairs(args, ctx) -> int:
    from workbench import review
    from workbench.align.batch import align_pairs, plan_pairs

    if not args.pairs:
        raise InputError("--cluster: only with --pairs PAIRS.tsv (one pair is aligned here)")
    if args.source or args.target or args.output or args.mt:
        raise InputError("--pairs: give no SRC, TGT, --output or --mt with it "
                         "(see each stored alignment with: workbench alignments show ID)")
    if args.cluster:
        from workbench.cluster import check_address

        check_address(args.cluster)
    store, user = ctx.store, ctx.settings.user
    tasks = plan_pairs(store, args.pairs, src_lang=args.src_lang, tgt_lang=args.tgt_lang, unit=args.unit,
                       presegmented=args.presegmented, user=user)
    dictionary_dir = ctx.settings.data_dir / "dictionary-index"
    glossary = None if not args.no_glossary else _NoGlossary()

    def evidence(src: str, tgt: str):
        return review.evidence_for(store, src, tgt, dictionary=_dictionary(args, src, tgt, dictionary_dir),
                                   glossary=glossary, matcher_cache=ctx.settings.data_dir / "term-matchers")

    with _cluster_aligner(args.cluster) as aligner:
        outcomes = align_pairs(store, tasks, evidence, unit=args.unit, presegmented=args.presegmented, user=user,
                               aligner=aligner, check_languages=not (args.src_lang and args.tgt_lang))
    for o in outcomes:
        state = "already stored as" if o.skipped else "stored as"
        print(f"{args.pairs} line {o.line}: {state} alignment {o.alignment_id}")
    new = sum(1 for o in outcomes if not o.skipped)
    print(f"Aligned {new} pairs, skipped {len(outcomes) - new} already stored.", file=sys.stderr)
    return 0


@contextmanager
def _cluster_aligner(address: str | None):
    """None (pairs aligned here), or an aligner sending them to the cluster at ``address``."""
    if not address:
        yield None
        return
    from workbench.cluster import cluster_aligner, connect

    with connect(address) as client:
        yield cluster_aligner(client)


def _dictionary(args, src_lang: str, tgt_lang: str, cache_dir):
    if not args.dictionary:
        if args.dictionary_langs:
            raise InputError("--dictionary-langs needs --dictionary FILE")
        return None
    from workbench.align.dictionary import load_dictionary

    langs = args.dictionary_langs or f"{src_lang}-{tgt_lang}"
    left, _, right = langs.partition("-")
    if not re.fullmatch(r"[a-z]{2,3}", left) or not re.fullmatch(r"[a-z]{2,3}", right):
        raise InputError(f"--dictionary-langs {langs!r}: give two language codes as XX-YY, e.g. de-en")
    return load_dictionary(args.dictionary, left, right, pair=(src_lang, tgt_lang), cache_dir=cache_dir)


class _NoGlossary:
    """An empty glossary: turns the glossary evidence off."""

    def __len__(self) -> int:
        return 0


def _render(store, aid: int, fmt: str, output: str | None) -> str | None:
    from workbench import review

    if output:
        n = review.export_alignment(store, aid, output, fmt, accepted_only=False)
        print(f"Wrote {n} beads to {output}.", file=sys.stderr)
        return None
    return review.export_text(store, aid, fmt, accepted_only=False)[0]
