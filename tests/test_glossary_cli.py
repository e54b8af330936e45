"""`workbench glossary …` through the CLI, on an isolated store."""

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.glossary.canonical import load_glossary

SHARED = Path(__file__).resolve().parent.parent / "glossaries" / "political-terms.toml"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_and_show_the_shared_glossary(env, capsys):
    code, out, _ = run(capsys, "glossary", "list", "--search", "lokavt", "--lang", "tr")
    assert code == 0 and "lockout" in out
    code, out, _ = run(capsys, "glossary", "show", "strike", "--json")
    data = json.loads(out)
    assert data["id"] == "strike" and any(t["text"] == "grev" for t in data["terms"])
    code, _, err = run(capsys, "glossary", "show", "no-such-concept")
    assert code == 2 and err.startswith("Error: no glossary concept with id 'no-such-concept'")
    code, _, err = run(capsys, "glossary", "history", "no-such-concept")
    assert code == 2 and err.startswith("Error: no glossary concept with id 'no-such-concept'")


def test_list_shows_each_languages_preferred_term_before_cutting(env, capsys):
    # the list cut its line at 90 characters, inside the German and English
    # forbidden terms: "regime union" showed no Spanish or Turkish term at all
    code, out, _ = run(capsys, "glossary", "list", "--search", "regime union")
    line = next(row for row in out.splitlines() if row.startswith("regime-union "))
    terms = line.split("  ")[-1]
    assert code == 0
    assert terms.startswith("de:Regimegewerkschaft; en:regime union; es:sindicato del régimen; tr:rejim sendikası")
    assert terms.endswith("more") and "forbidden" not in terms


def test_find_reports_inflected_terms(env, capsys):
    code, out, _ = run(capsys, "glossary", "find", "Proletaryanın sınıf mücadelesinde grevler.", "--lang", "tr",
                       "--json")
    found = [(m["matched"], m["concept_id"]) for m in json.loads(out)]
    assert code == 0
    assert ("Proletaryanın", "proletariat") in found and ("sınıf mücadelesinde", "class-struggle") in found


def test_check_exit_status_follows_the_findings(env, capsys):
    code, out, _ = run(capsys, "glossary", "check", "The regime union signed.", "Rejim sendikası imzaladı.",
                       "--src", "en", "--tgt", "tr")
    assert code == 0 and out.startswith("ok")
    code, out, _ = run(capsys, "glossary", "check", "The regime union signed.", "Sarı sendika imzaladı.",
                       "--src", "en", "--tgt", "tr")
    assert code == 1 and out.startswith("forbidden")


def test_check_says_when_a_term_comes_from_a_draft_concept(env, capsys):
    code, out, _ = run(capsys, "glossary", "check", "An alliance of the unions.", "Sendikaların ittifakı.",
                       "--src", "en", "--tgt", "tr")
    line = next(row for row in out.splitlines() if "(alliance)" in row)
    assert code == 0 and line.startswith("ok") and line.endswith("[draft concept, awaiting a second translator]")
    code, out, _ = run(capsys, "glossary", "check", "The regime union signed.", "Rejim sendikası imzaladı.",
                       "--src", "en", "--tgt", "tr")
    approved = next(row for row in out.splitlines() if "(regime-union)" in row)
    assert "draft" not in approved


@pytest.mark.parametrize("ext", ["tbx", "csv", "toml"])
def test_export_then_import_changes_nothing(env, capsys, tmp_path, ext):
    path = tmp_path / f"out.{ext}"
    code, out, _ = run(capsys, "glossary", "export", str(path))
    assert code == 0 and path.exists()
    code, out, _ = run(capsys, "glossary", "import", str(path))
    concepts = len(load_glossary(SHARED).concepts)
    assert code == 0 and f"0 concepts added, 0 changed, 0 conflicting (not imported), {concepts} unchanged" in out
    if ext == "toml":
        assert path.read_bytes() == SHARED.read_bytes()


def test_omegat_export_and_import_of_a_new_entry(env, capsys, tmp_path):
    path = tmp_path / "en-de.tsv"
    assert run(capsys, "glossary", "export", str(path))[0] == 2           # a pair needs its languages
    assert run(capsys, "glossary", "export", str(path), "--src", "en", "--tgt", "de")[0] == 0
    assert "strike\tStreik\t[strike]" in path.read_text(encoding="utf-8")
    new = tmp_path / "new.tsv"
    new.write_text("strike kitchen\tStreikküche\n", encoding="utf-8")
    code, out, _ = run(capsys, "glossary", "import", str(new), "--src", "en", "--tgt", "de")
    assert code == 0 and "1 concepts added" in out
    code, out, _ = run(capsys, "glossary", "history", "strike-kitchen")
    assert "imported" in out and "tester" in out


def test_bad_files_give_one_line_errors(env, capsys, tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text>", encoding="utf-8")
    code, _, err = run(capsys, "glossary", "import", str(bad))
    assert code == 2 and err.startswith(f"Error: {bad}: line 1") and err.count("\n") == 1
    code, _, err = run(capsys, "glossary", "import", str(tmp_path / "g.xlsx"))
    assert code == 2 and "unknown glossary format '.xlsx'" in err


def test_candidates_without_aligned_pairs(env, capsys):
    code, out, _ = run(capsys, "glossary", "candidates", "--src", "en", "--tgt", "de")
    assert code == 0 and "No candidates" in out


def test_exported_tbx_has_the_political_vocabulary_in_four_languages(env, capsys, tmp_path):
    """Issue 12: at least 600 concepts besides names, each with a preferred term in en/es/de/tr,
    and every concept (names too) with terms in those four languages."""
    from workbench.formats.tbx import loads_tbx

    path = tmp_path / "x.tbx"
    assert run(capsys, "glossary", "export", str(path))[0] == 0
    exported = loads_tbx(path.read_bytes(), name=str(path))
    four = {"en", "es", "de", "tr"}
    ordinary = [c for c in exported.concepts if not c.is_name]
    lacking = [c.id for c in ordinary if not four <= {t.lang for t in c.terms if t.status == "preferred"}]
    assert len(ordinary) >= 600 and lacking == []
    assert [c.id for c in exported.concepts if not four <= set(c.languages)] == []
    # nouns and adjectives of the -isms are separate concepts
    assert exported.concept("communist").terms_in("de")[0].text == "kommunistisch"
    assert exported.concept("communist-person").terms_in("de")[0].text == "Kommunist"
