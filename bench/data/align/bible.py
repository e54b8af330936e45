"""Bible verse-alignment sets (issue 14): English against Spanish, German and Turkish, one line per
verse, the gold from the verse ids. Called by ``build.py``; written to ``private/bible`` (git-ignored).

    python bench/data/align/build.py --bible-only --git christos-c/bible-corpus=CLONE
    python bench/data/align/build.py --bible-only --bible-source bible-tools --git tkacikr/bible-tools=CLONE

Sources, pinned to a commit:

* ``christos-c`` (the default): christos-c/bible-corpus ``bibles/<Language>.xml``, one ``<seg
  id="b.GEN.1.1" type="verse">`` per verse. Its English, Spanish, German and Turkish files are 4 MiB
  or more each (English 6.0 MB; more than some mirrors carry); a clone of the repository at the commit below works with
  ``--git christos-c/bible-corpus=DIR``, and so does a download of those four files.
* ``bible-tools``: tkacikr/bible-tools ``bibles/<lang>/<version>/books/NN.js``, one file per book
  (``NN`` its place in the 66 books), verses as ``"chapter": {"verse": "text"}``; the verse number
  is markup at the start of the text, and a verse translated together with another is the marker
  ``(SEE c:v)``. Versions: English KJV, Spanish RVR 1960, German (its folder ``luth1912``), Turkish
  (``kitab``). The first Bible rows (issue 14) were measured on this source, whose files per book a
  mirror without christos-c's large files still carries.

The sets (fixed before any run of an aligner on them): a document is one book of a pair, one line
per verse that has text. The books: the Old Testament books of fewer than 250 verses, from Ruth to
Malachi in the canon's order, go alternately to dev (Ruth first) and test; every New Testament book
of fewer than 160 verses goes to test. Gold, for each book of a pair:

* the verse ids of both sides, in (chapter, verse) order; a verse with text on one side only is a
  1-0 or 0-1 bead;
* a verse whose text is empty (or the ``(SEE c:v)`` marker) was translated together with another:
  it joins the verse the marker names, else the nearest verse before it with text in the same
  chapter, else the nearest after it. Gold joins every line holding a verse id to every line on the
  other side holding the same id; each connected group is one bead (a 2-1 where Turkish translates
  two verses as one);
* a book is left out of a pair (with a warning) where the two sides' versification differs, since the
  id gold would then be wrong: another set of chapters; a verse id on one side only (more than
  ``MAX_ONE_SIDED``, which is 0: 3 John 1:14 of an English Bible is 1:14-15 of a Spanish one); or,
  in a source that marks verses translated together (bible-tools), an empty verse without the mark
  (Hosea 1:10-11 of an English Bible are Hosea 2:1-2 of a German one, whose 1:10-11 are empty).

Written per pair to ``private/bible/<src>-<tgt>/``: ``<BOOK>.<lang>`` (the lines), ``<BOOK>.<lang>.ids``
(each line's verse ids, ``+`` between joined ones) and ``<BOOK>.gold`` (beads as ``0+1:0``, line
numbers from 0, ``-`` for an empty side).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

CHRISTOS_C = ("christos-c/bible-corpus", "44e5fca1bfb369a5da2ee23ebc6f421c88489c5c")
CHRISTOS_C_FILES = {"en": "English", "es": "Spanish", "de": "German", "tr": "Turkish"}
BIBLE_TOOLS = ("tkacikr/bible-tools", "90a9bf78dc93bc9eaa8094c928bf255dc572d28d")
BIBLE_TOOLS_VERSIONS = {"en": "en/kjv", "es": "es/rvr1960", "de": "de/luth1912", "tr": "tr/kitab"}
PAIRS = (("en", "es"), ("en", "de"), ("en", "tr"))
# the 66 books in the canon's order, as christos-c/bible-corpus names them (checked against its files
# that a mirror carries: every New Testament name, GEN and EXO; a name the XML lacks is reported)
BOOKS = ("GEN EXO LEV NUM DEU JOS JDG RUT 1SA 2SA 1KI 2KI 1CH 2CH EZR NEH EST JOB PSA PRO ECC SON ISA JER "
         "LAM EZE DAN HOS JOE AMO OBA JON MIC NAH HAB ZEP HAG ZEC MAL MAT MAR LUK JOH ACT ROM 1CO 2CO GAL EPH "
         "PHI COL 1TH 2TH 1TI 2TI TIT PHM HEB JAM 1PE 2PE 1JO 2JO 3JO JUD REV").split()
# Old Testament books of fewer than 250 verses (English count), Ruth to Malachi, alternately dev and test
_SHORT_OT = ("RUT", "EST", "ECC", "SON", "LAM", "HOS", "JOE", "AMO", "OBA", "JON", "MIC", "NAH", "HAB", "ZEP",
             "HAG", "ZEC", "MAL")
DEV_BOOKS = _SHORT_OT[0::2]
TEST_BOOKS = _SHORT_OT[1::2] + ("GAL", "EPH", "PHI", "COL", "1TH", "2TH", "1TI", "2TI", "TIT", "PHM", "JAM", "1PE",
                                "2PE", "1JO", "2JO", "3JO", "JUD")
# Verse ids on one side only that a book may have and stay: none. In the sources below they were
# another versification, not an omission (3 John 1:14 of an English Bible is 1:14-15 of a Spanish one).
MAX_ONE_SIDED = 0
_SEE = re.compile(r"^\(SEE (\d+):(\d+)\)$")
_NUMBER = re.compile(r"<(span|sup)\b[^>]*>\s*\d+\s*</\1>|<sup\b[^>]*>.*?</sup>")
_TAG = re.compile(r"<[^>]+>")

# A side of a book: (chapter, verse) -> text ('' for a verse translated with another), and for such
# a verse the (chapter, verse) it was translated with, where the source says (None: the source marks
# its verses translated together, and this empty verse has no such mark).
Side = tuple[dict[tuple[int, int], str], dict[tuple[int, int], tuple[int, int] | None]]


def verse_key(verse_id: str) -> tuple[str, tuple[int, int]]:
    """``b.GEN.1.1`` -> ('GEN', (1, 1))."""
    _, book, chapter, verse = verse_id.split(".")
    return book, (int(chapter), int(verse))


def read_corpus_xml(text: str) -> dict[str, Side]:
    """A christos-c/bible-corpus file: each book's verses (whitespace made single spaces)."""
    books: dict[str, Side] = {}
    for seg in ET.fromstring(text).iter("seg"):
        if seg.get("type", "verse") != "verse" or not seg.get("id", "").startswith("b."):
            continue
        book, key = verse_key(seg.get("id"))
        books.setdefault(book, ({}, {}))[0][key] = " ".join("".join(seg.itertext()).split())
    return books


def read_book_js(text: str) -> Side:
    """A tkacikr/bible-tools book file (``var book = {...}; module.exports = book;``)."""
    body = json.loads(text[text.index("{"):text.rindex("}") + 1])
    verses, joins = {}, {}
    for chapter, numbered in body["chapters"].items():
        for verse, raw in numbered.items():
            key = (int(chapter), int(verse))
            plain = " ".join(html.unescape(_TAG.sub("", _NUMBER.sub(" ", raw))).split())
            see = _SEE.match(plain)
            if see:
                joins[key] = (int(see.group(1)), int(see.group(2)))
                plain = ""
            elif not plain:
                joins[key] = None  # empty without the marker: another versification, not a join
            verses[key] = plain
    return verses, joins


def host_of(key: tuple[int, int], side: Side) -> tuple[int, int] | None:
    """The verse whose line holds ``key`` on this side (itself when it has text)."""
    verses, joins = side
    if verses.get(key):
        return key
    named = joins.get(key)
    if named is not None and verses.get(named):
        return named
    same_chapter = sorted(k for k, v in verses.items() if v and k[0] == key[0])
    before = [k for k in same_chapter if k < key]
    after = [k for k in same_chapter if k > key]
    return before[-1] if before else after[0] if after else None


def book_pair(src: Side, tgt: Side, max_one_sided: int = MAX_ONE_SIDED) -> dict | None:
    """Lines, their verse ids and the gold beads of one book; None where the versification differs
    (other chapters, more than ``max_one_sided`` verse ids on one side only, or an empty verse its
    source does not mark as translated with another)."""
    keys = sorted(set(src[0]) | set(tgt[0]))
    if {k[0] for k in src[0]} != {k[0] for k in tgt[0]}:
        return None
    if len(set(src[0]) ^ set(tgt[0])) > max_one_sided or None in [*src[1].values(), *tgt[1].values()]:
        return None
    sides = []
    for side in (src, tgt):
        hosts = sorted({k for k, v in side[0].items() if v})
        line = {k: n for n, k in enumerate(hosts)}
        held: dict[int, list] = {}
        where = {}
        for k in keys:
            if k not in side[0]:
                continue
            h = host_of(k, side)
            if h is not None:
                where[k] = line[h]
                held.setdefault(line[h], []).append(k)
        sides.append((hosts, where, held))
    # connected groups of (side, line) through the verse ids both sides hold
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for s, (hosts, _, _) in enumerate(sides):
        for n in range(len(hosts)):
            find((s, n))
    for k in keys:
        if k in sides[0][1] and k in sides[1][1]:
            parent[find((0, sides[0][1][k]))] = find((1, sides[1][1][k]))
    groups: dict = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    first = {(s, n): held[n][0] if held.get(n) else hosts[n] for s, (hosts, _, held) in enumerate(sides)
             for n in range(len(hosts))}
    gold = []
    for members in sorted(groups.values(), key=lambda m: min(first[x] for x in m)):
        gold.append((tuple(sorted(n for side, n in members if side == 0)),
                     tuple(sorted(n for side, n in members if side == 1))))
    return dict(lines=[[side[0][k] for k in hosts] for side, (hosts, _, _) in zip((src, tgt), sides)],
                ids=[["+".join(f"{c}.{v}" for c, v in held[n]) for n in range(len(hosts))]
                     for hosts, _, held in sides],
                gold=gold)


def bead_text(bead: tuple) -> str:
    return ":".join("+".join(map(str, side)) or "-" for side in bead)


def parse_bead(text: str) -> tuple:
    return tuple(tuple(int(x) for x in side.split("+")) if side != "-" else () for side in text.split(":"))


def write_pair(folder: Path, book: str, src: str, tgt: str, made: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for lang, lines, ids in zip((src, tgt), made["lines"], made["ids"]):
        (folder / f"{book}.{lang}").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / f"{book}.{lang}.ids").write_text("\n".join(ids) + "\n", encoding="utf-8")
    (folder / f"{book}.gold").write_text("\n".join(bead_text(b) for b in made["gold"]) + "\n", encoding="utf-8")


def read_pair(folder: Path, book: str, src: str, tgt: str) -> dict | None:
    """A built book of a pair as bench/align_real.py's pairs are (None where it was left out)."""
    paths = [folder / f"{book}.{lang}" for lang in (src, tgt)]
    if not all(p.exists() for p in paths):
        return None
    source, target = (p.read_text(encoding="utf-8").splitlines() for p in paths)
    gold = [parse_bead(x) for x in (folder / f"{book}.gold").read_text(encoding="utf-8").split()]
    return dict(name=f"{book} {src}-{tgt}", src_lang=src, tgt_lang=tgt, src_id=book, tgt_id=book,
                source=source, target=target, gold=gold)


def build(private: Path, read_source, clones: dict[str, str], source: str = "christos-c") -> None:
    """Every book of DEV_BOOKS and TEST_BOOKS for the pairs of PAIRS, into ``private/bible``.
    ``read_source(repo, path, clones)`` reads one file of a pinned repository."""
    books = DEV_BOOKS + TEST_BOOKS
    langs = sorted({lang for pair in PAIRS for lang in pair})
    sides: dict[str, dict[str, Side]] = {}
    for lang in langs:
        if source == "christos-c":
            sides[lang] = read_corpus_xml(read_source(CHRISTOS_C, f"bibles/{CHRISTOS_C_FILES[lang]}.xml", clones))
        else:
            sides[lang] = {book: read_book_js(read_source(
                BIBLE_TOOLS, f"bibles/{BIBLE_TOOLS_VERSIONS[lang]}/books/{BOOKS.index(book) + 1:02d}.js", clones))
                for book in books}
    for src, tgt in PAIRS:
        for book in books:
            if book not in sides[src] or book not in sides[tgt]:
                print(f"warning: bible {book} {src}-{tgt}: not in the {source} files; left out")
                continue
            made = book_pair(sides[src][book], sides[tgt][book])
            if made is None:
                print(f"warning: bible {book} {src}-{tgt}: the versification differs; left out")
                continue
            write_pair(private / "bible" / f"{src}-{tgt}", book, src, tgt, made)
