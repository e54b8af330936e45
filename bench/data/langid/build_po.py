"""Build the catalogue fragments (real UI strings) for bench/langid.py.

    python bench/data/langid/build_po.py

Reads po_sources.tsv (split, repo, commit, directory of the .po files);
downloads each catalogue once from GitHub at the pinned commit into
private/po/ (git-ignored: the strings are third-party), and writes
private/catalogue_fragments.tsv with the columns lang, bucket, kind, split,
catalogue, text.  English strings are the msgids of the German catalogue;
the other languages are the translated msgstrs.  A translation equal to its
English msgid is left out (it says nothing about the language), and so are
strings made of placeholders, markup or file names only.

The split is by catalogue: every string of a catalogue is in dev or in test.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRIVATE = HERE / "private"
LANGS = ("en", "es", "de", "tr", "fr", "it", "eo")
PER_CELL = 40   # strings per catalogue, language and length bucket (balanced sample)
PARAGRAPH_WORDS = 16   # longer strings (help texts, descriptions) are the paragraph set
OUTSIDE = "pt"   # language of the out-of-candidate paragraphs
RAW = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"

_PLACEHOLDER = re.compile(r"%(?:\d+\$|\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^{}]*\}|\$\{?\w+\}?"
                          r"|<[^<>]*>|&\w+;|\\[nt]|\S+\.\w{2,4}\b|\S*[/@]\S*")
_ACCELERATOR = re.compile(r"[_&](?=\w)|\s*\(_\w\)")


def bucket(n: int) -> str:
    return "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15"


def read_sources(name: str = "po_sources.tsv") -> list[dict]:
    lines = [line for line in (HERE / name).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def catalogue(source: dict, lang: str) -> Path | None:
    """The cached .po file of `lang` (downloaded when missing; None if the
    project has no translation into `lang`)."""
    target = PRIVATE / "po" / source["repo"].replace("/", "__") / f"{lang}.po"
    if not target.exists():
        stem = file_stems(source).get(lang, lang)
        url = RAW.format(repo=source["repo"], commit=source["commit"], path=f"{source['po_dir']}/{stem}.po")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return target


def file_stems(source: dict) -> dict[str, str]:
    """Language -> file name without .po where a catalogue names its files
    by region (AbiWord: de-DE.po); the optional last column, `de=de-DE,...`."""
    pairs = (item.split("=", 1) for item in (source.get("files") or "").split(",") if "=" in item)
    return {lang.strip(): stem.strip() for lang, stem in pairs}


def po_entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file; plural forms and fuzzy or
    obsolete entries are left out."""
    pairs, current, field, fuzzy = [], {}, None, False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[", "msgctxt ")):
            field, _, rest = line.partition(" ")
            current[field] = _unquote(rest)
        elif line.startswith('"') and field:
            current[field] += _unquote(line)
        elif not line:
            if current.get("msgid") and current.get("msgstr") and not fuzzy and "msgid_plural" not in current:
                pairs.append((current["msgid"], current["msgstr"]))
            current, field, fuzzy = {}, None, False
    return pairs


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text.replace('\\"', '"').replace("\\n", " ").replace("\\t", " ")


def clean(text: str) -> str:
    """The words a user sees: placeholders, markup, accelerators and
    file names removed, spaces normalised."""
    text = _ACCELERATOR.sub("", _PLACEHOLDER.sub(" ", text))
    return " ".join(text.split()).strip(" :.,;-–…")


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def strings_of(source: dict, low: int = 1, high: int = 15) -> dict[str, set[str]]:
    """Strings of `low` to `high` words per language of one catalogue."""
    out: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for lang in LANGS[1:]:
        path = catalogue(source, lang)
        if path is None:
            continue
        for msgid, msgstr in po_entries(path):
            english, translated = clean(msgid), clean(msgstr)
            if lang == "de" and low <= word_count(english) <= high:
                out["en"].add(english)
            if low <= word_count(translated) <= high and translated.lower() != english.lower():
                out[lang].add(translated)
    return out


def sample(source: dict) -> list[dict]:
    rows = []
    name = source["repo"].split("/")[1]
    for lang, texts in strings_of(source).items():
        cells: dict[str, list[str]] = {}
        for text in sorted(texts):
            if sum(c.isalpha() for c in text) >= 2:
                cells.setdefault(bucket(word_count(text)), []).append(text)
        for cell, texts_in in sorted(cells.items()):
            random.Random(f"{name}:{lang}:{cell}").shuffle(texts_in)
            rows += [{"lang": lang, "bucket": cell, "kind": "ui", "split": source["split"],
                      "catalogue": name, "text": t} for t in texts_in[:PER_CELL]]
    return rows


def paragraphs(source: dict) -> list[dict]:
    name = source["repo"].split("/")[1]
    rows = []
    for lang, texts in strings_of(source, PARAGRAPH_WORDS, 10_000).items():
        chosen = sorted(texts)
        random.Random(f"{name}:{lang}:paragraphs").shuffle(chosen)
        rows += [{"lang": lang, "bucket": "16+", "kind": "paragraph", "split": source["split"],
                  "catalogue": name, "text": t} for t in chosen[:PER_CELL * 2]]
    return rows


def outside_paragraphs(source: dict) -> list[dict]:
    """Paragraphs in Portuguese, a language outside the seven the bench
    asks about and close to three of them: the case where paragraph
    detection must still ask langdetect (which knows it)."""
    name = source["repo"].split("/")[1]
    path = catalogue(source, OUTSIDE)
    if path is None:
        return []
    chosen = sorted({text for _, msgstr in po_entries(path)
                     if word_count(text := clean(msgstr)) >= PARAGRAPH_WORDS})
    random.Random(f"{name}:{OUTSIDE}:paragraphs").shuffle(chosen)
    return [{"lang": OUTSIDE, "bucket": "16+", "kind": "paragraph", "split": source["split"],
             "catalogue": name, "text": t} for t in chosen[:PER_CELL * 2]]


def main() -> int:
    sources = read_sources()
    write(PRIVATE / "catalogue_fragments.tsv", [row for source in sources for row in sample(source)])
    write(PRIVATE / "catalogue_paragraphs.tsv", [row for source in sources for row in paragraphs(source)])
    write(PRIVATE / "catalogue_outside.tsv", [row for source in sources for row in outside_paragraphs(source)])
    return 0


def write(out: Path, rows: list[dict]) -> None:
    PRIVATE.mkdir(exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["lang", "bucket", "kind", "split", "catalogue", "text"], delimiter="\t",
                                quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(out)
    counts = ", ".join(f"{split} {sum(r['split'] == split for r in rows)}" for split in ("dev", "test"))
    print(f"{out.name}: {counts}")


if __name__ == "__main__":
    sys.exit(main())
