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
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
    folder = PRIVATE / "pairs"
    folder.mkdir(parents=True, exist_ok=True)
    for work, src, tgt in PAIRS:
        sides = [clean_paragraphs(read_source(ALIGNED_TEXTS, f"texts/{work}/{work}_{lang}.txt", clones))
                 for lang in (src, tgt)]
        if len(sides[0]) != len(sides[1]):
            print(f"warning: {work} {src}-{tgt}: paragraph counts differ {[len(p) for p in sides]}; left out")
            continue
        keep = [k for k in range(len(sides[0])) if sides[0][k] and sides[1][k]]
        for lang, side in zip((src, tgt), sides):
            (folder / f"{work}_{src}-{tgt}_{lang}.txt").write_text("\n".join(side[k] for k in keep) + "\n",
                                                                    encoding="utf-8")


def build_textberg(clones: dict[str, str]) -> None:
    folder = PRIVATE / "textberg"
    folder.mkdir(parents=True, exist_ok=True)
    for path in TEXTBERG:
        (folder / Path(path).name).write_text(read_source(VECALIGN, path, clones), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--git", action="append", default=[], metavar="OWNER/NAME=DIR",
                    help="read a repository from a local clone (bare or not) instead of downloading")
    args = ap.parse_args(argv)
    clones = dict(item.split("=", 1) for item in args.git)
    build_textberg(clones)
    build_literary(clones)
    build_pairs(clones)
    print(f"built {sum(1 for _ in PRIVATE.rglob('*.*'))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
