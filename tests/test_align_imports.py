"""`workbench align` loads only what its options need (its start-up is most of a 1,000-sentence run).

Each check runs the command in a fresh interpreter and lists which of the modules
below it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

WATCHED = ("workbench.store", "numpy", "workbench.align", "workbench.review", "workbench.langid", "lingua",
           "langdetect", "workbench.segment", "ftfy", "charset_normalizer", "workbench.library",
           "workbench.glossary.matcher", "workbench.glossary.morphology", "workbench.align.dictionary",
           "workbench.translate.argos", "ctranslate2", "workbench.translate.engine", "workbench.translate.jobs",
           "streamlit", "workbench.store.tm", "workbench.store.jobs", "workbench.store.users",
           "workbench.align.vecsearch", "workbench.align.model1")


def imported(code: str, env: dict | None = None, watched: tuple[str, ...] = WATCHED) -> set[str]:
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        print(json.dumps(sorted(m for m in {watched!r} if m in sys.modules)))
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def align_code(*options: str) -> str:
    return f"""
        import contextlib, io, sys
        from workbench.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["align", sys.argv[1], sys.argv[2], "--presegmented", *{list(options)!r}])
        assert code == 0, code
        """


def run_align(tmp_path, *options: str, texts: tuple[str, str] | None = None, env: dict | None = None,
              watched: tuple[str, ...] = WATCHED) -> set[str]:
    src, tgt = tmp_path / "en.txt", tmp_path / "de.txt"
    source, target = texts or ("The strike ended in May.\nWages rose by 5 percent.\n",
                               "Der Streik endete im Mai.\nDie Löhne stiegen um 5 Prozent.\n")
    src.write_text(source, encoding="utf-8")
    tgt.write_text(target, encoding="utf-8")
    env = {**os.environ, **(env or {}), "WORKBENCH_DB": str(tmp_path / "w.sqlite3"),
           "WORKBENCH_DATA_DIR": str(tmp_path / "data"), "WORKBENCH_CORPUS": str(tmp_path)}
    code = align_code(*options).replace("sys.argv[1], sys.argv[2]", f"{str(src)!r}, {str(tgt)!r}")
    return imported(code, env, watched)


def test_registering_the_commands_opens_no_store_and_imports_no_aligner():
    assert imported("from workbench.cli import build_parser\nbuild_parser()") == set()


def test_align_with_given_languages_detects_nothing_segments_nothing_and_cleans_nothing(tmp_path):
    found = run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de", "--unit", "sentence",
                      watched=WATCHED + ("shutil", "difflib"))
    assert {"workbench.store", "workbench.align", "workbench.review",
            "workbench.glossary.matcher"} <= found   # what the work needs (the shared glossary is evidence)
    assert not found & {"workbench.langid", "lingua", "langdetect", "workbench.segment", "ftfy",
                        "charset_normalizer", "workbench.library", "workbench.align.dictionary",
                        "workbench.translate.argos", "ctranslate2",
                        "shutil", "difflib"}   # (argparse's terminal width, the glossary's suggestions)


def test_align_imports_no_translation_app_memory_jobs_or_users_code(tmp_path):
    # the store opens the translation memory, the jobs and the users on first use (the users: to
    # load the shared glossary into a new store, which the first command does)
    run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de")
    found = run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de", "--unit", "sentence")
    assert "workbench.store" in found
    assert not found & {"workbench.translate.engine", "workbench.translate.jobs", "streamlit",
                        "workbench.store.tm", "workbench.store.jobs", "workbench.store.users"}


def test_the_store_opens_the_memory_jobs_and_users_on_first_use(tmp_path):
    code = f"""
        from workbench.store import Store
        store = Store.open({str(tmp_path / "w.sqlite3")!r})
        assert store.tm is store.tm and store.jobs.list() == [] and store.users is store.users
        """
    assert {"workbench.store.tm", "workbench.store.jobs", "workbench.store.users"} <= imported(code)


def test_align_without_the_glossary_loads_no_matcher(tmp_path):
    found = run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de", "--no-glossary")
    assert "workbench.review" in found
    assert not found & {"workbench.glossary.matcher", "workbench.glossary.morphology", "workbench.langid"}


def test_align_with_the_c_extension_imports_no_numpy(tmp_path):
    """numpy's import was a tenth of a 1,000-sentence alignment's instructions: with the extension
    built, both searches and the learnt table run without it; without it they run in numpy (the
    same text, so the check covers both searches and the table)."""
    import pytest

    pytest.importorskip("workbench.align._fastcost")
    cities = "Berlin Madrid Ankara Paris Wien Bilbao Izmir Lyon Bremen Sevilla".split()
    source = "".join(f"In {1900 + k} the {k} strikers of {cities[k % 10]} marched.\n" for k in range(60))
    target = "".join(f"Im Jahr {1900 + k} marschierten die {k} Streikenden von {cities[k % 10]}.\n" for k in range(60))
    options = ("--src-lang", "en", "--tgt-lang", "de", "--unit", "sentence")
    numpy_code = {"numpy", "workbench.align.vecsearch", "workbench.align.model1"}
    assert not run_align(tmp_path, *options, texts=(source, target)) & numpy_code
    pure = run_align(tmp_path, *options, texts=(source, target), env={"WORKBENCH_ALIGN_PURE_PYTHON": "1"})
    assert numpy_code <= pure


def test_the_terminal_width_is_the_one_shutil_finds(monkeypatch):
    """The parser finds the terminal's width itself (argparse's own imports shutil): $COLUMNS,
    else the terminal of the standard output, else 80, as ``shutil.get_terminal_size``."""
    import shutil

    from workbench.cli import terminal_width

    for columns in ("50", "200", "", "x", "-3"):
        monkeypatch.setenv("COLUMNS", columns)
        assert terminal_width() == shutil.get_terminal_size().columns
    monkeypatch.delenv("COLUMNS")
    assert terminal_width() == shutil.get_terminal_size().columns
    widths = []
    for columns in ("50", "200"):
        env = {**os.environ, "COLUMNS": columns}
        done = subprocess.run([sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main())",
                               "align", "--help"], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0 and "--presegmented" in done.stdout
        widths.append(max(map(len, done.stdout.splitlines())))
    assert widths[0] < 60 < 100 < widths[1]   # the help wraps to the width


def test_align_on_a_store_that_holds_the_glossary_imports_no_typing(tmp_path):
    """The modules an alignment runs name their types from collections.abc and import the rest for
    type checkers only (typing's import is ~2 ms of a command; a new store reads the glossary's
    TOML once, whose parser imports it)."""
    run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de")
    assert "typing" not in run_align(tmp_path, "--src-lang", "en", "--tgt-lang", "de", "--unit", "sentence",
                                     watched=WATCHED + ("typing",))
