"""Number keys: the same quantity written with other separators or decimals, or as a Roman
numeral of two or more letters, is one key."""

import pytest

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
