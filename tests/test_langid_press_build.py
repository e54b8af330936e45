"""Rebuilding the real-press span set from saved pages (bench/data/langid/build_press.py --pages):
each labelled sentence is found by its committed length and hash, its spans by the committed offsets."""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import sys
from pathlib import Path

import pytest

BUILD_DIR = Path(__file__).resolve().parent.parent / "bench" / "data" / "langid"

PAGE = ("Strike news\n\nDockers of the Liman-İş union struck at Mersin on Monday.\n"
        "The company’s manager said “the port\nstays open”, while Ayşe Demir of the union disagreed.\n")
WRAPPED = "The company's manager said \"the port stays open\", while Ayşe Demir of the union disagreed."
PLAIN = "Dockers of the Liman-İş union struck at Mersin on Monday."


@pytest.fixture
def build_press(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BUILD_DIR))
    module = importlib.import_module("build_press")
    monkeypatch.setattr(module, "LABELS", tmp_path / "press_spans.tsv")
    monkeypatch.setattr(module, "PRIVATE", tmp_path / "private")
    yield module
    sys.modules.pop("build_press", None)


def write_labels(path: Path, rows: list[tuple[int, str, str, str]]) -> None:
    """rows: (id, page, sentence, spans as start-end:lang;...)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "split", "page", "url", "sha1", "chars", "spans"])
        for row_id, page, text, spans in rows:
            writer.writerow([row_id, "test", page, f"https://example.org/{page}",
                             hashlib.sha1(text.encode("utf-8")).hexdigest()[:12], len(text), spans])


def test_sentences_are_found_by_hash_across_line_breaks_and_quote_forms(build_press, tmp_path, capsys):
    start = WRAPPED.index("Ayşe Demir")
    mersin = PLAIN.index("Mersin")
    write_labels(build_press.LABELS, [
        (1, "dockers", PLAIN, f"{PLAIN.index('Liman-İş')}-{PLAIN.index('Liman-İş') + 8}:tr;{mersin}-{mersin + 6}:tr"),
        (2, "dockers", WRAPPED, f"{start}-{start + 10}:tr"),
        (3, "dockers", "A sentence the saved page does not hold.", ""),
        (4, "elsewhere", "Nothing was saved for this page.", ""),
    ])
    pages = tmp_path / "pages"
    (pages / "dockers").mkdir(parents=True)
    (pages / "dockers" / "1.txt").write_text(PAGE, encoding="utf-8")

    assert build_press.main(["--pages", str(pages)]) == 0

    items = [json.loads(line) for line in (build_press.PRIVATE / "press_spans.jsonl").read_text("utf-8").splitlines()]
    assert [item["id"] for item in items] == [1, 2]
    assert items[0]["text"] == PLAIN
    assert [(s["text"], s["lang"]) for s in items[0]["spans"]] == [("Liman-İş", "tr"), ("Mersin", "tr")]
    assert items[1]["text"] == WRAPPED and [s["text"] for s in items[1]["spans"]] == ["Ayşe Demir"]
    out = capsys.readouterr().out
    assert "dockers: 2 of 3 found; not found: ids 3" in out
    assert "elsewhere: 0 of 1 found; not found: ids 4" in out
    assert "test: 2 sentences, 3 spans, 0 clean" in out


def test_a_sentence_is_only_found_at_a_word_start(build_press):
    text = "union struck at Mersin."
    rows = [{"id": 1, "chars": len(text), "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]}]
    assert build_press.find_labelled(["The union struck at Mersin."], rows) == {1: text}
    assert build_press.find_labelled(["Reunion struck at Mersin."], rows) == {}


def test_a_missing_pages_folder_is_a_clear_error(build_press, tmp_path):
    write_labels(build_press.LABELS, [(1, "dockers", PLAIN, "")])
    with pytest.raises(SystemExit, match="is not a folder of saved pages"):
        build_press.main(["--pages", str(tmp_path / "nowhere")])
