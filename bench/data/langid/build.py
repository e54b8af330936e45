"""Build fragments.tsv and spans.jsonl from the hand-written sources here.

    python bench/data/langid/build.py

Sources (all written for this project): sentences_<lang>.txt (one sentence a
line), names.tsv (organisations, papers, places), spans_source.txt (English
sentences with foreign spans marked [[lang|text]]).  Fragments are cut from
the sentences deterministically; every source line goes wholly to the dev or
the test split (alternating), so what is tuned on dev is never seen in test.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ("en", "es", "de", "tr", "fr", "it", "eo")
EDGE = "\"'“”‘’«»()[]{}¡!¿?.,;:…–—"


def bucket(n: int) -> str:
    return "1" if n == 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15"


def words_of(sentence: str) -> list[str]:
    out = []
    for raw in sentence.split():
        w = raw.strip(EDGE)
        if w and any(c.isalpha() for c in w):
            out.append(w)
    return out


def fragments_of(lang: str, index: int, sentence: str) -> list[tuple[str, str, str]]:
    rnd = random.Random(f"{lang}:{index}:{sentence}")
    words = words_of(sentence)
    out = [("8-15", "phrase", " ".join(words[:15]))] if len(words) >= 8 else []
    for low, high in ((4, 7), (2, 3)):
        n = rnd.randint(low, min(high, len(words)))
        start = rnd.randrange(0, len(words) - n + 1)
        out.append((bucket(n), "phrase", " ".join(words[start:start + n])))
    content = [w for w in words[1:] if sum(c.isalpha() for c in w) >= 4 and "'" not in w and "’" not in w]
    for w in rnd.sample(content, min(2, len(content))):
        out.append(("1", "word", w))
    return out


def build_fragments() -> list[dict]:
    rows = []
    for lang in LANGS:
        lines = [l.strip() for l in (HERE / f"sentences_{lang}.txt").read_text(encoding="utf-8").splitlines()
                 if l.strip()]
        for i, sentence in enumerate(lines):
            split = "test" if i % 2 else "dev"
            for b, kind, text in fragments_of(lang, i, sentence):
                rows.append({"lang": lang, "bucket": b, "kind": kind, "split": split, "text": text})
    names = [l.split("\t") for l in (HERE / "names.tsv").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    per_lang: dict[str, int] = {}
    for lang, name in names:
        i = per_lang[lang] = per_lang.get(lang, -1) + 1
        rows.append({"lang": lang, "bucket": bucket(len(name.split())), "kind": "name",
                     "split": "test" if i % 2 else "dev", "text": name})
    # a text that is the same in two languages cannot be labelled: drop it
    langs_of: dict[str, set[str]] = {}
    for r in rows:
        langs_of.setdefault(r["text"].casefold(), set()).add(r["lang"])
    seen: set[tuple[str, str]] = set()
    out = []
    for r in rows:
        key = (r["lang"], r["text"].casefold())
        if len(langs_of[key[1]]) == 1 and key not in seen:
            seen.add(key)
            out.append(r)
    return out


MARK = re.compile(r"\[\[([a-z]{2})\|(.+?)\]\]")


def build_spans() -> list[dict]:
    out = []
    lines = [l.rstrip("\n") for l in (HERE / "spans_source.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    for i, line in enumerate(lines):
        text, spans, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            start = len(text)
            text += m.group(2)
            spans.append({"start": start, "end": len(text), "lang": m.group(1), "text": m.group(2)})
            pos = m.end()
        text += line[pos:]
        out.append({"id": i + 1, "split": "test" if i % 2 else "dev", "main": "en", "text": text, "spans": spans})
    return out


def main() -> None:
    rows = build_fragments()
    with open(HERE / "fragments.tsv", "w", encoding="utf-8") as f:
        f.write("lang\tbucket\tkind\tsplit\ttext\n")
        for r in rows:
            f.write(f"{r['lang']}\t{r['bucket']}\t{r['kind']}\t{r['split']}\t{r['text']}\n")
    with open(HERE / "spans.jsonl", "w", encoding="utf-8") as f:
        for item in build_spans():
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(rows)} fragments, spans written")


if __name__ == "__main__":
    main()
