"""The demo corpus: manifest, gold alignments against the real ingest output,
and the raw variants whose expected ingest result is their clean version."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from tests.conftest import CORPUS
from workbench.demo import read_manifest
from workbench.formats.beads import coverage_errors, parse_beads
from workbench.ingest import ingest_file

MANIFEST = read_manifest(CORPUS)


@lru_cache(maxsize=None)
def paragraphs(doc_id: str):
    return ingest_file(MANIFEST.document(doc_id).path).paragraphs


def test_manifest_has_enough_articles_and_pairs():
    originals = [d for d in MANIFEST.documents if d.original]
    assert sum(d.lang == "en" for d in originals) >= 5
    assert sum(d.lang != "en" for d in originals) >= 2
    assert len(MANIFEST.pairs) >= 21
    directions = Counter(f"{MANIFEST.document(p.source).lang}-{MANIFEST.document(p.target).lang}"
                         for p in MANIFEST.pairs)
    assert {"en-es", "en-de", "en-tr"} <= set(directions)
    assert {"es-en", "de-en", "tr-en"} & set(directions)
    for d in MANIFEST.documents:
        assert d.path.is_file(), d.path
        if d.translation_of:
            assert MANIFEST.document(d.translation_of).lang != d.lang


@pytest.mark.parametrize("pair", MANIFEST.pairs, ids=lambda p: f"{p.source}->{p.target}")
def test_paragraph_gold_covers_both_sides(pair):
    beads = parse_beads(pair.paragraph_gold.read_text(encoding="utf-8"), str(pair.paragraph_gold))
    assert coverage_errors(beads, len(paragraphs(pair.source)), len(paragraphs(pair.target))) == []


def test_translations_are_not_all_one_to_one():
    kinds = Counter()
    crossings = 0
    for pair in MANIFEST.pairs:
        beads = parse_beads(pair.paragraph_gold.read_text(encoding="utf-8"))
        kinds.update(b.kind for b in beads)
        crossings += any(b.kind == "2-2" for b in beads)
    assert 1 - kinds["1-1"] / sum(kinds.values()) >= 0.10
    assert {"1-0", "0-1", "2-1", "1-2"} <= set(kinds)
    assert crossings >= 1


SENTENCE_PAIRS = [p for p in MANIFEST.pairs if p.sentence_gold]


def _sentence_groups(doc_id: str) -> list[list[str]]:
    path = MANIFEST.document(doc_id).path.with_suffix("").with_suffix(f".{MANIFEST.document(doc_id).lang}.sentences.txt")
    groups, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def test_at_least_three_pairs_have_sentence_gold():
    assert len(SENTENCE_PAIRS) >= 3


@pytest.mark.parametrize("pair", SENTENCE_PAIRS, ids=lambda p: f"{p.source}->{p.target}")
def test_sentence_gold_covers_sentences_inside_paragraph_beads(pair):
    para_of = {}
    counts = {}
    for side in (pair.source, pair.target):
        groups = _sentence_groups(side)
        assert [" ".join(g) for g in groups] == [p.text for p in paragraphs(side)], side
        para_of[side] = [k for k, g in enumerate(groups) for _ in g]
        counts[side] = len(para_of[side])
    sentence_beads = parse_beads(pair.sentence_gold.read_text(encoding="utf-8"))
    assert coverage_errors(sentence_beads, counts[pair.source], counts[pair.target]) == []
    paragraph_beads = parse_beads(pair.paragraph_gold.read_text(encoding="utf-8"))
    bead_of_src = {i: n for n, b in enumerate(paragraph_beads) for i in b.source}
    bead_of_tgt = {i: n for n, b in enumerate(paragraph_beads) for i in b.target}
    for sb in sentence_beads:
        owners = {bead_of_src[para_of[pair.source][i]] for i in sb.source}
        owners |= {bead_of_tgt[para_of[pair.target][i]] for i in sb.target}
        assert len(owners) == 1, f"sentence bead {sb} crosses paragraph beads {owners}"


@pytest.mark.parametrize("raw, clean_id", MANIFEST.raw_variants, ids=lambda v: str(v)[-40:])
def test_raw_variant_ingests_to_its_clean_version(raw, clean_id):
    got = ingest_file(raw)
    expected = paragraphs(clean_id)
    assert [p.text for p in got.paragraphs] == [p.text for p in expected]
    assert [p.kind for p in got.paragraphs] == [p.kind for p in expected]
    assert "repaired mojibake" in got.repairs
