"""Journey 1 (Review) follow-ups to the one-sided beads of journey 26: the command line said
the aligner's 0.97 for them, alignments stored before they were flagged kept them unflagged,
and the upload box kept the last two files, so that the next two made four."""

from __future__ import annotations

from tests.test_review_journey26 import _skips
from workbench.store import Store


def test_the_command_line_says_only_in_source_or_target_not_the_aligners_score(env, capsys):
    """`workbench alignments show` printed 0.97 on a 1-0 and a 0-1 bead, where the page says
    "only in source" / "only in target"; its columns stay in line."""
    from workbench.cli import main

    with Store.open(env) as store:
        aid = _skips(store)
    assert main(["alignments", "show", str(aid)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5, lines
    assert " only in source " in lines[2] and " only in target " in lines[4], lines
    assert "0.97" not in "\n".join(lines) and " 0.99 " in lines[0], lines
    assert len({line.index(" auto ") for line in lines}) == 1, lines      # the status column lines up
