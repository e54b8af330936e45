"""The glossary's term matchers, kept on disk between alignment commands.

Building a language pair's two matchers reads every concept from the store and
indexes every term: for the shared glossary (800 concepts, 4,500 terms) about
70 ms of CPU, a tenth of aligning 1,000 sentences on the command line; loading
both back takes about 18 ms (a pickle of them about 15 ms). A kept
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
from collections.abc import Sequence
from dataclasses import fields
from itertools import chain
from pathlib import Path

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.glossary.matcher import TermMatcher
    from workbench.store import Store

FORMAT = 2   # raise when the kept data changes shape (1: a pickle, never read again)
MAGIC = "workbench-term-matcher"
# the fields of glossary.model.Term, in order, and their JSON types (else a string): another
# list means its code changed and nothing is kept
STATE_TERM_FIELDS = ("lang", "text", "status", "pos", "gender", "variants", "case_sensitive", "proper_name", "gloss",
                     "note")
_TERM_KINDS = {"gender": {str, type(None)}, "variants": {list}, "case_sensitive": {bool}, "proper_name": {bool}}
# the matcher's attributes, all kept (its word memo empty) but for _heads, derived from _bases when loaded:
# another set means its code changed
STATE = frozenset(("lang", "morph", "_bases", "_first", "_compound_bases", "_compound_prefix", "_single",
                   "_has_exact_case", "_capital_keys", "_trie", "_realized", "_lower_capitals", "_determiners",
                   "_use_checks", "size", "_heads", "_components_of", "_start_forms", "_entries"))


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


class _Patterns(dict):
    """Name -> suffix pattern: ``glossary.morphology``'s compiled ones, and its lazy ones compiled
    when a kept matcher names them."""

    def __missing__(self, name: str) -> re.Pattern:
        from workbench.glossary.morphology import LAZY_PATTERNS, lazy_pattern

        if name not in LAZY_PATTERNS:
            raise KeyError(name)
        return lazy_pattern(name)


def _patterns(with_lazy: bool = False) -> dict[str, re.Pattern]:
    """The suffix patterns a kept matcher may name: those ``glossary.morphology`` defines (``with_lazy``:
    its lazy ones too, compiled now; else compiled when looked up)."""
    from workbench.glossary import morphology

    out = _Patterns((name, p) for name, p in vars(morphology).items() if isinstance(p, re.Pattern))
    if with_lazy:
        out.update((name, morphology.lazy_pattern(name)) for name in morphology.LAZY_PATTERNS)
    return out


# ------------------------------------------------------------------ matcher <-> plain data
#
# Every table is stored by columns, each column one JSON type, so that reading checks a
# column in one pass (``_columns``). Terms, entries and bases are stored once and named by
# position; an index of lists (``_bases``, ``_single``) is a table of (key, position) rows in
# order; the trie is numbered depth first, its nodes' entries and edges are tables too.
# ``_first`` (every entry under its first word) is not stored: entries are numbered in its
# order and regrouped.


def _plain(matcher: "TermMatcher") -> dict | None:
    """The matcher's index as JSON-ready data, or None when it holds what cannot be named."""
    from workbench.glossary.model import Term

    state = vars(matcher)
    if set(state) != STATE or tuple(f.name for f in fields(Term)) != STATE_TERM_FIELDS:
        return None
    names = {(p.pattern, p.flags): name for name, p in _patterns(with_lazy=True).items()}
    terms: dict[tuple, int] = {}
    bases: dict[tuple, int] = {}
    entry_ids: dict[int, int] = {}   # matcher's position -> kept position (two equal entries stay two)
    entries: list = []

    def entry(k: int) -> int:
        if k not in entry_ids:
            e = matcher._entries[k]
            term = tuple(getattr(e.term, f.name) for f in fields(e.term))
            entry_ids[k] = len(entries)
            entries.append((list(e.words), e.concept_id, terms.setdefault(term, len(terms)), e.form))
        return entry_ids[k]

    for listed in state["_first"].values():
        for e in listed:
            entry(e)
    try:
        base_index, compound_index = (_base_rows(state[name], names, bases) for name in ("_bases", "_compound_bases"))
    except KeyError:   # a suffix pattern that morphology does not name
        return None
    single = [(k, entry(e)) for k, v in state["_single"].items() for e in v]
    roots, node_entries, edges = _trie_tables(state["_trie"], entry)
    if len(entries) != sum(map(len, state["_first"].values())):
        return None   # an entry twice in _first or outside it: not what regrouping restores
    term_rows = [[list(v) if isinstance(v, tuple) else v for v in t] for t in terms]
    return {"terms": _by_column(term_rows, len(STATE_TERM_FIELDS)),
            "entries": _by_column(entries, 4), "base_table": _by_column(bases, 3),
            "bases": _by_column(base_index, 2), "compound_bases": _by_column(compound_index, 2),
            "single": _by_column(single, 2), "trie_roots": _by_column(roots, 2),
            "trie_entries": _by_column(node_entries, 2), "trie_edges": _by_column(edges, 3),
            "compound_prefix": sorted(state["_compound_prefix"]), "capital_keys": sorted(state["_capital_keys"]),
            "determiners": sorted(state["_determiners"]), "has_exact_case": state["_has_exact_case"],
            "use_checks": state["_use_checks"], "size": state["size"]}


def _base_rows(index: dict, names: dict, bases: dict[tuple, int]) -> list[tuple[str, int]]:
    """(key, position in ``bases``) rows of an index of bases, each base numbered once."""
    return [(k, bases.setdefault((b.text, names[(b.suffixes.pattern, b.suffixes.flags)], b.word), len(bases)))
            for k, v in index.items() for b in v]


def _trie_tables(trie: dict, entry) -> tuple[list, list, list]:
    """(root key, node) rows, (node, entry) rows and (parent, key, child) rows, nodes numbered depth first."""
    roots, node_entries, edges = [], [], []
    count = [0]

    def number(node) -> int:
        own = count[0]
        count[0] += 1
        node_entries.extend((own, entry(e)) for e in node[0])
        for key, child in node[1].items():
            edges.append((own, key, number(child)))
        return own

    for key, node in trie.items():
        roots.append((key, number(node)))
    return roots, node_entries, edges


def _by_column(rows, width: int) -> list[list]:
    return [list(column) for column in zip(*rows)] if rows else [[] for _ in range(width)]


def _matcher(data: dict, lang: str) -> "TermMatcher":
    """A matcher from ``_plain``'s data; anything of another shape or type raises (the caller rebuilds)."""
    from workbench.glossary.matcher import TermMatcher, _Entry, heads
    from workbench.glossary.model import Term
    from workbench.glossary.morphology import Base, morphology_for

    patterns = _patterns()
    terms = _term_rows(Term, data["terms"])
    words, concepts, term_ids, forms = _columns(data["entries"], (list, str, int, str))
    _check(_all_str(chain.from_iterable(words)) and all(words))
    _check(not term_ids or -len(terms) <= min(term_ids) and max(term_ids) < len(terms))
    entries = _Made(len(words), lambda k: _frozen(_Entry, {
        "words": tuple(words[k]), "concept_id": concepts[k], "term": terms[term_ids[k]], "form": forms[k]}))
    first: dict[str, list] = {}
    for k, w in enumerate(words):
        first.setdefault(w[0], []).append(k)
    texts, names, base_words = _columns(data["base_table"], (str, str, str))
    shared = [_frozen(Base, {"text": t, "suffixes": patterns[p], "word": w})
              for t, p, w in zip(texts, names, base_words)]
    matcher = TermMatcher.__new__(TermMatcher)
    matcher.__dict__.update(
        lang=lang, morph=morphology_for(lang), _bases=_index_of(data["bases"], shared),
        _compound_bases=_index_of(data["compound_bases"], shared), _first=first, _entries=entries,
        _single=_index_of(data["single"], range(len(entries))), _trie=_trie(data, range(len(entries))),
        _compound_prefix=set(_texts(data["compound_prefix"])), _capital_keys=set(_texts(data["capital_keys"])),
        _determiners=frozenset(_texts(data["determiners"])), _has_exact_case=_flag(data["has_exact_case"]),
        _use_checks=_flag(data["use_checks"]), size=_count(data["size"]), _realized={}, _lower_capitals=set(),
        _components_of={}, _start_forms=({}, {}))
    matcher._heads = heads(matcher._bases, matcher.morph.min_base)   # derived from the index, not kept
    return matcher


class _Made:
    """A list whose items are made when first read (``make(k)``) and kept: a kept matcher's terms
    and entries (a command meets a few dozen of a glossary's thousands, and making them all was a
    twentieth of aligning 1,000 sentences). What they are made from was checked when the file was read."""

    def __init__(self, count: int, make):
        self._make, self._made = make, [None] * count

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, k: int):
        item = self._made[k]
        if item is None:
            item = self._made[k] = self._make(k)
        return item

    def __iter__(self):
        return map(self.__getitem__, range(len(self)))


def _term_rows(term_class, columns) -> _Made:
    """Terms (``glossary.model.Term``) from the kept columns of their field values, checked now
    (strings, flags, lists of variants, genders or nulls) and made when first read."""
    names = [f.name for f in fields(term_class)]
    _check(tuple(names) == STATE_TERM_FIELDS and type(columns) is list and len(columns) == len(names))
    for name, column in zip(names, columns):
        _check(type(column) is list and len(column) == len(columns[1])
               and (_all_str(column) if name not in _TERM_KINDS else _types(column) <= _TERM_KINDS[name]))
    variants = names.index("variants")
    _check(_all_str(chain.from_iterable(columns[variants])))

    def term(k: int):
        values = [column[k] for column in columns]
        values[variants] = tuple(values[variants])
        return _frozen(term_class, dict(zip(names, values)))

    return _Made(len(columns[1]), term)


def _index_of(columns, items: list) -> dict[str, list]:
    """Key -> the items named by position in (key, position) rows, in order."""
    keys, positions = _columns(columns, (str, int))
    out: dict[str, list] = {}
    for key, item in zip(keys, map(items.__getitem__, positions)):   # (each item read in C)
        out.setdefault(key, []).append(item)
    return out


def _trie(data: dict, entries: list) -> dict:
    """The trie of term words from its tables: a node is (its entries, key -> child node)."""
    roots, root_nodes = _columns(data["trie_roots"], (str, int))
    owners, entry_ids = _columns(data["trie_entries"], (int, int))
    parents, keys, children = _columns(data["trie_edges"], (int, str, int))
    nodes = [([], {}) for _ in range(len(roots) + len(keys))]   # every node but a root has one edge in
    for node, k in zip(owners, entry_ids):
        nodes[node][0].append(entries[k])   # (a position: ``entries`` is a range, which checks it)
    for parent, key, child in zip(parents, keys, children):
        nodes[parent][1][key] = nodes[child]
    return {key: nodes[k] for key, k in zip(roots, root_nodes)}


def _frozen(cls, values: dict):
    """An instance of the frozen dataclass ``cls`` (no ``__post_init__``) without its slow
    ``__init__``: the values were checked by the caller."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    return obj


def _columns(columns, kinds: tuple) -> list[list]:
    """The columns of a table: as many as ``kinds``, equally long, each of its one JSON type."""
    _check(type(columns) is list and len(columns) == len(kinds)
           and all(type(c) is list and len(c) == len(columns[0])
                   and (_all_str(c) if kind is str else _types(c) <= {kind}) for c, kind in zip(columns, kinds)))
    return columns


def _types(values) -> set:
    return set(map(type, values))


def _all_str(values) -> bool:
    """Whether every value is a str: of what JSON decodes (str, numbers, flags, null, lists,
    objects), join takes only strings, and is a fifth of the time of looking at each value's type."""
    try:
        "".join(values)
    except TypeError:
        return False
    return True


def _texts(value) -> list[str]:
    _check(type(value) is list and _all_str(value))
    return value


def _count(value) -> int:
    _check(type(value) is int and value >= 0)
    return value


def _flag(value) -> bool:
    _check(type(value) is bool)
    return value


def _check(ok: bool) -> None:
    if not ok:
        raise ValueError("a kept matcher of another shape")
