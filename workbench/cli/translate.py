"""`workbench translate FILE... --to es[,de]`."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

from workbench.cli.context import print_json
from workbench.translate import DEFAULT_CHUNK  # a constant only: the package imports nothing heavy
from workbench.translate.eta import span


def register(sub) -> None:
    p = sub.add_parser("translate", help="machine-translate files offline (resumable batch job)")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help=".txt, .md, .html, .pdf, .docx or .odt files "
                        "(.md, .html, .docx and .odt also come out in their own format)")
    p.add_argument("--doc", type=int, action="append", default=[], metavar="ID",
                   help="a stored document to translate (repeatable; see: workbench docs list)")
    p.add_argument("--to", help="target languages, comma-separated: es or es,de,tr")
    p.add_argument("--reviewed", type=int, metavar="JOB",
                   help="instead of translating: write job JOB's documents as post-edited in Review (in their "
                        "original format) and updated XLIFF 2.0 files to --out")
    p.add_argument("--from", dest="src", default="auto", help="source language (default: detect)")
    p.add_argument("--out", required=True, help="folder for the translations, bilingual files and reports")
    p.add_argument("--bilingual", choices=("xliff", "xliff12", "tmx"), default="xliff",
                   help="bilingual review file format (default: xliff, XLIFF 2.0; xliff12: XLIFF 1.2)")
    p.add_argument("--glossary", metavar="TOML", help="enforce this glossary file instead of the stored one")
    p.add_argument("--no-glossary", action="store_true", help="do not enforce any glossary")
    p.add_argument("--no-tm", action="store_true", help="do not reuse translation memory matches")
    p.add_argument("--beam", type=int, default=4, help="beam size (default 4)")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for the model (default: all)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK,
                   help=f"sentences translated and saved together (default {DEFAULT_CHUNK}; smaller: finer resume)")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="translate the chunks on a Dask cluster: tcp://HOST:PORT of its scheduler, or local:N "
                        "to start N worker processes here (every worker needs the same models installed)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.set_defaults(handler=cmd_translate)


def cmd_translate(args, ctx) -> int:
    from workbench.translate.argos import ArgosOptions
    from workbench.errors import InputError
    from workbench.files import check_writable_folder
    from workbench.translate.batch import translate_documents, translate_files
    from workbench.translate.factory import build_engine, load_glossary_option
    from workbench.translate.jobs import parse_targets

    if args.reviewed is not None:
        return _write_reviewed(ctx, args.reviewed, args.out)
    if not args.files and not args.doc:
        raise InputError("translate: give one or more FILEs or --doc ID")
    if not args.to:
        raise InputError("translate: --to is required (target languages, like es or es,de)")
    _check_options(args)
    check_writable_folder(args.out, "--out folder")
    targets = parse_targets(args.to)
    store = ctx.job_store(with_glossary=not (args.no_glossary or args.glossary))
    glossary = load_glossary_option(store, args.glossary, args.no_glossary)
    options = ArgosOptions(beam_size=args.beam, intra_threads=args.threads, device=args.device)
    engine = build_engine(ctx.settings, glossary, options)
    bar = ProgressBar(sys.stderr)
    kwargs = dict(out_dir=args.out, bilingual=args.bilingual, use_tm=not args.no_tm,
                  chunk_size=args.chunk_size, progress=bar.update, user=ctx.settings.user)
    with _runner(args.cluster, options) as runner:
        if args.files:
            result = translate_files(store, engine, args.files, targets, args.src, extra_documents=args.doc,
                                     runner=runner, **kwargs)
        else:
            result = translate_documents(store, engine, args.doc, targets, args.src, runner=runner, **kwargs)
    bar.close()
    reports = result.reports()
    if args.json:
        print_json({"job": result.job_id, "resumed": result.resumed, "already_translated": result.already_done,
                    "translated_again": result.redone, "left_post_edited": result.kept_post_edited,
                    "done_before": result.done_before, "reused_from_earlier_jobs": result.reused,
                    "reports": reports,
                    "files": [str(p) for p in result.written]})
        return 0
    continued = "".join(f"; {text}" for text in (result.continued, result.reused_text) if text)
    print(f"Job {result.job_id} ({result.how}): {result.progress.total} segments{continued}.")
    for r in reports:
        findings = ", ".join(f"{k} {v}" for k, v in r["glossary_findings"].items()) or "none"
        print(f"{r['source']} -> {r['tgt_lang']}: {r['segments']} segments, {r['tm_exact']} from TM, "
              f"{r['mt']} MT{_reused(r)}, glossary findings: {findings}, flagged: {len(r['flagged_segments'])}")
    print(f"Wrote {len(result.written)} files to {args.out}")
    return 0


def _reused(report: dict) -> str:
    n = report.get("mt_reused", 0)
    return f" ({n} from earlier jobs)" if n else ""


@contextmanager
def _runner(address: str | None, options):
    """None (the job runs here), or a runner sending its chunks to the cluster at ``address``."""
    if not address:
        yield None
        return
    from workbench.cluster import cluster_runner, connect

    with connect(address) as client:
        yield cluster_runner(client, options)


def _write_reviewed(ctx, job_id: int, out: str) -> int:
    from workbench.translate.jobs import write_outputs
    from workbench.translate.reviewed import reviewed_outputs

    files = reviewed_outputs(ctx.job_store(with_glossary=False), job_id)   # everything rendered before writing
    written = write_outputs(files, out)
    print(f"Wrote {len(written)} post-edited files of job {job_id} to {out}")
    return 0


def _check_options(args) -> None:
    from workbench.errors import InputError

    for option, value, least in (("--chunk-size", args.chunk_size, 1), ("--beam", args.beam, 1),
                                 ("--threads", args.threads, 0)):
        if value < least:
            raise InputError(f"{option} must be at least {least}, not {value}")
    if args.cluster:
        from workbench.cluster import check_address

        check_address(args.cluster)


class ProgressBar:
    """A text progress bar with ETA on stderr (one line per update when not a terminal)."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.monotonic()
        self.shown = False

    def update(self, progress, eta) -> None:
        total = max(progress.total, 1)
        filled = int(self.width * progress.done / total)
        eta_text = "--:--" if eta is None else span(eta, _clock)
        line = (f"[{'#' * filled}{'.' * (self.width - filled)}] {progress.done}/{progress.total} segments "
                f"(chunk {progress.chunks_done}/{progress.chunks_total})  ETA {eta_text}")
        self.stream.write(("\r" + line) if self.tty else (line + "\n"))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
