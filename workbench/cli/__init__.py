"""Command line: a thin shell over the core.

Each command module registers its sub-commands; handlers raise the core's
errors, which ``main`` prints as ``Error: …`` with exit status 2.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sqlite3
import sys

# Before anything imports numpy: its OpenBLAS starts a worker thread per core at import, ~50 ms of
# CPU in every command that imports numpy (`workbench align` without the C extension, among others). The
# workbench's matrix products are a few small ones (align/confidence.py), which threads do not
# speed up. Set here, not in the package, so that a program using the library keeps its own
# setting; `workbench app`'s server inherits it. An OPENBLAS_NUM_THREADS already set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from workbench import __version__  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402

# One module per group of commands; each exposes register(subparsers). Each command names the
# module that registers it: a command line naming one builds only that module's parsers
# (importing and building all of them took ~15 ms of every command's start).
COMMANDS = {
    "ingest": "workbench.cli.documents", "docs": "workbench.cli.documents", "demo": "workbench.cli.documents",
    "app": "workbench.cli.serve",
    "detect": "workbench.cli.detect",
    "glossary": "workbench.cli.glossary",
    "translate": "workbench.cli.translate",
    "tm": "workbench.cli.tm",
    "models": "workbench.cli.models",
    "align": "workbench.cli.align", "alignments": "workbench.cli.alignments",
    "users": "workbench.cli.users",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line, ``Error: …``, exit 2, like every other error."""

    def error(self, message: str):
        self.exit(2, f"Error: {self.prog}: {message} (see {self.prog} --help)\n")

    def _get_formatter(self):
        # argparse builds a help formatter for every argument added, and its own asks shutil for
        # the terminal's width: importing shutil (with bz2 and lzma) was ~3 ms of every command
        return self.formatter_class(prog=self.prog, width=terminal_width())


def terminal_width() -> int:
    """Columns of the terminal, as ``shutil.get_terminal_size`` finds them ($COLUMNS, else the
    standard output's terminal, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given ``argv``, only the parsers of the command it names
    (all of them when it names none: help, a usage mistake)."""
    parser = _Parser(
        prog="workbench", description="Offline translation and alignment workbench.")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", help="SQLite database file or postgresql://user:password@host:port/db URL "
                        "(default: $WORKBENCH_DB or a file in the user data folder)")
    parser.add_argument("--user", help="name recorded with your edits (default: $WORKBENCH_USER or login name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    command = _command(argv) if argv is not None else None
    for name in (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command ``argv`` names after the global options, or None (an option first: --help,
    --version, an abbreviated global option)."""
    value_next = False
    for token in argv:
        if value_next:
            value_next = False
        elif token in ("--db", "--user"):
            value_next = True
        elif not token.startswith(("--db=", "--user=")):
            return None if token.startswith("-") else token
    return None


def run() -> None:
    """The ``workbench`` command (its console script): ``main`` as a process of its own."""
    # What start-up made (modules, classes, functions) lives until the process ends: frozen out of
    # the cyclic collector's sight, its passes (and the last one at exit) look only at what the
    # command makes: 7 M fewer instructions of a 1,000-sentence alignment, 0.5%. (Not in ``main``,
    # which a program or a test may call many times: what it freezes is never collected.)
    gc.freeze()
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):   # a file name that is not UTF-8 prints as \udcxx, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    from workbench.cli.context import Context

    try:
        ctx = Context.from_args(args)   # a bad setting in the environment is one line too
    except WorkbenchError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    try:
        return args.handler(args, ctx) or 0
    except WorkbenchError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except sqlite3.DatabaseError as exc:  # the store failed under us (full disk, a lock held too long)
        from workbench.store.dialect import redact

        print(f"Error: the store {redact(str(ctx.settings.db_path))}: {exc}; nothing more was written",
              file=sys.stderr)
        return 2
    except OSError as exc:  # a file problem the core did not name: still one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"Error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
