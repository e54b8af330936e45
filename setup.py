"""The optional C extension of the alignment search's bead costs (``workbench/align/_fastcost.c``).

Everything else is in pyproject.toml. The extension is optional: where it cannot be built (no C
compiler, no Python headers) the install goes on without it, and ``workbench.align.dp`` computes
the same costs in Python (identical values, slower)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension(
    "workbench.align._fastcost", ["workbench/align/_fastcost.c"], optional=True,
    # no fused multiply-add: every cost must round as the Python code's does
    extra_compile_args=["-O2", "-ffp-contract=off"],
)])
