"""Number keys: the same quantity written with other separators or decimals is one key."""

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
])
def test_number_keys(source, target, shared):
    keys = segment_keys(source, NUMBERS_ONLY, "source"), segment_keys(target, NUMBERS_ONLY, "target")
    assert bool(keys[0] & keys[1]) == shared
