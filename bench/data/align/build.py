"""Rebuild the alignment bench's third-party texts into ``private/`` (git-ignored).

    python bench/data/align/build.py                       # downloads the pinned files
    python bench/data/align/build.py --git owner/name=DIR  # or reads them from a local clone

Sources (public GitHub repositories, pinned to a commit):

* thompsonb/vecalign ``bleualign_data/dev.{de,fr,defr}``: the Text+Berg de-fr
  dev document with its sentence gold (the test files are never read here).
* bilinguator/aligned-texts ``texts/<id>/<id>_<lang>.txt``: literary works,
  one paragraph per line, paragraphs aligned 1:1 across languages. Tags are
  removed, ``<delimiter>`` becomes a space, illustration lines are dropped
  (on both sides, so the 1:1 order stays).
* the same repository, ``PAIRS``: works in two languages neither of which need be
  English (a group of easy dev texts of its own, sixth round), each pair written to
  ``private/pairs/<work>_<src>-<tgt>_<lang>.txt`` and kept only where both sides
  have as many paragraphs.
* ``PO_PAIRS`` (seventh round): manuals and essays translated in gettext catalogues, one
  paragraph per message, so the 1:1 gold is the catalogue's own pairing: the Python
  documentation (python/python-docs-es, python/python-docs-tr: tutorial, how-tos, FAQ,
  what's new) and the help of four GNOME programs (``help/<lang>/<lang>.po``). Translated,
  non-fuzzy messages only; markup tags and reST roles removed; credits, image references and
  code-only lines left out. A pair of two languages other than English joins both catalogues
  on the English message. Written to ``private/po/<work>_<src>-<tgt>_<lang>.txt``.
* ``LEGAL_PAIRS`` (seventh round too): Mozilla's privacy notices and terms
  (mozilla/legal-docs ``<lang>/<doc>.md``), whose translations keep the English line for
  line: a line is a paragraph, heading or list item; link targets, markup and attribute lines
  removed; kept only where both sides have as many lines. Also written to ``private/po``.
* Bible verse sets (issue 14; ``bible.py`` beside this file builds them): christos-c/bible-corpus
  ``bibles/<Language>.xml`` (or ``--bible-source bible-tools``: tkacikr/bible-tools, one file per
  book), English with Spanish, German and Turkish, written to ``private/bible``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bible  # noqa: E402
PRIVATE = HERE / "private"
VECALIGN = ("thompsonb/vecalign", "f37262758955133d0c9ef1fdff45eba25842a62c")
ALIGNED_TEXTS = ("bilinguator/aligned-texts", "e56bc56b6ada545dae420cb7b33c06f156db7358")
TEXTBERG = [f"bleualign_data/dev.{ext}" for ext in ("de", "fr", "defr")]
# (work id, languages); English is the source of every pair
LITERARY = [
    ("the_happy_prince", ("en", "de", "es", "tr")),
    ("the_gift_of_the_magi", ("en", "de", "es")),
    ("le_petit_prince", ("en", "de", "es", "tr")),
    ("the_canterville_ghost", ("en", "de", "es")),
    ("nos", ("en", "de", "es")),
    ("hansel_und_gretel", ("en", "de", "es")),
    ("la_biblioteca_de_babel", ("en", "de", "es")),
    ("horkos", ("en", "de", "es", "tr")),
    ("taoteching", ("en", "es", "tr")),
    ("the_raven", ("en", "es", "tr")),
    ("fyrtoiet", ("en", "de", "es")),
    ("snedronningen", ("en", "de", "es")),
    # more easy dev texts (round 4): every other work of the repository with English and German,
    # Spanish or Turkish; they take no part in the perturbations' insertion pool
    ("boof_e_koor", ("en", "tr")),
    ("den_standhaftige_tinsoldat", ("en", "de", "es")),
    ("discours_de_la_methode", ("en", "de")),
    ("el_coronel_no_tiene_quien_le_escriba", ("en", "es")),
    ("manifesto", ("en", "de")),
    ("manifesto_de_prago", ("en", "de")),
    ("pinocchio", ("en", "es")),
    ("prindsessen_paa_aerten", ("en", "de", "es")),
    ("surale", ("en", "de")),
]
# (work, source language, target language), sixth round, chosen before any run on them: works none
# of whose texts is in the held-out test (bench/align_real.py TEST_TEXTS), in the pairs de-es,
# es-tr, de-tr, fr-de, fr-es and some outside these languages (en-fr, en-it, es-it, en-ru,
# tr-ru, en-pl, en-lt). Every pair has the same paragraph count on both sides.
PAIRS = [
    ("the_happy_prince", "de", "es"), ("hansel_und_gretel", "de", "es"),
    ("den_standhaftige_tinsoldat", "de", "es"), ("prindsessen_paa_aerten", "de", "es"),
    ("the_happy_prince", "es", "tr"), ("the_happy_prince", "de", "tr"),
    ("the_happy_prince", "fr", "de"), ("hansel_und_gretel", "fr", "de"),
    ("den_standhaftige_tinsoldat", "fr", "de"), ("discours_de_la_methode", "fr", "de"),
    ("manifesto", "fr", "de"), ("surale", "fr", "de"), ("manifesto_de_prago", "fr", "de"),
    ("prindsessen_paa_aerten", "fr", "de"),
    ("the_happy_prince", "fr", "es"), ("hansel_und_gretel", "fr", "es"), ("pinocchio", "fr", "es"),
    ("instytutka", "en", "fr"), ("kara_soz", "en", "fr"), ("pinocchio", "en", "fr"),
    ("discours_de_la_methode", "en", "fr"),
    ("el_coronel_no_tiene_quien_le_escriba", "en", "it"), ("pinocchio", "en", "it"),
    ("el_coronel_no_tiene_quien_le_escriba", "es", "it"),
    ("romeo_and_juliet", "en", "ru"), ("smert_ivana_ilyicha", "en", "ru"), ("alice_in_wonderland", "en", "ru"),
    ("boof_e_koor", "tr", "ru"), ("aptekarsha", "en", "pl"), ("metai", "en", "lt"),
    # ten more, chosen after the thirty above had been run and before any run on these
    ("yevgeniy_onegin", "en", "ru"), ("dzikaye_palyavanne", "en", "ru"),
    ("el_coronel_no_tiene_quien_le_escriba", "es", "pt"), ("the_happy_prince", "it", "pt"),
    ("pinocchio", "en", "pl"), ("manifesto", "en", "fr"), ("discours_de_la_methode", "de", "ru"),
    ("kara_soz", "fr", "ru"), ("the_happy_prince", "de", "it"), ("metai", "lt", "ru"),
]
# gettext catalogues of manuals and essays (seventh round), pinned like the repositories above
PO_REPOS = {
    "python-es": ("python/python-docs-es", "91f4ccc0baa8c7cbeb739e696c641388264caa30"),
    "python-tr": ("python/python-docs-tr", "be1c5a492f430197f4f23bd679d5f65dab68866a"),
    "gnome-calculator": ("GNOME/gnome-calculator", "7e70af9a5bf17cec7567a6cb054d9bcae41ee728"),
    "gnome-boxes": ("GNOME/gnome-boxes", "9bf8e054cf2a01a581604d10540bb771da999dfc"),
    "gnome-terminal": ("GNOME/gnome-terminal", "707ccd1effdaa37fc365b722fd6efd73dc08b7a7"),
    "gnome-system-monitor": ("GNOME/gnome-system-monitor", "da25e8edc75186c7b85b800805b5c53337498c55"),
}
# (work, source language, target language), chosen before any run on them. A work is a GNOME
# program's help or a Python document ("py:" and its path without ".po").
PO_PAIRS = [
    *[(f"py:{doc}", "en", "es") for doc in (
        "tutorial/appetite", "tutorial/interpreter", "tutorial/introduction", "tutorial/controlflow",
        "tutorial/errors", "tutorial/floatingpoint", "tutorial/venv", "tutorial/whatnow", "howto/unicode",
        "howto/sockets", "faq/general", "faq/design", "whatsnew/2.0", "bugs")],
    *[(f"py:{doc}", "en", "tr") for doc in (
        "tutorial/appetite", "tutorial/interpreter", "tutorial/introduction", "tutorial/datastructures",
        "tutorial/classes", "tutorial/modules", "tutorial/inputoutput", "tutorial/stdlib", "tutorial/stdlib2",
        "tutorial/venv", "tutorial/whatnow", "bugs", "installing/index", "faq/extending", "howto/sorting",
        "whatsnew/3.9")],
    ("gnome-calculator", "en", "de"), ("gnome-calculator", "en", "tr"), ("gnome-calculator", "en", "fr"),
    ("gnome-calculator", "en", "ru"), ("gnome-calculator", "en", "pl"),
    ("gnome-boxes", "en", "de"), ("gnome-boxes", "en", "tr"), ("gnome-boxes", "en", "it"),
    ("gnome-terminal", "en", "de"), ("gnome-terminal", "en", "es"), ("gnome-terminal", "en", "tr"),
    ("gnome-terminal", "en", "pt"),
    ("gnome-system-monitor", "en", "de"), ("gnome-system-monitor", "en", "es"), ("gnome-system-monitor", "en", "tr"),
    ("gnome-system-monitor", "en", "fr"), ("gnome-system-monitor", "en", "it"),
    # two translations of the same English, joined on it
    ("gnome-terminal", "de", "es"), ("gnome-system-monitor", "es", "tr"), ("gnome-calculator", "de", "tr"),
    ("py:tutorial/introduction", "es", "tr"), ("py:tutorial/interpreter", "es", "tr"),
]
LEGAL_DOCS = ("mozilla/legal-docs", "f098c17556ff822c17f4b6bd591c9b459be2f183")
LEGAL_PAIRS = [
    ("firefox_privacy_notice", "en", "de"), ("pocket_tos", "en", "ru"), ("mozilla_accounts_privacy_notice", "en", "tr"),
    ("focus_privacy_notice", "en", "fr"), ("websites_tou", "en", "es"), ("subscription_services_tos", "en", "it"),
    ("content_moderation_practices", "en", "pl"), ("pocket_privacy_policy", "de", "es"),
]
_LEGAL_LANG = {"es": "es-ES"}  # the folder's name where it is not the language code
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"^(?:#+|[-*+]|>)\s+|\{[:#][^}]*\}|\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_PO_MARKUP = re.compile(r"</?[A-Za-z_][\w:.-]*(?:\s[^<>]*)?/?>")  # tags, not 'a < b'
_PO_LANG = {"pt": "pt_BR"}  # the catalogue's name where it is not the language code
_ROLE = re.compile(r":[a-z][\w:.+-]*:(?=`)")
_PO_SKIP = re.compile(r"^(?:translator-credits|external ref=.*)$")
_TAG = re.compile(r"</?(?:h1|b|i)>")
_IMAGE = re.compile(r"^\s*<img\d+>\s*$")


def read_source(repo: tuple[str, str], path: str, clones: dict[str, str]) -> str:
    name, commit = repo
    if name in clones:
        return subprocess.run(["git", "-C", clones[name], "show", f"{commit}:{path}"], check=True,
                              capture_output=True).stdout.decode("utf-8")
    url = f"https://raw.githubusercontent.com/{name}/{commit}/{path}"
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def clean_paragraphs(text: str) -> list[str]:
    """The book body (line 3 on) as paragraphs; an illustration line becomes ''."""
    out = []
    for line in text.splitlines()[2:]:
        if _IMAGE.match(line):
            out.append("")
            continue
        out.append(" ".join(_TAG.sub("", line.replace("<delimiter>", " ")).split()))
    return out


def build_literary(clones: dict[str, str]) -> None:
    folder = PRIVATE / "literary"
    folder.mkdir(parents=True, exist_ok=True)
    for work, langs in LITERARY:
        sides = {lang: clean_paragraphs(read_source(ALIGNED_TEXTS, f"texts/{work}/{work}_{lang}.txt", clones))
                 for lang in langs}
        n = min(len(p) for p in sides.values())
        if any(len(p) != n for p in sides.values()):
            print(f"warning: {work}: paragraph counts differ {[len(p) for p in sides.values()]}; cut to {n}")
        keep = [k for k in range(n) if all(sides[lang][k] for lang in langs)]
        for lang in langs:
            (folder / f"{work}_{lang}.txt").write_text("\n".join(sides[lang][k] for k in keep) + "\n",
                                                       encoding="utf-8")


def build_pairs(clones: dict[str, str]) -> None:
    build_one_to_one("pairs", PAIRS, lambda work, lang: clean_paragraphs(
        read_source(ALIGNED_TEXTS, f"texts/{work}/{work}_{lang}.txt", clones)))


def build_one_to_one(folder_name: str, pairs: list, read_side) -> None:
    """Each (work, src, tgt) of ``pairs`` written by ``write_one_to_one``; ``read_side(work, lang)``
    gives a side's lines."""
    folder = PRIVATE / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    for work, src, tgt in pairs:
        write_one_to_one(folder, work, src, tgt, [read_side(work, lang) for lang in (src, tgt)])


def write_one_to_one(folder: Path, stem: str, src: str, tgt: str, sides: list[list[str]]) -> None:
    """Both sides of a pair, line k with line k, without the lines empty on either side; left out
    (with a warning) when the sides have different numbers of lines."""
    if len(sides[0]) != len(sides[1]):
        print(f"warning: {stem} {src}-{tgt}: paragraph counts differ {[len(x) for x in sides]}; left out")
        return
    keep = [k for k in range(len(sides[0])) if sides[0][k] and sides[1][k]]
    for lang, side in zip((src, tgt), sides):
        (folder / f"{stem}_{src}-{tgt}_{lang}.txt").write_text("\n".join(side[k] for k in keep) + "\n",
                                                               encoding="utf-8")


def po_source(work: str, lang: str) -> tuple[tuple[str, str], str]:
    """The repository and path of ``work``'s catalogue in ``lang`` (not English: English is its msgids)."""
    if work.startswith("py:"):
        return PO_REPOS[f"python-{lang}"], f"{work[3:]}.po"
    code = _PO_LANG.get(lang, lang)
    return PO_REPOS[work], f"help/{code}/{code}.po"


def po_translations(text: str) -> dict[str, str]:
    """A catalogue's translated, non-fuzzy messages in file order: cleaned English -> cleaned translation."""
    from babel.messages.pofile import read_po  # noqa: PLC0415 (only this builder needs it)

    with contextlib.redirect_stdout(io.StringIO()):  # babel prints a warning for each '#|' previous msgid
        catalogue = read_po(io.StringIO(text))
    out = {}
    for message in catalogue:
        if not isinstance(message.id, str) or not message.id or not message.string or message.fuzzy:
            continue
        if _PO_SKIP.match(message.id) or any(c.startswith("(itstool) path: credit/") for c in message.auto_comments):
            continue
        source, target = clean_message(message.id), clean_message(message.string)
        if re.search(r"[^\W\d_]{2}", source) and re.search(r"[^\W\d_]{2}", target):
            out.setdefault(source, target)
    return out


def clean_message(text: str) -> str:
    """A message as a reader sees it: no markup tags, no reST role names or backquotes, one line."""
    text = _PO_MARKUP.sub("", re.sub(r"</key>\s*<key>", "+", text))  # a key sequence reads Ctrl+V
    text = re.sub(r"`[!~]", "`", _ROLE.sub("", text)).replace("`", "")
    return " ".join(text.split())


def work_stem(work: str) -> str:
    """A work's name as its files start: ``py:tutorial/venv`` -> ``python_tutorial_venv``."""
    return work.replace("py:", "python_").replace("/", "_").replace("-", "_")


def build_po_pairs(clones: dict[str, str]) -> None:
    folder = PRIVATE / "po"
    folder.mkdir(parents=True, exist_ok=True)
    for work, src, tgt in PO_PAIRS:
        tables = {lang: po_translations(read_source(*po_source(work, lang), clones)) for lang in {src, tgt} - {"en"}}
        english = tables[tgt] if src == "en" else tables[src]
        rows = [(en if src == "en" else tables[src][en], tables[tgt][en]) for en in english
                if src == "en" or en in tables[tgt]]
        write_one_to_one(folder, work_stem(work), src, tgt, [[r[0] for r in rows], [r[1] for r in rows]])


def markdown_lines(text: str) -> list[str]:
    """A Markdown file's non-blank lines as a reader sees them ('' for a line of markup only)."""
    out = []
    for line in text.splitlines():
        if line.strip():
            plain = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", _PO_MARKUP.sub(" ", line)))
            out.append(" ".join(plain.split()) if re.search(r"[^\W\d_]{2}", plain) else "")
    return out


def build_legal_pairs(clones: dict[str, str]) -> None:
    build_one_to_one("po", LEGAL_PAIRS, lambda doc, lang: markdown_lines(
        read_source(LEGAL_DOCS, f"{_LEGAL_LANG.get(lang, lang)}/{doc}.md", clones)))


def build_textberg(clones: dict[str, str]) -> None:
    folder = PRIVATE / "textberg"
    folder.mkdir(parents=True, exist_ok=True)
    for path in TEXTBERG:
        (folder / Path(path).name).write_text(read_source(VECALIGN, path, clones), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git", action="append", default=[], metavar="OWNER/NAME=DIR",
                    help="read a repository from a local clone (bare or not) instead of downloading")
    ap.add_argument("--bible-source", choices=("christos-c", "bible-tools"), default="christos-c",
                    help="where the Bible sets come from (bible.py): christos-c/bible-corpus's XML, or "
                         "tkacikr/bible-tools's files per book")
    ap.add_argument("--bible-only", action="store_true", help="only the Bible sets")
    args = ap.parse_args(argv)
    clones = dict(item.split("=", 1) for item in args.git)
    try:
        bible.build(PRIVATE, read_source, clones, args.bible_source)
    except (OSError, subprocess.CalledProcessError) as exc:
        repo = bible.CHRISTOS_C if args.bible_source == "christos-c" else bible.BIBLE_TOOLS
        print(f"warning: the Bible sets were not built ({exc}); clone https://github.com/{repo[0]}, check out "
              f"{repo[1]} and run again with --git {repo[0]}=DIR")
    if args.bible_only:
        return 0
    build_textberg(clones)
    build_literary(clones)
    build_pairs(clones)
    build_po_pairs(clones)
    build_legal_pairs(clones)
    print(f"built {sum(1 for _ in PRIVATE.rglob('*.*'))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
