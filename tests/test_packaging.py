"""The package metadata a pip install builds: a license setuptools 77+ reads without a
deprecation warning (an SPDX expression, not the ``{ text = ... }`` table)."""

from __future__ import annotations

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
