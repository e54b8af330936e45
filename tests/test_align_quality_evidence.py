"""Number keys: the same quantity written with other separators or decimals, or as a Roman
numeral of two or more letters, is one key."""

import pytest

from workbench.align import align_segments
from workbench.align.evidence import EvidenceConfig, segment_keys

NUMBERS_ONLY = EvidenceConfig(months=False, cognates=False, punctuation=False)


@pytest.mark.parametrize("source, target, shared", [
    ("8847,60 m", "8847,6 m", True),           # a translation may drop a trailing zero
    ("1.000 Leute", "1,000 people", True),
    ("3,50 €", "3.5 euros", True),
    ("2,0 km", "20 km", False),
    ("8847,60 m", "884760 m", False),
    ("19,29 m", "18,29 m", False),
    ("007", "7", True),
    ("Lager 4 !", "le camp IV .", True),       # Text+Berg: a camp numbered in digits on one side
    ("Ludwig XIV.", "Louis 14", True),
    ("Kapitel XC", "chapitre 90", True),
    ("Lager III", "camp 4", False),
    ("I am here", "ich bin 1", False),         # one letter is a word, not a numeral
    ("CIVIL", "101", False),                   # nor is a word spelt with numeral letters
    ("MIX", "1009", False),
])
def test_number_keys(source, target, shared):
    keys = segment_keys(source, NUMBERS_ONLY, "source"), segment_keys(target, NUMBERS_ONLY, "target")
    assert bool(keys[0] & keys[1]) == shared


def test_a_numbered_heading_stays_its_own_sentence_bead():
    # "II" and "ZWEITER TEIL II" share a number now; the heading must still not join the
    # sentence before it in a 2-2 (a heading inside a sentence merge costs more)
    source = ["Anna Weber paid 250 marks into the strike fund on Monday.", "II",
              "Karl Brenner and 40 dockers joined the picket in Hamburg."]
    target = ["Anna Weber zahlte am Montag 250 Mark in die Streikkasse ein.", "ZWEITER TEIL II",
              "Karl Brenner und 40 Hafenarbeiter kamen in Hamburg zum Streikposten."]
    result = align_segments(source, target, "en", "de", unit="sentence")
    assert [(b.source, b.target) for b in result.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
