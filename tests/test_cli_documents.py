"""The CLI over the document library: ingest, docs list/show, demo load."""

from __future__ import annotations

import json

import pytest

from workbench.ingest import SUPPORTED_SUFFIXES

from workbench.cli import main
from workbench.store import Store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_list_show(env, tmp_path, capsys):
    article = tmp_path / "article.md"
    article.write_text("# Huelga general\n\nLos mineros marcharon a la capital durante once días.\n\n"
                       "El sindicato del régimen firmó el convenio colectivo a espaldas de los obreros.\n",
                       encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(article))
    assert code == 0
    assert out.strip() == "article.md: stored as document 1 (3 paragraphs, language es)"
    code, out, _ = run(capsys, "ingest", str(article))
    assert "already stored as document 1" in out
    code, out, _ = run(capsys, "docs", "list", "--json")
    assert [(d["id"], d["title"], d["lang"], d["paragraph_count"]) for d in json.loads(out)] == [
        (1, "Huelga general", "es", 3)]
    code, out, _ = run(capsys, "docs", "show", "1")
    assert "   0 # Huelga general" in out and "   1   Los mineros marcharon" in out


def test_ingest_json_of_seed_001(env, seeds, capsys):
    seed = next(p for p in seeds if p.name.startswith("001"))
    code, out, _ = run(capsys, "ingest", str(seed), "--json")
    assert code == 0
    data = json.loads(out)
    text = "\n".join(p["text"] for p in data[0]["paragraphs"])
    assert "2020—Miners" in text and "ā€" not in text
    assert data[0]["lang"] == "en"


@pytest.mark.parametrize("name, make, message", [
    ("missing.txt", None, "Error: cannot read {p}: no such file"),
    ("empty.txt", lambda p: p.write_text(""), "Error: cannot ingest {p}: the file is empty"),
    ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 4),
     "Error: cannot ingest {p}: it looks like a binary file, not text"),
    ("folder", lambda p: p.mkdir(), "Error: cannot read {p}: it is a directory, not a file"),
    ("scan.pdf", lambda p: p.write_bytes(b"%PDF-1.7"),
     "Error: cannot ingest {p}: not a readable PDF (Failed to open stream)"),
    ("scan.rtf", lambda p: p.write_bytes(b"{\\rtf1 x}"),
     "Error: cannot ingest {p}: unsupported file type '.rtf' (use " + ", ".join(SUPPORTED_SUFFIXES) + ")"),
])
def test_bad_input_is_one_line_exit_2_and_store_unchanged(env, tmp_path, capsys, name, make, message):
    good = tmp_path / "good.txt"
    good.write_text("A perfectly good article about the dock strike in Hamburg.", encoding="utf-8")
    bad = tmp_path / name
    if make:
        make(bad)
    code, out, err = run(capsys, "ingest", str(good), str(bad))  # the good file must not be stored either
    assert code == 2
    assert err == message.format(p=bad) + "\n"
    assert out == ""
    with Store.open(env) as store:
        assert store.documents.count() == 0


def test_undecodable_file_via_cli(env, tmp_path, capsys, monkeypatch):
    import charset_normalizer

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: type("R", (), {"best": lambda s: None})())
    bad = tmp_path / "odd.txt"
    bad.write_bytes(b"Streik \xff\xfe\xfa Hamburg " * 4)
    code, _, err = run(capsys, "ingest", str(bad))
    assert (code, err) == (2, f"Error: cannot ingest {bad}: the text encoding cannot be recognised\n")
    with Store.open(env) as store:
        assert store.documents.count() == 0


def test_docs_show_unknown_id(env, capsys):
    code, _, err = run(capsys, "docs", "show", "42")
    assert (code, err) == (2, "Error: no document with id 42\n")


def test_cli_never_loads_the_demo_and_demo_load_is_idempotent(demo_env, capsys):
    """A first command on a fresh store loads no demo corpus (the app's first
    start and `demo load` do); `demo load` twice adds the documents once."""
    from workbench.demo import DEMO_LOADED_KEY, read_manifest
    from tests.conftest import CORPUS

    manifest = read_manifest(CORPUS)
    code, out, _ = run(capsys, "docs", "list")
    assert code == 0
    with Store.open(demo_env) as store:
        assert store.documents.count() == 0 and store.get_meta(DEMO_LOADED_KEY) is None
    counts = []
    for _ in range(2):
        code, out, _ = run(capsys, "demo", "load")
        assert code == 0
        counts.append(out.strip())
    total, pairs = len(manifest.documents), len(manifest.pairs)
    assert counts == [f"Demo corpus: {total} documents added, 0 already present, {pairs} translation pairs.",
                      f"Demo corpus: 0 documents added, {total} already present, {pairs} translation pairs."]
    with Store.open(demo_env) as store:
        assert store.documents.count() == len(manifest.documents)
        assert len(store.documents.pairs()) == len(manifest.pairs)
