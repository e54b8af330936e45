"""Repair of text whose UTF-8 bytes were decoded with a Windows code page.

ftfy does most of the work. What it cannot do is the damage of extractors that dropped
the bytes their code page does not define (``”`` is E2 80 9D; Windows-1257
has no 0x9D, so ``ā€”`` survives but ``”`` arrives as a bare ``ā€``): ftfy
declines such segments. For those we re-encode runs of code-page characters
with tables derived from Python's own codecs, accepting a result only if it
is ordinary Latin text or punctuation.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Extractors seen in the wild mix Windows-1257 with Windows-1252 for the
# bytes 1257 leaves undefined (0x9C arrives as "œ").
_CODEPAGES = (("cp1257", "cp1252"), ("cp1252", "latin-1"))
# Runs of three or more such characters start with the UTF-8 lead byte E2
# (general punctuation): the signature of this damage.
_SIGNATURES = ("ā€", "â€")
_DROPPED_BYTE = 0x9D  # the byte extractors drop most: third byte of ”
# Python's codecs write U+FFFD for a byte the code page lacks; in a quotation
# mark's run it stands for the first such byte among these (“ ” ‘ ’).
_REPLACED_CANDIDATES = (0x9C, 0x9D, 0x98, 0x99)


def repair(text: str) -> str:
    # The lost-byte runs go first: ftfy, seeing them, may "fix" them wrongly.
    for codepages in _CODEPAGES:
        byte_of, pattern = _tables(codepages)
        if any(sig in text and all(ch in byte_of for ch in sig) for sig in _SIGNATURES):
            text = pattern.sub(lambda m: _decode_run(m.group(0), byte_of), text)
    import ftfy  # here, not at the top: ftfy costs ~30 ms to import and most commands never repair text

    return ftfy.fix_text(text, uncurl_quotes=False, normalization=None)


@lru_cache(maxsize=None)
def _tables(codepages: tuple[str, ...]):
    byte_of: dict[str, int] = {}
    for b in range(0x80, 0x100):
        for cp in codepages:
            try:
                ch = bytes([b]).decode(cp)
            except UnicodeDecodeError:
                continue
            byte_of.setdefault(ch, b)
            break
    lead2 = "".join(c for c, b in byte_of.items() if 0xC2 <= b <= 0xDF)
    lead3 = "".join(c for c, b in byte_of.items() if 0xE0 <= b <= 0xEF)
    cont = "[" + re.escape("".join(c for c, b in byte_of.items() if 0x80 <= b <= 0xBF)) + "]"
    pattern = re.compile(f"[{re.escape(lead3)}]{cont}(?:{cont}|\ufffd)?|[{re.escape(lead2)}]{cont}")
    undefined = [b for b in _REPLACED_CANDIDATES if not _defined(b, codepages[0])]
    byte_of["\ufffd"] = undefined[0] if undefined else _DROPPED_BYTE
    return byte_of, pattern


def _defined(byte: int, codepage: str) -> bool:
    try:
        bytes([byte]).decode(codepage)
    except UnicodeDecodeError:
        return False
    return True


def _decode_run(run: str, byte_of: dict[str, int]) -> str:
    data = bytes(byte_of[ch] for ch in run)
    if len(data) == 2 and 0xE0 <= data[0] <= 0xEF:
        data += bytes([_DROPPED_BYTE])
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return run
    return decoded if all(_plausible(ch) for ch in decoded) else run


def _plausible(ch: str) -> bool:
    cp = ord(ch)
    return 0xA0 <= cp <= 0x24F or 0x2000 <= cp <= 0x206F or cp == 0x20AC
