"""The glossary's term matchers, kept on disk between alignment commands.

Building a language pair's two matchers reads every concept from the store and
indexes every term: for the shared glossary (800 concepts, 4,500 terms) about
80 ms of CPU, a sixth of aligning 1,000 sentences on the command line; loading
them back from a pickle takes about 15 ms. A kept matcher is used only while
the store's glossary stamp (concept count and latest history entry: every save,
delete and import writes a history row) and the matcher's own code are those
it was built from; anything else, a missing or unreadable file included, builds
it afresh. One file per store and language, replaced when it is stale.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from workbench.glossary.matcher import TermMatcher
    from workbench.store import Store

FORMAT = 1   # raise when what is pickled changes shape


def term_matchers(store: "Store", langs: Sequence[str], cache_dir: Path | None) -> list["TermMatcher"] | None:
    """One matcher per language of ``langs`` for the store's glossary, or None when the
    glossary is empty or cannot be read (the glossary is evidence only). Without
    ``cache_dir`` every matcher is built afresh."""
    try:
        stamp = store.glossary.stamp()
    except Exception:  # a broken glossary must not stop alignment
        return None
    if stamp.split(":")[-2] == "0":   # no concepts
        return None
    keys = [_key(stamp, lang) for lang in langs]
    found = [_load(cache_dir, store, lang, key) for lang, key in zip(langs, keys)] if cache_dir else [None] * len(langs)
    if all(m is not None for m in found):
        return found
    built = _build(store, langs)
    if built is None:
        return None
    for lang, key, old, matcher in zip(langs, keys, found, built):
        if cache_dir and old is None:
            _save(cache_dir, store, lang, key, matcher)
    return [old if old is not None else new for old, new in zip(found, built)]


def _build(store: "Store", langs: Sequence[str]) -> list["TermMatcher"] | None:
    from workbench.glossary.matcher import TermMatcher

    try:
        glossary = store.glossary.current()
    except Exception:  # as above: evidence only
        return None
    if not len(glossary):
        return None
    return [TermMatcher(glossary, lang) for lang in langs]


def _key(stamp: str, lang: str) -> str:
    """What a kept matcher must have been built from: the glossary's state, the language,
    and the code of the modules whose objects the pickle holds."""
    from workbench.glossary import matcher, model, morphology

    code = [(Path(m.__file__).stat().st_mtime_ns, Path(m.__file__).stat().st_size)
            for m in (matcher, model, morphology)]
    return repr((FORMAT, stamp, lang, code))


def _path(cache_dir: Path, store: "Store", lang: str) -> Path:
    # a short stable name (zlib: hashlib would start OpenSSL); two stores that share it
    # only rebuild each other's matchers, as the kept key names the store
    name = f"{lang}-{zlib.crc32(str(store.path).encode('utf-8')):08x}"
    return Path(cache_dir) / f"{name}.pickle"


def _load(cache_dir: Path, store: "Store", lang: str, key: str) -> "TermMatcher | None":
    try:
        data = _path(cache_dir, store, lang).read_bytes()
        kept_key, matcher = pickle.loads(data)
    except Exception:  # missing, half-written by a killed process, or from other code: rebuild
        return None
    return matcher if kept_key == key else None


def _save(cache_dir: Path, store: "Store", lang: str, key: str, matcher: "TermMatcher") -> None:
    path = _path(cache_dir, store, lang)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps((key, matcher), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:  # a read-only data folder: the next command builds the matcher again
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
