"""The glossary's term matchers, kept on disk between alignment commands.

Building a language pair's two matchers reads every concept from the store and
indexes every term: for the shared glossary (800 concepts, 4,500 terms) about
70 ms of CPU, a sixth of aligning 1,000 sentences on the command line. A kept
matcher is used only while the store's glossary stamp (concept count and latest
history entry: every save, delete and import writes a history row) and the
matcher's own code are those it was built from; anything else, a missing,
damaged or crafted file included, builds it afresh. One file per store and
language, replaced when it is stale.

The data folder may be writable by others, so a kept matcher is plain data that
cannot run code when read: JSON of the matcher's index (strings, numbers, lists),
its suffix patterns named (only the patterns ``glossary.morphology`` defines can
be named, so a file cannot bring a pattern of its own), after a header line with
the format version and a CRC-32 of the body. A file that fails any check is
ignored; a matcher whose index holds anything else is not kept.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from workbench.glossary.matcher import TermMatcher
    from workbench.store import Store

FORMAT = 2   # raise when the kept data changes shape (1: a pickle, never read again)
MAGIC = "workbench-term-matcher"
# the matcher's attributes, all kept (its word memo empty): another set means its code changed
STATE = frozenset(("lang", "morph", "_bases", "_first", "_compound_bases", "_compound_prefix", "_single",
                   "_has_exact_case", "_capital_keys", "_trie", "_realized", "_lower_capitals", "_determiners",
                   "_use_checks", "size"))


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
    and the code of the modules that build and use it."""
    from workbench.glossary import matcher, model, morphology

    code = [(Path(m.__file__).stat().st_mtime_ns, Path(m.__file__).stat().st_size)
            for m in (matcher, model, morphology)]
    return repr((FORMAT, stamp, lang, code))


def _path(cache_dir: Path, store: "Store", lang: str) -> Path:
    # a short stable name (zlib: hashlib would start OpenSSL); two stores that share it
    # only rebuild each other's matchers, as the kept key names the store
    name = f"{lang}-{zlib.crc32(str(store.path).encode('utf-8')):08x}"
    return Path(cache_dir) / f"{name}.json"


def _load(cache_dir: Path, store: "Store", lang: str, key: str) -> "TermMatcher | None":
    try:
        data = _path(cache_dir, store, lang).read_bytes()
        header, _, body = data.partition(b"\n")
        if header != f"{MAGIC} {FORMAT} {zlib.crc32(body):08x}".encode("ascii"):
            return None   # another format, or damaged
        kept = json.loads(body)
        if not isinstance(kept, dict) or kept.get("key") != key:
            return None
        return _matcher(kept["state"], lang)
    except Exception:  # missing, half-written by a killed process, or crafted: rebuild
        return None


def _save(cache_dir: Path, store: "Store", lang: str, key: str, matcher: "TermMatcher") -> None:
    state = _plain(matcher)
    if state is None:
        return
    body = json.dumps({"key": key, "state": state}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path = _path(cache_dir, store, lang)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(f"{MAGIC} {FORMAT} {zlib.crc32(body):08x}\n".encode("ascii") + body)
        os.replace(tmp, path)
        path.with_suffix(".pickle").unlink(missing_ok=True)   # the format before, never read
    except OSError:  # a read-only data folder: the next command builds the matcher again
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _patterns() -> dict[str, re.Pattern]:
    """The suffix patterns a kept matcher may name: those ``glossary.morphology`` defines."""
    from workbench.glossary import morphology

    return {name: p for name, p in vars(morphology).items() if isinstance(p, re.Pattern)}


# ------------------------------------------------------------------ matcher <-> plain data

def _plain(matcher: "TermMatcher") -> dict | None:
    """The matcher's index as JSON-ready data, or None when it holds what cannot be named."""
    state = vars(matcher)
    if set(state) != STATE:
        return None
    names = {(p.pattern, p.flags): name for name, p in _patterns().items()}
    terms: dict[tuple, int] = {}
    entry_ids: dict = {}
    rows: list = []

    def entry(e) -> int:
        if e not in entry_ids:
            term = tuple(getattr(e.term, f.name) for f in fields(e.term))
            entry_ids[e] = len(rows)
            rows.append([list(e.words), e.concept_id, terms.setdefault(term, len(terms)), e.form])
        return entry_ids[e]

    def node(n) -> list:
        return [[entry(e) for e in n[0]], {k: node(child) for k, child in n[1].items()}]

    def bases(index) -> dict:
        return {k: [[b.text, names[(b.suffixes.pattern, b.suffixes.flags)], b.word] for b in v]
                for k, v in index.items()}

    try:
        out = {"bases": bases(state["_bases"]), "compound_bases": bases(state["_compound_bases"])}
    except KeyError:   # a suffix pattern that morphology does not name
        return None
    out.update(first={k: [entry(e) for e in v] for k, v in state["_first"].items()},
               single={k: [entry(e) for e in v] for k, v in state["_single"].items()},
               trie={k: node(n) for k, n in state["_trie"].items()},
               compound_prefix=sorted(state["_compound_prefix"]), capital_keys=sorted(state["_capital_keys"]),
               determiners=sorted(state["_determiners"]), has_exact_case=state["_has_exact_case"],
               use_checks=state["_use_checks"], size=state["size"])
    out["terms"] = [[list(v) if isinstance(v, tuple) else v for v in t] for t in terms]
    out["entries"] = rows
    return out


def _matcher(data: dict, lang: str) -> "TermMatcher":
    """A matcher from ``_plain``'s data; anything of another shape or type raises (the caller rebuilds)."""
    from workbench.glossary.matcher import TermMatcher, _Entry
    from workbench.glossary.model import Term
    from workbench.glossary.morphology import Base, morphology_for

    patterns = _patterns()
    term_fields = [f.name for f in fields(Term)]
    terms = [_frozen(Term, dict(zip(term_fields, _term_values(t, len(term_fields))))) for t in _list(data["terms"])]
    entries = [_frozen(_Entry, {"words": tuple(_texts(w)), "concept_id": _text(c), "term": terms[_index(t)],
                                "form": _text(f)}) for w, c, t, f in _list(data["entries"])]

    def bases(index) -> dict:
        return {_text(k): [_frozen(Base, {"text": _text(t), "suffixes": patterns[p], "word": _text(w)})
                           for t, p, w in _list(v)] for k, v in _dict(index).items()}

    def picked(ids) -> list:
        return [entries[_index(k)] for k in _list(ids)]

    def node(n) -> tuple:
        ids, children = _list(n)
        return picked(ids), {_text(k): node(c) for k, c in _dict(children).items()}

    matcher = TermMatcher.__new__(TermMatcher)
    matcher.__dict__.update(
        lang=lang, morph=morphology_for(lang), _bases=bases(data["bases"]),
        _compound_bases=bases(data["compound_bases"]),
        _first={_text(k): picked(v) for k, v in _dict(data["first"]).items()},
        _single={_text(k): picked(v) for k, v in _dict(data["single"]).items()},
        _trie={_text(k): node(n) for k, n in _dict(data["trie"]).items()},
        _compound_prefix=set(_texts(data["compound_prefix"])), _capital_keys=set(_texts(data["capital_keys"])),
        _determiners=frozenset(_texts(data["determiners"])), _has_exact_case=_flag(data["has_exact_case"]),
        _use_checks=_flag(data["use_checks"]), size=_index(data["size"]), _realized={}, _lower_capitals=set())
    return matcher


def _frozen(cls, values: dict):
    """An instance of the frozen dataclass ``cls`` (no ``__post_init__``) without its slow
    ``__init__``: the values were checked by the caller."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    return obj


def _term_values(values, size: int) -> list:
    """A term's field values (``glossary.model.Term``: strings, flags, a list of variants, a
    gender or null)."""
    values = list(_list(values))
    if len(values) != size:
        raise ValueError("a term of another shape")
    for k, v in enumerate(values):
        if type(v) is list:
            values[k] = tuple(_texts(v))
        elif not (type(v) is str or type(v) is bool or v is None):
            raise ValueError(f"a term field of type {type(v).__name__}")
    return values


def _list(value) -> list:
    if type(value) is not list:
        raise ValueError("a list expected")
    return value


def _dict(value) -> dict:
    if type(value) is not dict:
        raise ValueError("an object expected")
    return value


def _text(value) -> str:
    if type(value) is not str:
        raise ValueError("a string expected")
    return value


def _texts(value) -> list[str]:
    if not all(type(v) is str for v in _list(value)):
        raise ValueError("strings expected")
    return value


def _index(value) -> int:
    if type(value) is not int or value < 0:
        raise ValueError("a count expected")
    return value


def _flag(value) -> bool:
    if type(value) is not bool:
        raise ValueError("true or false expected")
    return value
