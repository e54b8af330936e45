"""Every registered reader, fed random and mutated files: a result or one WorkbenchError
with a message, never another exception (time-boxed: a few seconds in all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.errors import WorkbenchError
from workbench.formats.base import ReadLog, registry

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.suffix != ".md"]


def _read(fmt, data: bytes) -> None:
    try:
        fmt.read(data, f"fuzz{fmt.extensions[0]}", ReadLog(), src_lang="en", tgt_lang="de")
    except WorkbenchError as exc:
        assert str(exc).startswith(f"fuzz{fmt.extensions[0]}") or "--" in str(exc) or "language" in str(exc)


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[pos:pos + draw(st.integers(1, 40))]
        else:
            data[pos:pos] = draw(st.sampled_from([b"<", b">", b"&", b"\"", b"\r", b"\t", b",", b"\x00", b"\xff",
                                                  b"<!ENTITY x 'y'>", b"&x;", b"<a>" * 50, b"]]>", b"\xef\xbb\xbf"]))
    return bytes(data)


@pytest.mark.parametrize("fmt", registry(), ids=lambda f: f"{f.family}-{f.name}")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), mutated()))
def test_readers_fail_only_with_a_message(fmt, data):
    _read(fmt, data)
