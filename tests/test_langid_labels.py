"""The short-label lexicon (issue 13, eighth round): word counts of the short
strings of translation catalogues as evidence for fragments of one to three
words, and the script that builds the table from .po files."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from workbench import langid_evidence, langid_labels
from workbench.langid import detect_fragment, find_foreign_spans

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")
BUILDER_DIR = Path(__file__).resolve().parent.parent / "bench" / "data" / "langid"


@pytest.mark.parametrize("word, lang", [
    ("General", "en"), ("Actions", "en"), ("Online", "en"), ("Debug", "en"),
    ("Police", "fr"), ("Sons", "fr"), ("Alle", "de"), ("Modo", "es"), ("Bayt", "tr"), ("Fine", "it"),
])
def test_a_label_takes_the_language_whose_short_strings_write_it(word, lang, monkeypatch):
    assert detect_fragment(word, SEVEN).lang == lang
    monkeypatch.setattr(langid_evidence, "W_LABEL", 0.0)
    monkeypatch.setattr(langid_evidence, "W_DISPLAY_NAME", 0.0)   # `Bayt` is also CLDR's Turkish byte
    assert detect_fragment(word, SEVEN).lang != lang   # running text alone had it wrong


def test_a_document_prior_decides_a_heading_without_the_labels():
    # `General` is an English label far more often than a Spanish one, but
    # as a heading of a Spanish document it is Spanish
    assert detect_fragment("General", SEVEN).lang == "en"
    assert detect_fragment("General", SEVEN, prior="es").lang == "es"


def test_label_scores_are_relative_to_the_best_language_and_bounded():
    scores = langid_labels.label_scores("general", SEVEN)
    assert scores is not None and len(scores) == len(SEVEN)
    assert max(scores) == 0.0 and scores[SEVEN.index("en")] == 0.0
    assert min(scores) >= -langid_labels.SPAN
    assert langid_labels.label_scores("xqzzy", SEVEN) is None   # no label holds it: no evidence


def test_a_candidate_the_table_does_not_count_gets_the_mean_of_the_others():
    scores = langid_labels.label_scores("general", ("en", "es", "la"))
    assert scores[2] == pytest.approx((scores[0] + scores[1]) / 2)


def test_longer_fragments_and_spans_do_not_use_the_labels(monkeypatch):
    text = "Die Gewerkschaft ruft zum Streik auf"
    sentence = "The strike was called by the Unión General de Trabajadores in Madrid."
    before = detect_fragment(text, SEVEN), find_foreign_spans(sentence, "en", candidates=SEVEN)
    monkeypatch.setattr(langid_evidence, "W_LABEL", 0.0)
    assert (detect_fragment(text, SEVEN), find_foreign_spans(sentence, "en", candidates=SEVEN)) == before


@pytest.fixture
def builder(tmp_path, monkeypatch):
    """build_labels.py reading .po files from a temporary private folder
    (a file that is missing there is not downloaded)."""
    monkeypatch.syspath_prepend(str(BUILDER_DIR))
    build_po = importlib.import_module("build_po")
    monkeypatch.setattr(build_po, "PRIVATE", tmp_path)

    def offline(*args, **kwargs):
        raise OSError("no network in tests")
    monkeypatch.setattr(build_po.urllib.request, "urlopen", offline)
    return importlib.import_module("build_labels")


def _write_po(folder: Path, lang: str, pairs: list[tuple[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in pairs)
    (folder / f"{lang}.po").write_text(body, encoding="utf-8")


def test_the_builder_counts_the_words_of_short_strings_per_language(builder, tmp_path):
    folder = tmp_path / "po" / "someone__app"
    _write_po(folder, "de", [("General", "Allgemein"), ("_Open file", "Datei _öffnen"), ("Video", "Video"),
                             ("Open the file and then close it again right now", "Öffnen Sie die Datei")])
    _write_po(folder, "fr", [("General", "Général"), ("Open file", "Ouvrir le fichier")])
    source = {"repo": "someone/app", "commit": "0" * 40, "po_dir": "po", "files": ""}
    counts = builder.count([source], max_words=7)
    # English once per distinct msgid of the catalogue; a copy of the msgid is no German
    assert counts["en"]["general"] == 1 and counts["en"]["file"] == 1 and counts["en"]["video"] == 1
    assert counts["de"]["öffnen"] == 2 and "video" not in counts["de"]
    assert counts["fr"]["général"] == 1 and counts["fr"]["fichier"] == 1
    assert "again" not in counts["en"]   # a string of more than seven words is no label
    assert counts["de"]["sie"] == 1      # a translation of a long msgid counts by its own length


def test_the_table_keeps_words_seen_often_enough_and_reads_back_the_same(builder, tmp_path):
    from collections import Counter

    counts = {lang: Counter() for lang in builder.LANGS}
    counts["en"].update({"general": 3, "once": 1})
    counts["es"].update({"general": 2})
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    builder.write(counts, first, min_count=2)
    builder.write(counts, second, min_count=2)
    assert first.read_bytes() == second.read_bytes()   # the same input, the same bytes
    table = langid_labels.read_table(first.read_bytes())
    assert table.langs == builder.LANGS
    assert table.counts == {"general": (3, 2) + (0,) * (len(builder.LANGS) - 2)}
    assert table.totals[:2] == (4, 2)   # totals count every word, kept or not


@pytest.mark.parametrize("word, lang", [("Centre", "fr")])
def test_a_word_alone_is_not_decided_by_the_hand_written_lists(word, lang, monkeypatch):
    # the lists hold function words and words of the press (`centre` is also
    # English): a label alone is told by its frequencies and labels (`Fine`
    # was the other example; since the sixteenth round's larger lexicon, which
    # holds it 44 times in Italian labels and never in English ones, the labels
    # decide it whatever the lists' weight: see the first test)
    assert detect_fragment(word, SEVEN).lang == lang
    monkeypatch.setattr(langid_evidence, "W_LEXICON_LABEL", 2.0)   # the weight before
    langid_evidence._word_scores.cache_clear()
    assert detect_fragment(word, SEVEN).lang != lang
    langid_evidence._word_scores.cache_clear()


def test_in_running_text_the_lists_count_in_full():
    assert detect_fragment("ils font grève", SEVEN).lang == "fr"


def test_no_label_catalogue_is_a_dev_or_test_catalogue(monkeypatch):
    # the lexicon is counted from catalogues the bench does not score: none of
    # label_sources.tsv may be a line of po_sources.tsv, under its owner or
    # another (a fork keeps the project's name), and each is pinned by commit
    monkeypatch.syspath_prepend(str(BUILDER_DIR))
    build_po = importlib.import_module("build_po")
    labels = build_po.read_sources("label_sources.tsv")
    scored = build_po.read_sources()
    assert len(labels) == 89 and {s["split"] for s in labels} == {"train"}
    assert all(len(s["commit"]) == 40 and int(s["commit"], 16) >= 0 for s in labels)
    assert not {s["repo"] for s in labels} & {s["repo"] for s in scored}
    assert not ({s["repo"].split("/")[1].lower() for s in labels}
                & {s["repo"].split("/")[1].lower() for s in scored})


def test_the_shipped_table_is_the_one_its_sources_give():
    table = langid_labels._labels()
    assert len(table.counts) == 28_484   # build_labels.py on the 89 catalogues of label_sources.tsv
    assert table.langs == ("en", "es", "de", "tr", "fr", "it", "eo", "pt")
