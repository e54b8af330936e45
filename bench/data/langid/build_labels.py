"""Build the short-label lexicon of language identification.

    python bench/data/langid/build_labels.py [--max-words N] [--min-count N] [--out FILE]
    python bench/data/langid/build_labels.py --only-compound-shares

Short strings (labels, menu items, headings) have their own distribution of
words, which counts of running text miss: `General`, `Portrait`, `Video` are
labels in English catalogues far more often than in the others.  This script
reads label_sources.tsv (catalogues of the `train` split, none of them in
po_sources.tsv), downloads each .po file once into private/po/ (as
build_po.py does) and counts per language how often each word form is
written in the catalogue strings of up to MAX_WORDS words: English from the
msgids, the other languages from the msgstrs (a msgstr equal to its msgid is
left out, as in the bench: an untranslated copy says nothing of the
language).  Each distinct string counts once per catalogue.

Writes workbench/langid_data/labels.tsv.gz: a header line (word and the
languages), a line `#total` with the words counted per language, then one line per word form seen at least
MIN_COUNT times in some language, with its counts in the columns
en es de tr fr it eo pt (a count below MIN_COUNT is written as 0).  Word forms
and counts are facts; no string is kept.  Before writing it prints, per
catalogue, the share of its sentences (4 to 15 words) that are also strings
of a dev or test catalogue (a fork of one would show a large share).

It also writes workbench/langid_data/compound_shares.tsv: how freely each
language with a frequency list forms compounds, measured on the installed
wordfreq lists (langid_compounds.measure_compound_share), so that language
identification reads the numbers instead of measuring them in every process
(--only-compound-shares writes this file alone, without any download).
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from collections import Counter
from pathlib import Path

import build_po

ROOT = build_po.HERE.parents[2]
sys.path.insert(0, str(ROOT))

from workbench.langid_compounds import SHARES_FILE, shares_table  # noqa: E402
from workbench.langid_lexicon import _WORDFREQ_LISTS  # noqa: E402
from workbench.langid_tokens import WORD_RE, _lower, composed  # noqa: E402

# the seven languages of the bench and Portuguese, a default candidate too
LANGS = build_po.LANGS + ("pt",)
OUT = ROOT / "workbench" / "langid_data" / "labels.tsv.gz"
SHARES_OUT = OUT.with_name(SHARES_FILE)
MAX_WORDS = 7      # strings of up to seven words (3 and 15 gave the same dev accuracy)
MIN_COUNT = 2      # word forms seen fewer times are left out (smaller file, no hapaxes)


def catalogue_strings(source: dict, max_words: int) -> dict[str, set[str]]:
    """Distinct strings of 1 to `max_words` words per language of one catalogue."""
    out: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for lang in LANGS[1:]:
        path = build_po.catalogue(source, lang)
        if path is None:
            continue
        for msgid, msgstr in build_po.po_entries(path):
            english, translated = build_po.clean(msgid), build_po.clean(msgstr)
            if 1 <= build_po.word_count(english) <= max_words:
                out["en"].add(english)
            if 1 <= build_po.word_count(translated) <= max_words and translated.lower() != english.lower():
                out[lang].add(translated)
    return out


def word_forms(text: str) -> list[str]:
    """The words of a string as language identification looks them up."""
    return [_lower(word) for word in WORD_RE.findall(composed(text))]


def count(sources: list[dict], max_words: int) -> dict[str, Counter]:
    """Per language, how often each word form is written in the catalogues' strings."""
    counts = {lang: Counter() for lang in LANGS}
    for source in sources:
        for lang, texts in catalogue_strings(source, max_words).items():
            for text in texts:
                counts[lang].update(word_forms(text))
    return counts


def report_overlap(sources: list[dict]) -> None:
    held_out = held_out_strings()
    for source in sources:
        print(f"{source['repo']:<40} {shared_share(source, held_out)}")


def shared_share(source: dict, held_out: dict[str, set[str]]) -> str:
    """How many of the catalogue's sentences (4 to 15 words) are also in a
    dev or test catalogue: labels are shared by chance, sentences are not."""
    sentences = build_po.strings_of(source, 4, 15)
    total = sum(map(len, sentences.values()))
    shared = sum(len(texts & held_out[lang]) for lang, texts in sentences.items())
    return f"{shared} of {total} sentences ({100 * shared / max(total, 1):.1f}%) also in dev/test"


def held_out_strings() -> dict[str, set[str]]:
    """Every string of the dev and test catalogues (po_sources.tsv)."""
    out: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for source in build_po.read_sources():
        for lang, texts in build_po.strings_of(source).items():
            out[lang] |= texts
    return out


def write(counts: dict[str, Counter], out: Path, min_count: int) -> None:
    """The table, gzip with a fixed time stamp (the same input gives the same bytes)."""
    words = sorted({w for c in counts.values() for w, n in c.items() if n >= min_count})
    lines = ["word\t" + "\t".join(LANGS), "#total\t" + "\t".join(str(sum(counts[lang].values())) for lang in LANGS)]
    lines += [w + "\t" + "\t".join(str(n if (n := counts[lang][w]) >= min_count else 0) for lang in LANGS)
              for w in words]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(out)
    print(f"{out.name}: {len(words)} word forms, {len(buffer.getvalue())} bytes; words counted: "
          + ", ".join(f"{lang} {sum(counts[lang].values())}" for lang in LANGS))


def write_compound_shares(out: Path) -> None:
    """The compound shares of the languages with a wordfreq list (temp file + rename)."""
    from importlib.metadata import version

    text = shares_table(tuple(_WORDFREQ_LISTS), f"wordfreq {version('wordfreq')}")
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    print(f"{out.name}:\n{text}", end="")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--shares-out", type=Path, default=SHARES_OUT)
    parser.add_argument("--only-compound-shares", action="store_true",
                        help="write the compound shares alone (no catalogue is read)")
    args = parser.parse_args(argv)
    write_compound_shares(args.shares_out)
    if args.only_compound_shares:
        return 0
    sources = [s for s in build_po.read_sources("label_sources.tsv") if s["split"] == "train"]
    report_overlap(sources)
    write(count(sources, args.max_words), args.out, args.min_count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
