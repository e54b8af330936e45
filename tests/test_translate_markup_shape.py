"""Markdown and HTML translated in place keep what a translator diffs against the source:
code comes back byte for byte, inline code and line breaks stay inside their sentence, and a
hard-wrapped paragraph stays wrapped."""

from __future__ import annotations

import pytest

from workbench.translate.documents import sentence_translator, translate_document

LEXICON = {"the": "la", "strike": "huelga", "goes": "sigue", "on": "adelante", "miners": "mineros",
           "workers": "obreros", "union": "sindicato", "general": "general", "read": "lea", "more": "más",
           "wages": "salarios", "rents": "alquileres", "and": "y", "run": "ejecute", "to": "para",
           "about": "sobre", "of": "de", "start": "empezar", "with": "con", "asturias": "Asturias",
           "tarifa": "tarifa"}


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


# ------------------------------------------------------------------ inline code and line breaks inside a sentence

class Recorder:
    """A stand-in model that records the sentences it gets; ``drop`` removes what matches it."""

    def __init__(self, drop: str | None = None):
        self.sentences: list[str] = []
        self.drop = drop

    def __call__(self, sentences: list[str]) -> list[str]:
        import re

        self.sentences += sentences
        out = _words(sentences)
        return [re.sub(self.drop, "", s) for s in out] if self.drop else out


def _translated(source: str, name: str, model) -> str:
    return translate_document(source.encode(), name, sentence_translator(model, "en")).decode()


@pytest.mark.parametrize("name, source, expected", [
    ("page.md", "Run `make app` to start with the union.\n",
     "ejecute `make app` para empezar con la sindicato.\n"),
    ("page.md", "Run ``a `b` c`` and `the  strike` with the union.\n",
     "ejecute ``a `b` c`` y `the  strike` con la sindicato.\n"),
    ("page.html", '<p>Run <code class="sh">make app</code> to start with the union.</p>',
     '<p>ejecute <code class="sh">make app</code> para empezar con la sindicato.</p>'),
])
def test_inline_code_stays_inside_its_sentence_and_is_not_translated(name, source, expected):
    model = Recorder()
    out = _translated(source, name, model)
    assert len(model.sentences) == 1                          # the sentence went whole
    assert "make" not in model.sentences[0] and "strike" not in model.sentences[0]     # the code did not
    assert expected in out


@pytest.mark.parametrize("name, source, expected", [
    ("page.md", "Run `make app` to start with the union.\n", "ejecute para empezar con la sindicato `make app`.\n"),
    ("page.html", "<p>Run <code>make app</code> to start with the union.</p>",
     "<p>ejecute para empezar con la sindicato <code>make app</code>.</p>"),
])
def test_inline_code_the_model_dropped_goes_back_at_the_end_of_its_sentence(name, source, expected):
    out = _translated(source, name, Recorder(drop=r" ?Q\s?C\s?\d+\s?Z"))
    assert expected in out


def test_a_job_flags_the_segment_whose_inline_code_the_model_dropped(tmp_path):
    from workbench import review
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    class Dropping(StandInEngine):
        def translate(self, sentences, src, tgt, **kwargs):
            import re

            return [[re.sub(r" ?QC\d+Z", "", h) for h in hyps]
                    for hyps in super().translate(sentences, src, tgt, **kwargs)]

    path = tmp_path / "run.md"
    path.write_text("# The strike\n\nRun `make app` to start with the union.\n", encoding="utf-8")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, Dropping({("en", "es"): LEXICON}), [path], ["es"], "en")
        [item] = result.items
        segments = {s.source: s for s in store.jobs.segments(item.id)}
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
    run = segments["Run `make app` to start with the union."]          # one segment, code and all
    assert run.target == "Ejecute para empezar con la sindicato `make app`."
    assert any("`make app`" in flag for flag in run.flags)
    [flagged] = [b for b in beads if b.bead.needs_review]
    assert flagged.source == run.source
    assert any("`make app`" in reason for reason in flagged.bead.features["reasons"])
    out = {f.name: f.data for f in result.files}["run.es.md"].decode()
    assert out == "# La huelga\n\nEjecute para empezar con la sindicato `make app`.\n"


@pytest.mark.parametrize("name, source, expected", [
    ("page.md", "The miners of Asturias<br>and the union goes on.\n",
     "la mineros de Asturias<br>y la sindicato sigue adelante.\n"),
    ("page.md", "The miners of Asturias  \nand the union goes on.\n",
     "la mineros de Asturias  \ny la sindicato sigue adelante.\n"),
    ("page.md", "> The miners of Asturias\\\n> and the union goes on.\n",
     "> la mineros de Asturias\\\n> y la sindicato sigue adelante.\n"),
    ("page.html", "<p>The miners of Asturias<br>and the union goes on.</p>",
     "<p>la mineros de Asturias<br>y la sindicato sigue adelante.</p>"),
    ("page.html", "<p>The miners read<br>tarifa and the union goes on.</p>",       # the word after it
     "<p>la mineros lea<br>tarifa y la sindicato sigue adelante.</p>"),
])
def test_a_line_break_inside_a_sentence_stays_beside_its_surviving_neighbour(name, source, expected):
    model = Recorder()
    out = _translated(source, name, model)
    assert len(model.sentences) == 1
    assert expected in out


@pytest.mark.parametrize("name, source, expected", [
    ("page.md", "The strike goes on.<br>The union read more.\n", "la huelga sigue adelante.<br>la sindicato lea más.\n"),
    ("page.html", "<p>The union<br>Asturias</p>", "<p>la sindicato<br>Asturias</p>"),
])
def test_a_line_break_after_a_sentence_or_before_a_capital_still_ends_the_text(name, source, expected):
    model = Recorder()
    assert expected in _translated(source, name, model)
    assert len(model.sentences) == 2


def test_a_line_break_whose_neighbours_are_both_gone_is_left_out_and_nothing_else_is():
    out = _translated("<p>The miners read<br>and the union goes on.</p>", "page.html", Recorder())
    assert "<p>la mineros lea y la sindicato sigue adelante.</p>" in out
