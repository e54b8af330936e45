"""Sentence segmentation: golden cases per language, the corpus sentence gold,
and properties of the spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from workbench.ingest import ingest_file
from workbench.segment import normalise, sentence_spans, split_sentences

GOLDEN = Path(__file__).parent / "golden" / "segment" / "cases.tsv"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _cases():
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lang, text, expected = line.split("\t")
        yield pytest.param(lang, text, expected.split(" || "), id=f"{lang}:{text[:30]}")


@pytest.mark.parametrize("lang,text,expected", list(_cases()))
def test_golden_cases(lang, text, expected):
    assert split_sentences(text, lang) == expected


def _sentence_gold_files():
    return sorted(CORPUS.glob("*/*.sentences.txt"))


@pytest.mark.parametrize("path", _sentence_gold_files(), ids=lambda p: p.name)
def test_corpus_sentence_gold(path):
    """The corpus writers' one-sentence-per-line files are reproduced exactly."""
    lang = path.name.split(".")[-3]
    gold = [block.split("\n") for block in path.read_text(encoding="utf-8").strip().split("\n\n")]
    doc = ingest_file(path.with_name(path.name.replace(".sentences.txt", ".md")))
    got = [split_sentences(p.text, lang) for p in doc.paragraphs]
    assert got == gold


def test_spans_point_into_original_text():
    text = "  First one.   Second\tone!\n\nThird  one?  "
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == ["First one.", "Second\tone!", "Third  one?"]
    assert split_sentences(text, "en") == ["First one.", "Second one!", "Third one?"]


def test_empty_and_blank_text():
    assert split_sentences("", "en") == []
    assert split_sentences("   \n\n ", "de") == []


def test_unknown_language_uses_default_rules():
    assert split_sentences("Sr. Pérez vino. Luego se fue.", None) == ["Sr. Pérez vino.", "Luego se fue."]


_words = st.text(alphabet="abcXYZ .!?…\"«»()¿¡12 \n", min_size=0, max_size=120)


@settings(max_examples=200, deadline=None)
@given(_words, st.sampled_from(["en", "es", "de", "tr", "fr", None]))
def test_join_reproduces_normalised_text(text, lang):
    sentences = split_sentences(text, lang)
    assert " ".join(sentences) == normalise(text)
    spans = sentence_spans(text, lang)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
