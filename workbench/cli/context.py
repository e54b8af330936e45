"""What a command handler gets: the settings and a lazily opened store."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, is_dataclass

from workbench.settings import Settings, load_settings

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:  # the store package costs ~40 ms to import; a command that needs it opens it
    from workbench.store import Store


class Context:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._store: Store | None = None

    @classmethod
    def from_args(cls, args) -> "Context":
        return cls(load_settings(db=getattr(args, "db", None), user=getattr(args, "user", None)))

    @property
    def store(self) -> Store:
        if self._store is None:
            from workbench.glossary.termbase import ensure_shared_glossary
            from workbench.store import Store

            self._store = Store.open(self.settings.db_path, on_wait=_tell_waiting)
            # the shared glossary only: the demo corpus is loaded by the app's
            # first start or `workbench demo load`, never behind a command's back
            ensure_shared_glossary(self._store, self.settings)
        return self._store

    def job_store(self, with_glossary: bool = True) -> Store:
        """The store without loading the demo corpus on a first start (a translation job does not
        need the demo articles), with the shared glossary if the job enforces it."""
        if self._store is None:
            from workbench.store import Store

            self._store = Store.open(self.settings.db_path, on_wait=_tell_waiting)
            if with_glossary:
                from workbench.glossary.termbase import ensure_shared_glossary

                ensure_shared_glossary(self._store, self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def action_parsers(sub, command: str, help: str):
    """The parsers of `workbench COMMAND ACTION ...`: a command whose action must be named."""
    parser = sub.add_parser(command, help=help)
    actions = parser.add_subparsers(dest=f"{command}_command", metavar="ACTION")
    actions.required = True
    return actions


def language_code(text: str) -> str:
    """An argparse type: an ISO 639 code such as en, es, de or tr (region subtags allowed)."""
    code = text.strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})?", code):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language code like en, es, de or tr")
    return code


def _tell_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_json(value) -> None:
    json.dump(_plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def print_table(rows: list[list], headers: list[str]) -> None:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
