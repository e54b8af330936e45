"""Translation memory TMX import/export, in the core and through `workbench tm`."""

from __future__ import annotations

import json

import pytest

from workbench import tm
from workbench.cli import main
from workbench.errors import FormatError, InputError
from workbench.formats.tmx import TmxUnit, read_tmx, write_tmx
from workbench.store import Store

UNITS = [
    TmxUnit({"en": "The strike goes on.", "es": "La huelga continúa.", "de": "Der Streik geht weiter."},
            props={"x-origin": "review"}, creationid="ana"),
    TmxUnit({"en-GB": "Rents rose again.", "es-ES": "Los alquileres subieron otra vez."}),
    TmxUnit({"en": "Only one side."}),
]


def test_import_makes_a_unit_per_ordered_language_pair(store, tmp_path):
    path = tmp_path / "in.tmx"
    write_tmx(UNITS, path, "en")
    assert tm.import_tmx(store, path, user="bo") == 6 + 2
    assert store.tm.pairs() == [("de", "en", 1), ("de", "es", 1), ("en", "de", 1), ("en", "es", 2),
                                ("es", "de", 1), ("es", "en", 2)]
    unit = store.tm.units("en", "es")[0]
    assert (unit.origin, unit.created_by) == ("review", "ana")
    assert store.tm.units("en", "es")[1].created_by == "bo"          # no creationid: the importing user
    assert tm.lookup(store, "Rents rose again.", "en", "es").exact.target == "Los alquileres subieron otra vez."


def test_import_only_from_one_source_language(store, tmp_path):
    path = tmp_path / "in.tmx"
    write_tmx(UNITS, path, "en")
    assert tm.import_tmx(store, path, src_lang="en") == 3
    assert {a for a, _, _ in store.tm.pairs()} == {"en"}


def test_import_is_all_or_nothing(store, tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'
                    '<tu><tuv xml:lang="en"><seg>ok</seg></tuv><tuv xml:lang="es"><seg>vale</seg></tuv></tu>'
                    '<tu><tuv xml:lang="en"><seg>broken', encoding="utf-8")
    with pytest.raises(FormatError, match="bad.tmx"):
        tm.import_tmx(store, path)
    assert store.tm.count() == 0


def test_export_round_trip(store, tmp_path):
    store.tm.add_unit("en", "es", "Solidarity.", "Solidaridad.", "review", "ana")
    store.tm.add_unit("en", "tr", "Solidarity.", "Dayanışma.", "post-edit", "ana")
    path = tmp_path / "out.tmx"
    assert tm.export_tmx(store, path, "en", "tr") == 1
    units = read_tmx(path)
    assert [u.segments for u in units] == [{"en": "Solidarity.", "tr": "Dayanışma."}]
    assert units[0].props["x-origin"] == "post-edit"
    assert tm.export_tmx(store, path) == 2
    with Store.open(tmp_path / "other.sqlite3") as other:
        assert tm.import_tmx(other, path) == 4
        assert tm.lookup(other, "Solidarity.", "en", "tr").exact.target == "Dayanışma."
        with pytest.raises(InputError, match="no units for de->"):
            tm.export_tmx(other, tmp_path / "none.tmx", "de")
    assert not (tmp_path / "none.tmx").exists()


def test_cli_tm_import_list_export(env, tmp_path, capsys):
    path = tmp_path / "in.tmx"
    write_tmx(UNITS[:1], path, "en")
    assert main(["tm", "import", str(path), "--from", "en"]) == 0
    assert "2 translation memory units" in capsys.readouterr().out
    assert main(["tm", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"src_lang": "en", "tgt_lang": "de", "units": 1},
                                                   {"src_lang": "en", "tgt_lang": "es", "units": 1}]
    out = tmp_path / "out.tmx"
    assert main(["tm", "export", str(out), "--to", "es"]) == 0
    assert [u.segments for u in read_tmx(out)] == [{"en": "The strike goes on.", "es": "La huelga continúa."}]
    assert main(["tm", "import", str(tmp_path / "missing.tmx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "missing.tmx" in err and err.count("\n") == 1
