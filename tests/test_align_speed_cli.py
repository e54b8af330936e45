"""A command line builds only the parsers of the command it names, and parses as the full parser does."""

from __future__ import annotations

import argparse
import importlib

import pytest

from workbench import cli


def registered(module: str) -> list[str]:
    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module).register(sub)
    return list(sub.choices)


def test_every_command_names_the_module_that_registers_it():
    by_module = {name: module for module in cli.COMMAND_MODULES for name in registered(module)}
    assert by_module == cli.COMMANDS


@pytest.mark.parametrize("argv", [
    ["align", "a.txt", "b.txt", "--presegmented", "--unit", "sentence", "--src-lang", "en"],
    ["--db", "x.sqlite3", "--user", "ann", "alignments", "show", "3", "--json"],
    ["--db=x.sqlite3", "translate", "a.txt", "--to", "es", "--out", "out"],
    ["--user", "ben", "docs", "list"],
])
def test_a_named_command_parses_as_with_every_parser(argv):
    assert vars(cli.build_parser(argv).parse_args(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv, command", [
    (["align", "a", "b"], "align"), (["--db", "align", "docs"], "docs"), (["--db=a", "--user", "u", "tm"], "tm"),
    (["--help"], None), (["--us", "bob", "align"], None), ([], None), (["--db", "x"], None),
])
def test_the_command_is_read_after_the_global_options(argv, command):
    assert cli._command(argv) == command


def test_an_unknown_command_is_refused_with_the_full_list(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["alignn", "a", "b"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: workbench: argument COMMAND: invalid choice: 'alignn'") and "'alignments'" in err


def test_align_builds_the_align_parser_only():
    # every argparse parser looks up its help texts' translations (~0.8 ms each): the stored
    # alignments' six parsers are built for `workbench alignments ...`, not for `workbench align`
    def commands(argv):
        parser = cli.build_parser(argv)
        return set(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)

    assert commands(["align", "a.txt", "b.txt"]) == {"align"}
    assert commands(["alignments", "list"]) == {"alignments"}
