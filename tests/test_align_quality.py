"""The translation table learnt from the text itself, and the second alignment pass it feeds."""

import json
import random

import pytest

from workbench.align import align_documents, align_segments
from workbench.align.lexicon import LexiconParams, TranslationTable, learn_table

# an invented target language: no cognates, numbers or punctuation to share, only word pairs
SOURCE_WORDS = ["stone", "river", "house", "green", "walk", "bread", "night", "cold", "sing", "small",
                "bird", "window"]
TARGET_WORDS = ["kivo", "umpa", "sela", "drin", "hoka", "manu", "tiru", "bepo", "solu", "gwen", "faro", "ludi"]


def parallel(n: int, seed: int = 5, size: int = 5) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    src, tgt = [], []
    for _ in range(n):
        picked = rng.sample(range(len(SOURCE_WORDS)), size)
        src.append(" ".join(SOURCE_WORDS[k] for k in picked).capitalize() + ".")
        tgt.append(" ".join(TARGET_WORDS[k] for k in rng.sample(picked, size)).capitalize() + ".")
    return src, tgt


def shared(table: TranslationTable, source_word: str, target_word: str) -> bool:
    return bool(set(table.keys([source_word], "source")) & set(table.keys([target_word], "target")))


def test_learns_the_word_pairs_of_parallel_sentences():
    src, tgt = parallel(40)
    table = learn_table(src, tgt, [((k,), (k,)) for k in range(40)])
    assert len(table) == len(SOURCE_WORDS)
    for s, t in zip(SOURCE_WORDS, TARGET_WORDS):
        assert shared(table, s, t)
    assert not shared(table, "stone", "umpa")


def test_a_pair_seen_in_too_few_beads_is_left_out():
    src, tgt = parallel(30)
    src.append("Unique moonlight.")
    tgt.append("Zorbatu quenelix.")
    table = learn_table(src, tgt, [((k,), (k,)) for k in range(31)])
    assert table.keys(["moonlight"], "source") == []
    assert shared(table, "river", "umpa")
    strict = learn_table(src, tgt, [((k,), (k,)) for k in range(31)], LexiconParams(min_beads=99))
    assert len(strict) == 0


def test_wrong_training_beads_do_not_teach_a_pairing():
    """Beads paired at random (a first pass gone wrong) show no pair often enough."""
    src, tgt = parallel(40)
    shuffled = list(range(40))
    random.Random(1).shuffle(shuffled)
    table = learn_table(src, tgt, [((k,), (shuffled[k],)) for k in range(40) if shuffled[k] != k])
    right = sum(shared(table, s, t) for s, t in zip(SOURCE_WORDS, TARGET_WORDS))
    assert right <= 2


@pytest.mark.parametrize("beads", [[], [((0,), (0,))]])
def test_nothing_to_learn_from_gives_an_empty_table(beads):
    table = learn_table(["Stone river."], ["Kivo umpa."], beads)
    assert len(table) == 0 and table.keys(["stone"], "source") == []


def test_second_pass_places_a_merge_the_length_model_misplaced():
    """Target sentences 20 and 21 joined into one: length alone puts the shift far too early
    (the sentences are alike in length); the learnt word pairs put it where it is."""
    src, tgt = parallel(40)
    joined = tgt[:20] + [tgt[20] + " " + tgt[21]] + tgt[22:]
    first = align_segments(src, joined, "en", "xx", unit="sentence", learn=False)
    second = align_segments(src, joined, "en", "xx", unit="sentence")
    gold = [((k,), (k,)) for k in range(20)] + [((20, 21), (20,))] + [((k,), (k - 1,)) for k in range(22, 40)]
    assert [(b.source, b.target) for b in first.beads] != gold
    assert [(b.source, b.target) for b in second.beads] == gold
    assert first.provenance["learnt_table"] is None
    assert second.provenance["learnt_table"] >= len(SOURCE_WORDS)


def test_the_table_learnt_from_paragraphs_serves_the_sentences_inside_them():
    src, tgt = parallel(40)
    src_paragraphs = [" ".join(src[k:k + 2]) for k in range(0, 40, 2)]
    tgt_paragraphs = [" ".join(tgt[k:k + 2]) for k in range(0, 40, 2)]
    paragraphs = align_documents(src_paragraphs, tgt_paragraphs, "en", "xx", check_languages=False)
    assert paragraphs.provenance["learnt_table"] >= len(SOURCE_WORDS)
    sentences = align_documents(src_paragraphs, tgt_paragraphs, "en", "xx", unit="sentence",
                                check_languages=False)
    assert sentences.table is paragraphs.table or len(sentences.table) == len(paragraphs.table)
    assert [(b.source, b.target) for b in sentences.beads] == [((k,), (k,)) for k in range(40)]
    alone = align_documents(src_paragraphs, tgt_paragraphs, "en", "xx", check_languages=False, learn=False)
    assert alone.provenance["learnt_table"] is None and alone.table is None


def test_a_long_document_is_learnt_from_within_the_pair_budget():
    src, tgt = parallel(300, seed=9, size=8)
    table = learn_table(src, tgt, [((k,), (k,)) for k in range(300)], LexiconParams(max_pairs=2_000))
    assert 0 < len(table) <= len(SOURCE_WORDS) + 2
    assert shared(table, "window", "ludi")


def test_the_command_line_learns_unless_told_one_pass(env, capsys, tmp_path):
    from workbench.cli import main

    src, tgt = parallel(40)
    joined = tgt[:20] + [tgt[20] + " " + tgt[21]] + tgt[22:]
    (tmp_path / "src.txt").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text("\n".join(joined) + "\n", encoding="utf-8")
    runs = {}
    for extra in ([], ["--one-pass"]):
        args = ["align", str(tmp_path / "src.txt"), str(tmp_path / "tgt.txt"), "--presegmented", "--unit",
                "sentence", "--src-lang", "en", "--tgt-lang", "xx", "--no-glossary", "--format", "json", *extra]
        assert main(args) == 0
        runs[bool(extra)] = json.loads(capsys.readouterr().out)
    assert runs[False]["provenance"]["learnt_table"] >= len(SOURCE_WORDS)
    assert runs[True]["provenance"]["learnt_table"] is None
    merged = [b for b in runs[False]["beads"] if len(b["source"]) == 2]
    assert len(merged) == 1 and runs[True]["beads"] != runs[False]["beads"]
