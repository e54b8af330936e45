"""Start-up cost: a command imports only what it needs.

Each check runs in a fresh interpreter (``sys.modules`` of the test process is
already full) and lists which heavy modules got imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# Third-party libraries and our own modules that cost milliseconds to import and that
# registering the commands (or listing documents) never needs.
HEAVY = ("ftfy", "charset_normalizer", "langdetect", "lingua", "wordfreq", "ctranslate2", "sentencepiece",
         "markdown_it", "fitz", "pymupdf", "docx", "odf", "lxml", "rapidfuzz", "snowballstemmer", "streamlit",
         "defusedxml", "numpy", "urllib.request", "workbench.ingest", "workbench.langid", "workbench.library",
         "workbench.glossary.matcher", "workbench.translate.argos",
         "workbench.review", "workbench.align")


def heavy_imports(code: str, env: dict | None = None) -> list[str]:
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        heavy = {HEAVY!r}
        print(json.dumps(sorted(m for m in heavy if m in sys.modules)))
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_nothing_heavy():
    assert heavy_imports("import workbench.cli") == []


def test_building_every_command_parser_imports_nothing_heavy():
    assert heavy_imports("from workbench.cli import build_parser\nbuild_parser()") == []


def test_help_prints_and_imports_nothing_heavy():
    code = """
        import contextlib, io
        from workbench.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                main(["translate", "--help"])
            except SystemExit as exc:
                assert exc.code == 0, exc.code
        assert "--to" in out.getvalue()
        """
    assert heavy_imports(code) == []


def test_docs_list_on_a_fresh_store_imports_nothing_heavy(tmp_path):
    import os

    env = {**os.environ, "WORKBENCH_DB": str(tmp_path / "w.sqlite3"), "WORKBENCH_DATA_DIR": str(tmp_path / "data")}
    code = """
        import contextlib, io
        from workbench.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["docs", "list", "--json"]) == 0
        assert out.getvalue().strip() == "[]", out.getvalue()
        """
    assert heavy_imports(code, env) == []
    assert (tmp_path / "w.sqlite3").exists()


def test_the_glossary_package_still_exports_its_names():
    import workbench.glossary as glossary

    assert set(glossary.__all__) <= set(dir(glossary))
    assert glossary.TermMatcher.__name__ == "TermMatcher"
    assert callable(glossary.check_pair)
    try:
        glossary.no_such_name
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def _openblas_threads_seen_by_numpy(env: dict) -> str:
    """OPENBLAS_NUM_THREADS as a command's numpy import finds it (numpy reads it then)."""
    code = "import os, workbench.cli, numpy; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_commands_run_numpy_on_one_blas_thread_unless_told_otherwise():
    import os

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _openblas_threads_seen_by_numpy(env) == "1"
    assert _openblas_threads_seen_by_numpy({**env, "OPENBLAS_NUM_THREADS": "4"}) == "4"
