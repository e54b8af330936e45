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
    print(f"built {sum(1 for _ in PRIVATE.rglob('*.*'))} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
