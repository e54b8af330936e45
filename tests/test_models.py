"""Model management: discovery, install from .argosmodel (and refusals), index install offline, remove."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.tinyargos import argos_environ, build_argosmodel, build_package
from workbench.cli import main
from workbench.errors import InputError, ModelError, NotFoundError
from workbench.settings import load_settings
from workbench.translate.models import (argos_packages_dir, find_route, install_file, install_pair, list_models,
                                        remove_model, validate_archive)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return build_argosmodel(tmp_path_factory.mktemp("pkg") / "translate-en_es-1_0.argosmodel", "en", "es")


@pytest.fixture
def argos_dir(env, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


def _settings():
    return load_settings()


def test_install_list_remove(argos_dir, archive):
    settings = _settings()
    assert list_models(settings) == []
    model = install_file(settings, archive)
    assert (model.pair, model.package_version, model.location, model.tokenizer) == ("en-es", "1.0", "workbench",
                                                                                  "sentencepiece")
    assert model.path.parent == settings.models_dir and (model.path / "model" / "model.bin").is_file()
    assert model.size_bytes > 10_000
    build_package(argos_dir, "es", "en")                 # installed where argospm puts packages
    found = {m.pair: m.location for m in list_models(settings)}
    assert found == {"en-es": "workbench", "es-en": "argos"}
    assert not [p for p in settings.models_dir.iterdir() if p.name.startswith(".")]  # no staging left
    assert remove_model(settings, "en_es").pair == "en-es"
    assert [m.pair for m in list_models(settings)] == ["es-en"]
    with pytest.raises(NotFoundError, match="no installed model 'en-es'"):
        remove_model(settings, "en-es")


def test_reinstall_replaces_the_same_pair(argos_dir, archive, tmp_path):
    settings = _settings()
    install_file(settings, archive)
    newer = build_argosmodel(tmp_path / "newer.argosmodel", "en", "es", version="1.1", seed=3)
    assert install_file(settings, newer).package_version == "1.1"
    assert [(m.pair, m.package_version) for m in list_models(settings)] == [("en-es", "1.1")]


def test_argos_default_folder_follows_xdg():
    assert argos_packages_dir({"XDG_DATA_HOME": "/x/data"}) == Path("/x/data/argos-translate/packages")
    assert argos_packages_dir({"ARGOS_PACKAGES_DIR": "/p", "XDG_DATA_HOME": "/x"}) == Path("/p")
    assert argos_packages_dir({}).parts[-3:] == ("share", "argos-translate", "packages")


def test_broken_package_folders_are_skipped(argos_dir):
    (argos_dir / "translate-xx_yy").mkdir(parents=True)
    (argos_dir / "translate-xx_yy" / "metadata.json").write_text("{not json", encoding="utf-8")
    build_package(argos_dir, "en", "de")
    assert [m.pair for m in list_models(_settings())] == ["en-de"]


def _zip(path: Path, entries: dict[str, bytes], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return path


META = json.dumps({"from_code": "en", "to_code": "es", "package_version": "1", "type": "translate"}).encode()
GOOD = {"p/metadata.json": META, "p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}


@pytest.mark.parametrize("entries, link, message", [
    ({"p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}, None, "metadata.json is missing"),
    ({"p/metadata.json": META, "p/sentencepiece.model": b"x"}, None, "model/model.bin is missing"),
    ({"p/metadata.json": META, "p/model/model.bin": b"x"}, None, "tokenizer"),
    ({**GOOD, "p/metadata.json": b"{oops"}, None, "metadata.json is not valid JSON"),
    ({**GOOD, "p/metadata.json": b'{"to_code": "es"}'}, None, "field from_code is missing"),
    ({**GOOD, "p/../../evil.txt": b"x"}, None, "unsafe path"),
    ({**GOOD, "/abs/evil.txt": b"x"}, None, "unsafe path"),
    (GOOD, "p/link", "holds a link"),
    ({**GOOD, "q/other.txt": b"x"}, None, "one package folder"),
    ({**GOOD, "p/model/huge.bin": b"\0" * (8 * 1024 * 1024)}, None, "zip bomb"),
])
def test_hostile_or_broken_archives_are_refused(argos_dir, tmp_path, entries, link, message):
    path = _zip(tmp_path / "bad.argosmodel", entries, link=link)
    with pytest.raises(InputError, match=message) as err:
        install_file(_settings(), path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)
    assert not _settings().models_dir.exists() or not any(_settings().models_dir.iterdir())
    assert not (tmp_path / "evil.txt").exists()


def test_not_a_zip_and_missing_file(argos_dir, tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"this is not a zip file at all")
    with pytest.raises(InputError, match="not a zip archive"):
        validate_archive(junk)
    with pytest.raises(InputError, match="no such file"):
        install_file(_settings(), tmp_path / "missing.argosmodel")


def test_install_pair_offline_is_one_clear_line(argos_dir, tmp_path):
    settings = _settings()
    with pytest.raises(ModelError) as err:
        install_pair(settings, "en", "es", index_url="http://127.0.0.1:9/", timeout=2)
    message = str(err.value)
    assert "\n" not in message and "offline?" in message and "127.0.0.1:9" in message
    assert not list_models(settings)


def test_install_pair_from_a_local_index(argos_dir, tmp_path, archive):
    index = tmp_path / "index.json"
    index.write_text(json.dumps([{"from_code": "en", "to_code": "es", "type": "translate",
                                  "links": [archive.as_uri()]}]), encoding="utf-8")
    settings = _settings()
    assert install_pair(settings, "en", "es", index_url=index.as_uri()).pair == "en-es"
    with pytest.raises(NotFoundError, match="no package for en->tr"):
        install_pair(settings, "en", "tr", index_url=index.as_uri())


def test_route_direct_pivot_and_missing(argos_dir):
    for src, tgt in [("es", "en"), ("en", "de"), ("en", "es")]:
        build_package(argos_dir, src, tgt)
    models = list_models(_settings())
    assert [m.pair for m in find_route(models, "en", "de")] == ["en-de"]
    assert [m.pair for m in find_route(models, "es", "de")] == ["es-en", "en-de"]
    with pytest.raises(NotFoundError, match="no translation model for de->tr.*workbench models install de tr"):
        find_route(models, "de", "tr")


def test_cli_models_list_install_remove(argos_dir, archive, tmp_path, capsys):
    assert main(["models", "list"]) == 0
    assert "No translation models installed" in capsys.readouterr().out
    assert main(["models", "install", str(archive)]) == 0
    assert "Installed en-es 1.0" in capsys.readouterr().out
    assert main(["models", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(m["pair"], m["version"], m["location"]) for m in listed] == [("en-es", "1.0", "workbench")]
    assert main(["models", "list"]) == 0
    assert "en-es" in capsys.readouterr().out
    assert main(["models", "install", str(tmp_path / "nope.argosmodel")]) == 2
    assert capsys.readouterr().err.strip().startswith("Error: cannot read")
    assert main(["models", "install", "en", "es", "--index", "http://127.0.0.1:9/"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: cannot download the Argos package index") and err.count("\n") == 1
    assert main(["models", "install", "a", "b", "c"]) == 2
    assert main(["models", "remove", "en-es"]) == 0
    assert "Removed en-es" in capsys.readouterr().out


def test_argostranslate_reads_the_same_packages(tmp_path):
    """argostranslate's own package module finds and accepts the tiny package (no torch imported)."""
    import importlib.util

    if importlib.util.find_spec("argostranslate") is None:
        pytest.skip("argostranslate is not installed")
    env = {**os.environ, **argos_environ(tmp_path)}
    build_package(env["ARGOS_PACKAGES_DIR"], "en", "es")
    code = ("import sys, argostranslate.package as p; pk = p.get_installed_packages(); "
            "print([(x.from_code, x.to_code, str(x.package_version)) for x in pk], 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('en', 'es', '1.0')] False"
