"""Every command that reads a file answers a folder, a missing file or bad bytes
with one line naming the path and exit status 2, never a traceback."""

from __future__ import annotations

import pytest

from workbench.cli import main


@pytest.mark.parametrize("argv, folder_name", [
    (["glossary", "import", "{folder}"], "terms.tbx"),
    (["glossary", "import", "{folder}"], "terms.csv"),
    (["glossary", "import", "{folder}"], "terms.toml"),
    (["tm", "import", "{folder}"], "memory.tmx"),
])
def test_a_folder_where_a_file_belongs_is_a_one_line_error(env, tmp_path, capsys, argv, folder_name):
    folder = tmp_path / folder_name
    folder.mkdir()
    code = main([a.format(folder=folder) for a in argv])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert str(folder) in err and "Traceback" not in err


def test_a_glossary_that_is_not_utf8_names_the_byte(env, tmp_path, capsys):
    bad = tmp_path / "terms.csv"
    bad.write_bytes("concept_id,lang,text\nstrike,de,Stre\xefk\n".encode("latin-1"))
    code = main(["glossary", "import", str(bad)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"Error: {bad}: not UTF-8 text (byte 35)\n"
