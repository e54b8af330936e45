"""Terminology of the demo corpus: no translation uses a term that the shared
glossary forbids, checked bead by bead against the gold paragraph alignment.

A forbidden term is allowed only where it is listed below with the reason a
careful translator keeps it (a quotation of the other side, a faithful
rendering of an ironic use in the original). Keep the list short: every entry
must still be found, so a fixed translation removes its entry."""

from __future__ import annotations

from functools import lru_cache

from tests.conftest import CORPUS, ROOT
from workbench.demo import read_manifest
from workbench.formats.beads import parse_beads
from workbench.glossary import TermMatcher, check_pair, load_glossary
from workbench.ingest import ingest_file

MANIFEST = read_manifest(CORPUS)
GLOSSARY = load_glossary(ROOT / "glossaries" / "political-terms.toml")

# (target document, target paragraphs of the bead, forbidden term): reason
ALLOWED = {
    # The English original heads this section "Riders Against the Social Partners": it names the
    # class-collaboration ideology ironically, echoing the rider's words quoted below it; the
    # translations keep the irony instead of flattening it to "the bosses".
    ("regime-unions.es", (12,), "agente social"): "ironic heading, as in the original",
    ("regime-unions.de", (12,), "Sozialpartner"): "ironic heading, as in the original",
    ("regime-unions.tr", (10,), "sosyal ortak"): "ironic heading, as in the original",
    # A dismissed rider rejects the term in direct speech ("We are not the company's social
    # partners"): a quotation turned against the other side's jargon, which the glossary allows.
    ("regime-unions.es", (15,), "agente social"): "quotation rejecting the term",
    ("regime-unions.de", (14,), "Sozialpartner"): "quotation rejecting the term",
    ("regime-unions.tr", (13,), "sosyal ortak"): "quotation rejecting the term",
}


@lru_cache(maxsize=None)
def paragraphs(doc_id: str) -> tuple[str, ...]:
    return tuple(p.text for p in ingest_file(MANIFEST.document(doc_id).path).paragraphs)


@lru_cache(maxsize=None)
def matcher(lang: str) -> TermMatcher:
    return TermMatcher(GLOSSARY, lang)


@lru_cache(maxsize=1)
def forbidden_findings() -> dict[tuple[str, tuple[int, ...], str], list[str]]:
    """Every forbidden finding of every gold bead that has a target side,
    keyed like ALLOWED, with the pair and the matched text for messages."""
    found: dict[tuple[str, tuple[int, ...], str], list[str]] = {}
    for pair in MANIFEST.pairs:
        src_lang = MANIFEST.document(pair.source).lang
        tgt_lang = MANIFEST.document(pair.target).lang
        src_pars, tgt_pars = paragraphs(pair.source), paragraphs(pair.target)
        for bead in parse_beads(pair.paragraph_gold.read_text(encoding="utf-8")):
            if not bead.target:
                continue
            source = "\n\n".join(src_pars[i] for i in bead.source)
            target = "\n\n".join(tgt_pars[i] for i in bead.target)
            for f in check_pair(source, target, src_lang, tgt_lang, GLOSSARY,
                                src_matcher=matcher(src_lang), tgt_matcher=matcher(tgt_lang)):
                if f.kind == "forbidden":
                    key = (pair.target, tuple(bead.target), f.target_term)
                    found.setdefault(key, []).append(
                        f"{pair.source}->{pair.target} {list(bead.source)}:{list(bead.target)} "
                        f"'{target[f.target_span[0]:f.target_span[1]]}' ({f.concept_id})")
    return found


def test_no_forbidden_terms_in_translations():
    found = forbidden_findings()
    unexpected = [msg for key, msgs in sorted(found.items()) if key not in ALLOWED for msg in msgs]
    assert unexpected == [], "forbidden glossary terms in the corpus translations:\n" + "\n".join(unexpected)


def test_allow_list_has_no_stale_entries():
    found = forbidden_findings()
    assert sorted(k for k in ALLOWED if k not in found) == []
