"""Markdown and HTML translated in place keep what a translator diffs against the source:
code comes back byte for byte, inline code and line breaks stay inside their sentence, and a
hard-wrapped paragraph stays wrapped."""

from __future__ import annotations

import pytest

from workbench.translate.documents import sentence_translator, translate_document

LEXICON = {"the": "la", "strike": "huelga", "goes": "sigue", "on": "adelante", "miners": "mineros",
           "workers": "obreros", "union": "sindicato", "general": "general", "read": "lea", "more": "más",
           "wages": "salarios", "rents": "alquileres", "and": "y", "run": "ejecute", "to": "para",
           "about": "sobre", "of": "de", "start": "empezar", "with": "con"}


def _word(word: str) -> str:
    core = word.rstrip(".!?,:")
    return LEXICON.get(core.lower(), core.upper()) + word[len(core):]


def _words(sentences: list[str]) -> list[str]:
    """A stand-in model: word by word through the lexicon, unknown words in capitals."""
    return [" ".join(_word(w) for w in s.split()) for s in sentences]


def _md(source: str, translate=None) -> str:
    return translate_document(source.encode(), "page.md", translate or sentence_translator(_words, "en")).decode()


# ------------------------------------------------------------------ code blocks come back byte for byte

CODE_BLOCKS = [
    "Code:\n\n    the strike goes on\n    and the union\n\nThe miners read more.\n",
    "Code:\n\n\tthe strike goes on\n\nThe miners read more.\n",
    "- the union\n- the strike\n\n      the strike goes on in a list\n\nThe miners read more.\n",
    "~~~~\nthe strike\n```\nthe union\n~~~~\n\nThe miners read more.\n",
    "  ```python\n  the strike  \n  ```\n\nThe miners read more.\n",
]


@pytest.mark.parametrize("source", CODE_BLOCKS)
def test_markdown_code_blocks_come_back_byte_identical(source):
    out = _md(source)
    code = source.split("\n\n")[-2] if not source.startswith("~") else source.split("\n\n")[0]
    assert code in out
    assert out.endswith("la mineros lea más.\n")


def test_an_indented_line_that_continues_a_list_item_or_paragraph_is_text():
    """Four spaces inside a list item or after a paragraph line are not code (CommonMark)."""
    out = _md("- the union\n\n    the strike goes on\n\nThe miners\n    read more.\n")
    assert "la huelga sigue adelante" in out and "la mineros" in out and "lea más." in out


def test_html_pre_and_code_blocks_are_left_as_they_were():
    source = ("<html><body><pre>\n  the strike &amp; the union\n\n    goes on</pre>"
              "<p>The miners read more.</p><code>the strike</code></body></html>")
    out = translate_document(source.encode(), "page.html", sentence_translator(_words, "en")).decode()
    assert "<pre>\n  the strike &amp; the union\n\n    goes on</pre>" in out
    assert "<code>the strike</code>" in out and "<p>la mineros lea más.</p>" in out
