"""`workbench detect`: files, stored documents, --lines, and the seed acceptance (issue 4)."""

from __future__ import annotations

import io
import json

import pytest

from workbench.cli import main

ARTICLE = """# Dockers stop the port

The dockers of the northern port voted on Monday to stay out until the company restores the night bonus.

Messages of support came from Coordinadora Estatal de Estibadores and from Gewerkschaftliche Linke Hamburg.

Bağımsız Maden İş

Los estibadores votaron seguir en huelga hasta que la empresa devuelva el plus nocturno a toda la plantilla.
"""


def run_json(capsys, argv) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_detect_file_json(env, tmp_path, capsys):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    out = run_json(capsys, ["detect", str(path), "--json"])
    assert out["lang"] == "en"
    assert [p["lang"] for p in out["paragraphs"]] == ["en", "en", "en", "tr", "es"]
    spans = [(s["paragraph"], s["text"], s["lang"]) for s in out["spans"]]
    assert spans == [(2, "Coordinadora Estatal de Estibadores", "es"),
                     (2, "Gewerkschaftliche Linke Hamburg", "de"),
                     (3, "Bağımsız Maden İş", "tr")]
    para = out["paragraphs"][2]["text"]
    first = out["spans"][0]
    assert para[first["start"]:first["end"]] == first["text"]


def test_detect_file_table(env, tmp_path, capsys):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["detect", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{path}: en (confidence")
    assert "Gewerkschaftliche Linke Hamburg" in out and "Bağımsız Maden İş" in out
    assert "para  chars" in out


def test_detect_candidates_and_forced_language(env, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The paper of Lotta Comunista was sold at the factory gates every week.\n", encoding="utf-8")
    out = run_json(capsys, ["detect", str(path), "--json", "--candidates", "en,it"])
    assert [(s["text"], s["lang"]) for s in out["spans"]] == [("Lotta Comunista", "it")]
    out = run_json(capsys, ["detect", str(path), "--json", "--lang", "it"])
    assert out["lang"] == "it" and out["confidence"] == 1.0


def test_detect_stored_document(env, tmp_path, capsys):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["ingest", str(path)]) == 0
    capsys.readouterr()
    out = run_json(capsys, ["detect", "--doc", "1", "--json"])
    assert out["source"] == "document 1"
    assert ("Bağımsız Maden İş", "tr") in [(s["text"], s["lang"]) for s in out["spans"]]


def test_detect_lines(env, capsys, monkeypatch):
    lines = "Octubre Rojo\nAvenir Socialiste\n\n   \nILWU\n12345\nGruppe KLASSENKAMPF\nErdoğan'ın\nsindikato\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["detect", "--lines"]) == 0
    assert capsys.readouterr().out.split("\n") == ["es", "fr", "und", "und", "und", "und", "de", "tr", "eo", ""]


def test_detect_lines_with_candidates(env, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Avenir Socialiste\nhuelga general\n"))
    assert main(["detect", "--lines", "--candidates", "es,pt"]) == 0
    # French is not a candidate: the answer is one of the two given
    assert capsys.readouterr().out.split() in (["es", "es"], ["pt", "es"])


@pytest.mark.parametrize("argv, message", [
    (["detect"], "give one FILE"),
    (["detect", "missing.txt"], "missing.txt: no such file"),
    (["detect", "--lines", "x.txt"], "reads standard input"),
    (["detect", "--lines", "--candidates", "en,xx"], "'xx'"),
    (["detect", "--lines", "--candidates", "en"], "at least two"),
    (["detect", "--doc", "99"], "99"),
])
def test_detect_errors(env, capsys, argv, message, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and message in err
    assert "Traceback" not in err


def test_detect_empty_and_digits_files(env, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    assert main(["detect", str(empty)]) == 2
    assert "empty.txt: the file is empty" in capsys.readouterr().err
    digits = tmp_path / "digits.txt"
    digits.write_text("2024 2025\n\n12 000\n", encoding="utf-8")
    out = run_json(capsys, ["detect", str(digits), "--json"])
    assert out["lang"] == "und" and out["spans"] == []


# --- acceptance on the seed documents ------------------------------------------

EXPECTED = {("Bağımsız Maden İş", "tr"), ("Trabajadores Unidos por la Justicia", "es"),
            ("Gruppe KLASSENKAMPF", "de"), ("Lotta Comunista", "it"), ("Internaciema Kolektivista Cirklo", "eo")}


def test_seed_acceptance(env, seeds, capsys):
    found = set()
    for path in seeds:
        out = run_json(capsys, ["detect", str(path), "--json"])
        assert out["lang"] == "en"
        found |= {(s["text"], s["lang"]) for s in out["spans"]}
        if path == seeds[0]:
            first = out
    assert EXPECTED <= found
    # the first article: spans only on names, none inside ordinary English sentences
    assert first["spans"]
    for span in first["spans"]:
        words = span["text"].replace("-", " ").split()
        assert words[0][0].isupper(), span
        assert all(w[0].isupper() or w in ("ve", "de", "la", "por", "y") for w in words), span


def test_detect_keeps_a_slogan_whole(env, tmp_path, capsys):
    # the middle `ya` of a Turkish slogan in an English report was left out
    path = tmp_path / "report.txt"
    path.write_text("The workers marched through the district chanting Ya hep beraber ya hiçbirimiz "
                    "until the police came.\n", encoding="utf-8")
    out = run_json(capsys, ["detect", str(path), "--json", "--no-glossary"])
    assert [(s["text"], s["lang"]) for s in out["spans"]] == [("Ya hep beraber ya hiçbirimiz", "tr")]
