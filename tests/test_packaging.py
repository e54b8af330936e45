"""The package metadata a pip install builds: a license setuptools 77+ reads without a
deprecation warning (an SPDX expression, not the ``{ text = ... }`` table)."""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement

import tomllib

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_license_is_an_spdx_expression_in_its_canonical_form():
    license = PYPROJECT["project"]["license"]
    assert isinstance(license, str), "a table ({ text = ... }) is deprecated by setuptools 77"
    assert canonicalize_license_expression(license) == license == "GPL-3.0-or-later"
    assert not any(c.startswith("License ::") for c in PYPROJECT["project"].get("classifiers", ()))


def test_the_build_needs_a_setuptools_that_reads_an_spdx_license():
    [setuptools] = [Requirement(r) for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    assert not setuptools.specifier.contains("76.2.0") and setuptools.specifier.contains("77.0.0")


def test_the_workbench_command_runs_main_with_start_up_frozen(tmp_path):
    """The console script calls ``workbench.cli.run``: ``main``'s exit status, start-up's objects
    frozen out of the collector's sight (``gc.get_freeze_count``)."""
    import subprocess

    assert PYPROJECT["project"]["scripts"]["workbench"] == "workbench.cli:run"
    code = ("import atexit, gc, sys; sys.argv = ['workbench', '--version'];"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 1000));"
            "from workbench.cli import run; run()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "workbench" in done.stdout and "frozen True" in done.stdout
