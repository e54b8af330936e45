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
    assert (model.pair, model.package_version, model.location, model.tokenizer) == ("en-es", "1.0", "argos",
                                                                                  "sentencepiece")
    assert model.path.parent == argos_dir and (model.path / "model" / "model.bin").is_file()
    assert model.size_bytes > 10_000
    build_package(settings.models_dir, "es", "en")       # the workbench's older models folder is still read
    found = {m.pair: m.location for m in list_models(settings)}
    assert found == {"en-es": "argos", "es-en": "workbench"}
    assert not [p for p in argos_dir.iterdir() if p.name.startswith(".")]  # no staging left
    assert remove_model(settings, "en_es").pair == "en-es"
    assert [m.pair for m in list_models(settings)] == ["es-en"]
    with pytest.raises(NotFoundError, match="no installed model 'en-es'"):
        remove_model(settings, "en-es")


def test_reinstall_replaces_the_same_pair(argos_dir, archive, tmp_path):
    settings = _settings()
    install_file(settings, archive)
    build_package(argos_dir, "en", "es", version="0.9")   # one argospm installed under its own folder name
    newer = build_argosmodel(tmp_path / "newer.argosmodel", "en", "es", version="1.1", seed=3)
    assert install_file(settings, newer).package_version == "1.1"
    assert [(m.pair, m.package_version) for m in list_models(settings)] == [("en-es", "1.1")]
    assert [p.name for p in argos_dir.iterdir()] == ["translate-en_es"]


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
    assert not argos_dir.exists() or not any(argos_dir.iterdir())
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
    assert [(m["pair"], m["version"], m["location"]) for m in listed] == [("en-es", "1.0", "argos")]
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


def test_argostranslate_reads_the_same_packages(tmp_path, archive):
    """argostranslate's own package module finds what the workbench installed (no torch imported)."""
    import importlib.util

    if importlib.util.find_spec("argostranslate") is None:
        pytest.skip("argostranslate is not installed")
    env = {**os.environ, **argos_environ(tmp_path)}
    install_file(load_settings(environ=env), archive, env)
    code = ("import sys, argostranslate.package as p; pk = p.get_installed_packages(); "
            "print([(x.from_code, x.to_code, str(x.package_version)) for x in pk], 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[('en', 'es', '1.0')] False"


def _hostile_archive(tmp_path: Path, *, meta: dict | None = None, junk: str | None = None) -> Path:
    """A real tiny package with its metadata changed or one of its files replaced by junk."""
    pkg = build_package(tmp_path / "build", "en", "es")
    if meta:
        data = json.loads((pkg / "metadata.json").read_text(encoding="utf-8"))
        (pkg / "metadata.json").write_text(json.dumps({**data, **meta}), encoding="utf-8")
    if junk:
        (pkg / junk).write_bytes(b"\x00junk, not a model\xff" * 50)
    path = tmp_path / "hostile.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        for file in sorted(pkg.rglob("*")):
            if file.is_file():
                zf.write(file, f"{pkg.name}/{file.relative_to(pkg).as_posix()}")
    return path


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if "build" not in p.relative_to(root).parts}


@pytest.mark.parametrize("field", ["from_code", "to_code"])
def test_language_code_escaping_the_folder_is_refused(argos_dir, tmp_path, capsys, field):
    path = _hostile_archive(tmp_path, meta={field: "en_es/../../../../escaped"})
    before = _tree(tmp_path)
    assert main(["models", "install", str(path)]) == 2
    assert capsys.readouterr().err == (f"Error: {path}: metadata.json: field {field} 'en_es/../../../../escaped' "
                                       "is not a language code (ISO 639, like en or spa)\n")
    assert _tree(tmp_path) == before
    # '../' four times from the install folder: nothing named escaped* in any folder above it
    # (a walk of all of /tmp raced with other programs' temporary files)
    assert not [p for parent in list(argos_dir.parents)[:6] for p in parent.glob("escaped*")]
    assert not argos_dir.exists() or not any(argos_dir.iterdir())


@pytest.mark.parametrize("code", ["..", "/etc", "en/..", "EN", "e", "english", "en-", "en es", "en\n"])
def test_only_iso_639_like_codes_pass(argos_dir, tmp_path, code):
    path = _hostile_archive(tmp_path, meta={"to_code": code})
    with pytest.raises(InputError, match="is not a language code"):
        install_file(_settings(), path)
    assert not argos_dir.exists() or not any(argos_dir.iterdir())


@pytest.mark.parametrize("code", ["es", "spa", "zt", "pt-BR", "zh-Hant"])
def test_real_argos_codes_pass(argos_dir, tmp_path, code):
    assert install_file(_settings(), _hostile_archive(tmp_path, meta={"to_code": code})).to_code == code


@pytest.mark.parametrize("junk, what", [("model/model.bin", "model/model.bin does not load in CTranslate2"),
                                        ("sentencepiece.model", "sentencepiece.model does not load")])
def test_a_model_that_does_not_load_is_not_installed(argos_dir, tmp_path, capsys, junk, what):
    path = _hostile_archive(tmp_path, junk=junk)
    before = _tree(tmp_path)
    assert main(["models", "install", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {path}: {what}") and err.endswith("; nothing was installed\n")
    assert err.count("\n") == 1 and "Installed" not in err
    assert _tree(tmp_path) - before <= {"argos-packages"} and not any(argos_dir.iterdir())
    assert list_models(_settings()) == []


def test_a_package_reinstalled_over_a_good_one_that_fails_keeps_the_good_one(argos_dir, tmp_path, archive):
    good = install_file(_settings(), archive)
    with pytest.raises(ModelError, match="does not load"):
        install_file(_settings(), _hostile_archive(tmp_path, junk="model/model.bin"))
    assert [(m.pair, m.path) for m in list_models(_settings())] == [("en-es", good.path)]


def test_links_out_of_a_package_folder_are_not_followed(argos_dir, tmp_path):
    pkg = build_package(argos_dir, "en", "de")
    outside = tmp_path / "outside.bin"
    (pkg / "model" / "model.bin").rename(outside)
    (pkg / "model" / "model.bin").symlink_to(outside)
    assert list_models(_settings()) == []


def test_the_app_upload_refuses_hostile_packages_the_same_way(argos_dir, tmp_path):
    from workbench.translate.models import install_upload

    data = _hostile_archive(tmp_path, meta={"from_code": "../../x"}).read_bytes()
    with pytest.raises(InputError) as err:
        install_upload(_settings(), "../../evil.argosmodel", data)
    assert str(err.value) == ("evil.argosmodel: metadata.json: field from_code '../../x' is not a language code "
                              "(ISO 639, like en or spa)")
    assert not argos_dir.exists() or not any(argos_dir.iterdir())


def test_index_install_checks_the_codes_before_any_download(argos_dir, capsys):
    assert main(["models", "install", "en", "../es", "--index", "http://127.0.0.1:9/"]) == 2
    assert capsys.readouterr().err == "Error: '../es' is not a language code (ISO 639, like en or spa)\n"
