"""Bilingual dictionaries (dictd/FreeDict and Ding) as alignment evidence."""

from __future__ import annotations

import gzip
import os

import pytest

from workbench.align import EvidenceConfig, align_segments
from workbench.align.dictionary import load_dictionary, read_dictd, read_ding
from workbench.align.evidence import segment_keys
from workbench.errors import FormatError, InputError

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def write_dictd(folder, name: str, entries: dict[str, str], compress: bool = False):
    """A tiny dictd dictionary: NAME.index and NAME.dict (or .dict.dz)."""
    body, index = b"", []
    for head, text in [("00databaseshort", "a tiny test dictionary")] + list(entries.items()):
        chunk = f"{head}\n{text}\n".encode("utf-8")
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(chunk))}")
        body += chunk
    (folder / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    if compress:
        (folder / f"{name}.dict.dz").write_bytes(gzip.compress(body))
    else:
        (folder / f"{name}.dict").write_bytes(body)
    return folder / f"{name}.index"


ENTRIES = {
    "strike": "/straɪk/\n<n>\n1. Streik, Ausstand\n2. Schlag",
    "worker": "Arbeiter; Arbeiterin",
    "wage": "Lohn",
    "shipyard": "Werft",
    "trade union": "Gewerkschaft",
}


@pytest.mark.parametrize("compress", [False, True])
def test_read_dictd(tmp_path, compress):
    d = read_dictd(write_dictd(tmp_path, "eng-deu", ENTRIES, compress), "en", "de")
    assert d.translations("strike") == {"streik", "ausstand", "schlag"}
    assert d.translations("worker") == {"arbeiter", "arbeiterin"}
    assert "trade union" not in d.index  # phrases are left out
    assert len(d) == 4


def test_read_ding(tmp_path):
    path = tmp_path / "de-en.txt"
    path.write_text("# Ding test file\n"
                    "Streik {m}; Streiks {pl} :: strike; strikes\n"
                    "Werft {f} | Werften {pl} :: shipyard | shipyards\n"
                    "Lohn {m} :: wage; pay\n", encoding="utf-8")
    d = read_ding(path, "de", "en")
    assert d.translations("streik") == {"strike", "strikes"}
    assert d.translations("werften") == {"shipyards"}
    back = d.for_pair("en", "de")
    assert back.translations("wage") == {"lohn"}
    assert d.for_pair("es", "tr") is None


def test_bad_dictionaries_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Streik :: strike\nno separator here\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.txt: line 2"):
        read_ding(bad, "de", "en")
    index = tmp_path / "x.index"
    index.write_text("strike\tA\n", encoding="utf-8")
    (tmp_path / "x.dict").write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match=r"x.index: line 1"):
        read_dictd(index, "en", "de")
    with pytest.raises(InputError, match="no y.dict"):
        (tmp_path / "y.index").write_text("", encoding="utf-8")
        load_dictionary(tmp_path / "y.index", "en", "de")


def test_dictionary_words_become_shared_keys_and_help_alignment(tmp_path):
    d = read_dictd(write_dictd(tmp_path, "eng-deu", ENTRIES), "en", "de")
    cfg = EvidenceConfig(dictionary=d, cognates=False)
    assert "d:werft" in segment_keys("the shipyard", cfg, "source")
    assert "d:werft" in segment_keys("die Werft", cfg, "target")
    # Equal lengths, no numbers or names: only the dictionary tells the order apart.
    source = ["the shipyard is closed", "a wage is paid", "the strike goes on"]
    target = ["der Streik geht weiter", "die Werft ist zu", "ein Lohn wird gezahlt"]
    with_dict = align_segments(source, target, "en", "de", evidence=cfg)
    pairs = {(b.source, b.target) for b in with_dict.beads}
    assert ((0,), (1,)) in pairs and ((1,), (2,)) in pairs
    assert with_dict.provenance["evidence"]["dictionary"] == "eng-deu"


def test_dictionary_index_is_cached_until_the_file_changes(tmp_path):
    index = write_dictd(tmp_path, "eng-deu", ENTRIES)
    cache = tmp_path / "cache"
    first = load_dictionary(index, "en", "de", cache_dir=cache, pair=("de", "en"))
    assert first.translations("streik") == {"strike"} and (first.src_lang, first.tgt_lang) == ("de", "en")
    files = list(cache.iterdir())
    assert len(files) == 1
    again = load_dictionary(index, "en", "de", cache_dir=cache, pair=("de", "en"))
    assert again.index == first.index and again.target_vocabulary == first.target_vocabulary
    # a changed dictionary is read again, not served from the old index
    write_dictd(tmp_path, "eng-deu", dict(ENTRIES, wage="Lohn; Gehalt"))
    os.utime(index, ns=(1, 1))
    changed = load_dictionary(index, "en", "de", cache_dir=cache, pair=("de", "en"))
    assert changed.translations("gehalt") == {"wage"}
    # a damaged cache file is ignored
    for f in cache.iterdir():
        f.write_bytes(b"not marshal")
    assert load_dictionary(index, "en", "de", cache_dir=cache, pair=("de", "en")).index == changed.index


def test_dictionary_for_other_languages_is_refused(tmp_path):
    index = write_dictd(tmp_path, "eng-deu", ENTRIES)
    with pytest.raises(InputError, match="cannot serve es-tr"):
        load_dictionary(index, "en", "de", pair=("es", "tr"))
