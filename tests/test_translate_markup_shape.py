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
           "tarifa": "tarifa", "rote": "Rote", "fahne": "Fahne", "der": "der", "arbeiter": "Arbeiter",
           "zeitung": "Zeitung", "arbeiterstimme": "Arbeiterstimme"}


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
    assert "la huelga sigue adelante" in out and "la mineros lea más." in " ".join(out.split())


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


# ------------------------------------------------------------------ a hard-wrapped paragraph stays wrapped

WRAPPED = ("The miners and the union read more about the general strike and\n"
           "the wages of the workers. The strike goes on and the union read more\n"
           "about the rents and the wages of the miners.\n")


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(token type, text with spaces collapsed) of a CommonMark parse: the document's structure."""
    from markdown_it import MarkdownIt

    return [(t.type, " ".join(t.content.split())) for t in MarkdownIt("commonmark").parse(markdown)]


def _one_line(source: str) -> str:
    """What the translation would be with each block on one line (the shape before this round)."""
    return _md(source).replace("\n", " ")


def test_a_hard_wrapped_paragraph_is_wrapped_again_at_the_sources_width():
    out = _md(WRAPPED)
    lines = out.splitlines()
    width = max(map(len, WRAPPED.splitlines()))
    assert len(lines) >= 3 and all(len(line) <= width for line in lines)
    assert " ".join(lines) == ("la mineros y la sindicato lea más sobre la general huelga y la salarios de la "
                               "obreros. la huelga sigue adelante y la sindicato lea más sobre la alquileres y "
                               "la salarios de la mineros.")
    assert _blocks(out)[0][0] == "paragraph_open" and len([b for b in _blocks(out) if b[0] == "inline"]) == 1


def test_a_paragraph_with_a_sentence_a_line_keeps_a_sentence_a_line():
    source = "The strike goes on.\nThe union read more about the wages.\nThe miners read more.\n"
    assert _md(source) == "la huelga sigue adelante.\nla sindicato lea más sobre la salarios.\nla mineros lea más.\n"


@pytest.mark.parametrize("source", [
    "> " + WRAPPED.replace("\n", "\n> ").rstrip("> "),
    "- " + WRAPPED.replace("\n", "\n  ").rstrip(" ") + "- the strike\n",
    "1. " + WRAPPED.replace("\n", "\n   ").rstrip(" "),
])
def test_a_wrapped_quote_or_list_item_keeps_its_marks_on_every_line(source):
    out = _md(source)
    src_lines = source.splitlines()
    prefix = src_lines[1][:len(src_lines[1]) - len(src_lines[1].lstrip("> "))]
    lines = out.splitlines()
    assert len(lines) >= 3 and all(line.startswith(prefix) for line in lines[1:3])
    assert all(len(line) <= max(map(len, src_lines)) for line in lines)
    assert [t for t, _ in _blocks(out)] == [t for t, _ in _blocks(source)]


def test_a_line_is_never_broken_inside_a_link_inline_code_or_next_to_an_emphasis_mark():
    source = ("The miners read *Arbeiterstimme* and more about [Rote Fahne der Arbeiter Zeitung der\n"
              "Arbeiter](https://example.org/a) and `the union goes on` and **Rote Fahne der\n"
              "Arbeiter** goes on. The strike - and the union - goes on and 1. the rents.\n")
    out = _md(source)
    lines = out.splitlines()
    assert len(lines) >= 2
    assert "[Rote Fahne der Arbeiter Zeitung der Arbeiter](https://example.org/a)" in out   # on one line
    assert "`the union goes on`" in out and "*Arbeiterstimme*" in out and "**Rote Fahne der Arbeiter**" in out
    assert not any(line.startswith(("- ", "1. ", "* ", "+ ")) for line in lines)
    assert _blocks(out) == _blocks(_one_line(source))                 # the same document, wrapped


def test_a_short_paragraph_on_one_line_stays_on_one_line():
    assert _md("The miners read more about the general strike and the wages of the workers.\n").count("\n") == 1


def test_a_post_edited_paragraph_of_a_sentence_a_line_keeps_its_lines(tmp_path):
    from workbench import review
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine
    from workbench.translate.reviewed import reviewed_outputs

    path = tmp_path / "lines.md"
    path.write_text("# The strike\n\nThe strike goes on.\nThe union read more.\n", encoding="utf-8")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, StandInEngine({("en", "es"): LEXICON}), [path], ["es"], "en")
        assert {f.name: f.data for f in result.files}["lines.es.md"].decode().endswith(
            "La huelga sigue adelante.\nLa sindicato lea más.\n")
        [item] = result.items
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        [bead] = [b for b in beads if b.source.startswith("The strike goes on.")]
        review.edit_target(store, alignment_id, bead.position, "La huelga continúa. El sindicato leyó más.", "ana")
        final = {f.name: f.data for f in reviewed_outputs(store, result.job_id)}["lines.es.md"].decode()
    assert final == "# La huelga\n\nLa huelga continúa.\nEl sindicato leyó más.\n"


# ------------------------------------------------------------------ property: wrapping changes only line ends

from hypothesis import assume, given, settings, strategies as st  # noqa: E402

PIECES = ["the", "strike", "goes", "on", "miners", "union", "read", "more", "wages", "Asturias", "tarifa",
          "-", "1.", "#", ">", "*", "2026.", "+", "`the union`", "`a b c d e`",
          "[Rote Fahne der Arbeiter](https://example.org/x)", "*Arbeiterstimme*", "**Rote Fahne**",
          "<b>", "the.", "union.", "read,", "<br>"]


def _wrap(words: list[str], width: int, first: str, rest: str) -> list[str]:
    """A naive hard wrap of ``words`` (a source as an editor writes it)."""
    lines, line = [], first
    for word in words:
        if line.strip() not in ("", first.strip()) and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = rest
        line += ("" if line in (first, rest) else " ") + word
    return lines + [line]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), min_size=1, max_size=3),
       st.integers(20, 90), st.sampled_from([("", ""), ("> ", "> "), ("- ", "  "), ("1. ", "   ")]))
def test_a_wrapped_block_is_the_one_line_blocks_translation_wrapped(paragraphs, width, marks):
    first, rest = marks
    wrapped = "\n\n".join("\n".join(_wrap(words, width, first, rest)) for words in paragraphs) + "\n"
    one_line = "\n\n".join(first + " ".join(words) for words in paragraphs) + "\n"
    assume(_blocks(wrapped) == _blocks(one_line))           # the source means the same either way
    # every sentence changes, so every text is written again in both (a text left as it was
    # keeps its markup as it was)
    model = sentence_translator(lambda sentences: [t + " ok" for t in _words(sentences)], "en")
    out = _md(wrapped, model)
    assert _blocks(out) == _blocks(_md(one_line, model))    # only line ends differ
    for source, block in zip(wrapped.strip("\n").split("\n\n"), out.strip("\n").split("\n\n")):
        widest, lines = max(map(len, source.splitlines())), block.splitlines()
        if len(lines) != source.count("\n") + 1:          # wrapped again (else broken where the source was)
            assert all(len(line) <= widest or _unbreakable(line, widest) for line in lines)


def _unbreakable(line: str, width: int) -> bool:
    """Whether ``line`` is longer than ``width`` only because no allowed break fits in it."""
    import re

    opens_a_block = re.compile(r"(?:[-+*]|\d{1,9}[.)]|#{1,6})(?:\s|$)|[>|=<`\[]")
    marks = re.match(r"(?:[\s>]*(?:[-+*]|\d{1,9}[.)])\s+)*[\s>]*", line).end()     # quote and list marks
    spaces = [m.start() for m in re.finditer(" ", line[:width + 1])
              if m.start() > marks and not opens_a_block.match(line, m.start() + 1)]
    return not spaces or any(token in line for token in ("](", "`", "<"))


def test_a_wrapped_line_starting_with_a_number_continues_its_paragraph():
    """Only "1." opens a list inside a paragraph (CommonMark): "1936." at a line's start is text."""
    model = Recorder()
    out = _translated("The miners read more about the strike of\n1936. The union read more.\n", "page.md", model)
    assert sorted(model.sentences) == ["The miners read more about the strike of 1936.", "The union read more."]
    assert out == "la mineros lea más sobre la huelga\nde 1936. la sindicato lea más.\n"     # never "\n1936. la"


def test_the_items_of_an_ordered_list_stay_items():
    out = _md("1. The strike goes on.\n2. The union read more.\n3. The miners\n   read more.\n")
    assert out == "1. la huelga sigue adelante.\n2. la sindicato lea más.\n3. la mineros\n   lea más.\n"


def test_a_wrapped_line_never_ends_between_the_spaces_of_a_hard_line_break():
    from workbench.translate.md_layout import lay_out

    lines = lay_out("aaaa bbbb  \ncc dd", [], ["aaaa bbb  ", "cc dd ee", "ff"], ["", "", ""])
    assert lines == ["aaaa", "bbbb  ", "cc dd"]


def test_a_year_at_the_start_of_a_wrapped_line_inside_an_ordered_item_continues_it():
    out = _md("1. The miners read more about the strike of\n   2026. The union read more.\n2. The strike goes on.\n")
    assert out == "1. la mineros lea más sobre la huelga\n   de 2026. la sindicato lea más.\n2. la huelga sigue adelante.\n"
