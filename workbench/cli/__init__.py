"""Command line: a thin shell over the core.

Each command module registers its sub-commands; handlers raise the core's
errors, which ``main`` prints as ``Error: …`` with exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

from workbench import __version__
from workbench.errors import WorkbenchError

# One module per group of commands; each exposes register(subparsers).
COMMAND_MODULES = (
    "workbench.cli.documents",
    "workbench.cli.serve",
    "workbench.cli.detect",
    "workbench.cli.glossary",
    "workbench.cli.translate",
    "workbench.cli.tm",
    "workbench.cli.models",
    "workbench.cli.align",
    "workbench.cli.users",
)


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line, ``Error: …``, exit 2, like every other error."""

    def error(self, message: str):
        self.exit(2, f"Error: {self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench", description="Offline translation and alignment workbench.")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", help="SQLite database file or postgresql://user:password@host:port/db URL "
                        "(default: $WORKBENCH_DB or a file in the user data folder)")
    parser.add_argument("--user", help="name recorded with your edits (default: $WORKBENCH_USER or login name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):   # a file name that is not UTF-8 prints as \udcxx, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
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
