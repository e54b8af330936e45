"""Ingest: repair of real extraction damage, paragraphs, headings, no text lost."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from workbench.errors import InputError
from workbench.ingest import (HEADING, SEPARATOR, build_paragraphs, ingest_file, ingest_text,
                              read_file, repair_text)


def nonspace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words_of_markdown_source(text: str) -> str:
    """The letters and digits a reader sees: link targets dropped, marks ignored."""
    return re.sub(r"[\W_]+", "", re.sub(r"\]\([^)]*\)", "]", text))


# ----------------------------------------------------------------- characters

@pytest.mark.parametrize("raw, expected", [
    ("Lima, Peru, 2020ā€”Miners on strike", "Lima, Peru, 2020—Miners on strike"),
    ("Thatā€™s what he hid.", "That’s what he hid."),
    ("between ā€œcorruptionā€ and", "between “corruption” and"),  # byte 0x9D lost by the extractor
    ("caf\u00c3\u00a9 obrero", "café obrero"),  # UTF-8 read as Windows-1252
    ("Who decides\u037e the workers", "Who decides; the workers"),
    ("no\u00a0more\u202fwar", "no more war"),
    ("too   many    spaces", "too many spaces"),
    ("the antiTrump protests", "the anti-Trump protests"),
    ("a proRussian party and antiNATO slogans", "a pro-Russian party and anti-NATO slogans"),
    ("Bağımsız Maden İş ve Türk-İş", "Bağımsız Maden İş ve Türk-İş"),
    ("Gruß“ und „Streik“", "Gruß“ und „Streik“"),
    ("soft\u00adhyphen", "softhyphen"),
])
def test_repair_fixes_characters(raw, expected):
    assert repair_text(raw)[0] == expected


@pytest.mark.parametrize("raw, expected", [
    ("the strug-\ngle goes on", "the struggle\ngoes on"),
    ("an anti-\nNATO rally", "an anti-NATO\nrally"),
    ("the working-\nclass and the working-class movement", "the working-class\nand the working-class movement"),
    ("a page break in the strug-\n\ngle itself", "a page break in the struggle\n\nitself"),
])
def test_repair_restores_words_split_at_line_ends(raw, expected):
    assert repair_text(raw)[0] == expected


# ----------------------------------------------------------------- paragraphs

def test_hard_wrapped_lines_become_one_paragraph():
    text = ("The dockers of the port stayed out for\nthree weeks, and the bosses answered with\n"
            "a lockout of the whole terminal.\n\nThe second paragraph starts here and\nends here.")
    doc = ingest_text(text, "a.txt")
    assert [p.text for p in doc.paragraphs] == [
        "The dockers of the port stayed out for three weeks, and the bosses answered with "
        "a lockout of the whole terminal.",
        "The second paragraph starts here and ends here."]


def test_paragraph_cut_by_a_page_break_is_rejoined():
    text = ("Miners marched for eleven days from the coalfield\nto the capital, and on the way\n\n"
            "they were stopped twice by the gendarmerie.\n\nA new paragraph.")
    doc = ingest_text(text, "a.txt")
    assert len(doc.paragraphs) == 2
    assert "on the way they were stopped" in doc.paragraphs[0].text


def test_heading_wrapped_over_short_lines_is_one_heading():
    text = ("The strike ended with a defeat that the union leaders had\nprepared for months in advance.\n"
            "War in\nArmenia and\nAzerbaijan\nFor the fourth time since the last century the two\n"
            "states are at war over the same mountains and the same\npipelines of the oil companies.\n")
    doc = ingest_text(text, "a.txt")
    assert [(p.kind, p.text[:30].strip()) for p in doc.paragraphs] == [
        ("body", "The strike ended with a defeat"),
        ("heading", "War in Armenia and Azerbaijan"),
        ("body", "For the fourth time since the"),
    ]


def test_markdown_headings_and_separators():
    doc = ingest_text("# Title here\n\nFirst para\ncontinues.\n\n## Part two\n\n***\n\nLast.", "a.md")
    assert [(p.kind, p.level, p.text) for p in doc.paragraphs] == [
        (HEADING, 1, "Title here"), ("body", 0, "First para continues."), (HEADING, 2, "Part two"),
        (SEPARATOR, 0, "***"), ("body", 0, "Last.")]
    assert doc.title == "Title here"


def test_a_headline_set_over_two_lines_is_the_whole_title():
    text = ("Dockers of the northern port\nwalk out over pay and hours\n\n"
            "On Thursday the dockers of the northern\nport stopped work at six in the morning.\n")
    assert ingest_text(text, "a.txt").title == "Dockers of the northern port walk out over pay and hours"
    # a first paragraph of running text still gives its first line
    body = "On Thursday the dockers of the northern\nport stopped work at six in the morning.\n\nThey won."
    assert ingest_text(body, "b.txt").title == "On Thursday the dockers of the northern"


def test_html_blocks_become_paragraphs():
    html = ("<html><head><title>x</title><style>p{}</style></head><body><h1>Strike &amp; lockout</h1>"
            "<p>First <b>bold</b> paragraph.</p><ul><li>One item</li></ul><script>var x;</script></body></html>")
    doc = ingest_text(html, "page.html")
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        (HEADING, "Strike & lockout"), ("body", "First bold paragraph."), ("body", "One item")]


SAVED_PAGE = """<!DOCTYPE html><html><head><title>Dockers out | The Red Tribune</title></head><body>
<header><a href="/">The Red Tribune</a><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
</ul></nav></header>
<main><article><header><h1>Dockers walk out in the northern port</h1><p>By a correspondent</p></header>
<p>Dockers organised in <em>Liman-İş</em> stopped work on Monday after the company cut the night rate.</p>
<figure><img src="gate.jpg"><figcaption>Pickets at the gate</figcaption></figure>
<p>The strike committee said it would go on until every sacked docker was taken back.</p></article>
<aside><h2>Related</h2><ul><li><a href="/x">Bus drivers vote to strike</a></li></ul></aside></main>
<form><p>Subscribe to our newsletter</p><button>Send</button></form>
<footer><p>© The Red Tribune. All rights reserved.</p></footer></body></html>"""


def test_a_saved_web_page_keeps_its_article_and_drops_menus_sidebars_and_footer():
    doc = ingest_text(SAVED_PAGE, "page.html")
    assert [p.text for p in doc.paragraphs] == [
        "Dockers walk out in the northern port", "By a correspondent",
        "Dockers organised in Liman-İş stopped work on Monday after the company cut the night rate.",
        "Pickets at the gate",
        "The strike committee said it would go on until every sacked docker was taken back."]
    assert doc.title == "Dockers walk out in the northern port"


@pytest.mark.parametrize("html, expected", [
    # one <br> breaks a line inside the paragraph: the sentence goes on after it
    ("<p>The dockers of the port stayed out<br>for three weeks.</p><p>The bosses gave in.</p>",
     ["The dockers of the port stayed out for three weeks.", "The bosses gave in."]),
    ("<p>We stood at the gate of the port at dawn<br>Ready to meet the first shift.</p>",
     ["We stood at the gate of the port at dawn Ready to meet the first shift."]),
    ("<p>Strike committee<br/>\n 12 Harbour Road<BR>Liverpool</p>",
     ["Strike committee 12 Harbour Road Liverpool"]),
    # two or more in a row (spaces between them aside) end a paragraph, inside a <p> or a <div>
    ("<div>The dockers stayed out.<br><br>The bosses gave in.<br> \n<br><br>The union won.</div>",
     ["The dockers stayed out.", "The bosses gave in.", "The union won."]),
    ("<p>Line one<br><b></b><br>Line two</p>", ["Line one", "Line two"]),
    ("<p><br>The strike goes on.<br></p>", ["The strike goes on."]),
])
def test_a_br_is_a_line_break_inside_a_paragraph_two_in_a_row_end_it(html, expected):
    assert [p.text for p in ingest_text(html, "page.html").paragraphs] == expected


def test_a_page_without_article_markup_still_drops_its_menu_and_footer():
    page = SAVED_PAGE.replace("<main><article>", "<div>").replace("</article>", "").replace("</main>", "</div>")
    texts = [p.text for p in ingest_text(page, "page.html").paragraphs]
    assert "Home" not in texts and "Related" not in texts and "Subscribe to our newsletter" not in texts
    assert not any("All rights reserved" in text for text in texts)
    # without article markup a header may hold the headline: headers are kept
    assert texts[:2] == ["The Red Tribune", "Dockers walk out in the northern port"]
    assert "Pickets at the gate" in texts


def test_web_text_with_one_paragraph_per_line():
    text = ("Trump on Trial: What the Bosses Fear\n\n" + "A long line of web text that is one paragraph. " * 5
            + "\n\n" + "Another long paragraph that sits on a single line of text. " * 4)
    doc = ingest_text(text, "a.txt")
    assert [p.kind for p in doc.paragraphs] == [HEADING, "body", "body"]


# ----------------------------------------------------------------- nothing lost

words = st.sampled_from(["strike", "Miners", "the", "of", "lockout", "Bağımsız", "İş", "союз", "—",
                         "“quoted”", "anti-", "Klassenkampf,", "2020.", "huelga!", "***", "#", "a-", "b"])
lines = st.lists(words, min_size=0, max_size=9).map(" ".join)
texts = st.lists(lines, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(["txt", "pdf"]))
def test_no_text_is_dropped_on_generated_text(text, fmt):
    repaired, _ = repair_text(text)
    paragraphs = build_paragraphs(repaired, fmt)
    assert nonspace("".join(p.text for p in paragraphs)) == nonspace(repaired)
    assert all(p.text == p.text.strip() and "\n" not in p.text for p in paragraphs)


def test_no_text_is_dropped_on_the_seeds(seeds):
    for path in seeds:
        text, _, _ = read_file(path)
        repaired, _ = repair_text(text)
        doc = ingest_text(text, path.name)
        got = "".join(p.text for p in doc.paragraphs)
        if doc.fmt == "md":
            assert re.sub(r"[\W_]+", "", got) == words_of_markdown_source(repaired), path.name
        else:
            assert nonspace(got) == nonspace(repaired), path.name
        assert all("\n" not in p.text for p in doc.paragraphs)


# ----------------------------------------------------------------- the seeds

def _seed(seeds, prefix):
    return next(p for p in seeds if p.name.startswith(prefix))


def test_seed_001_mojibake_is_repaired(seeds):
    doc = ingest_file(_seed(seeds, "001"))
    assert "2020—Miners" in doc.text
    assert "ā€" not in doc.text and "Ā" not in doc.text
    assert "That’s what former US president" in doc.text


def test_seed_000_paragraphs_are_rejoined(seeds):
    doc = ingest_file(_seed(seeds, "000"))
    assert all("\n" not in p.text for p in doc.paragraphs)
    para = next(p for p in doc.paragraphs if p.text.startswith("Every political decision is only a reflection"))
    assert "especially clear" in para.text
    headings = [p.text for p in doc.paragraphs if p.kind == HEADING]
    assert "War in Armenia and Azerbaijan" in headings
    assert "In Belarus, Behind the Scenes a Strong Working Class keeps on Pushing" in headings
    assert "Greek" not in doc.text and "\u037e" not in doc.text
    assert "\u00a0" not in doc.text and "\u202f" not in doc.text   # its 3,715 no-break spaces are spaces


def test_seed_000_keeps_names_in_other_languages(seeds):
    doc = ingest_file(_seed(seeds, "000"))
    assert "Trabajadores Unidos por la Justicia" in doc.text
    assert "anti-Trump" in doc.text


# ----------------------------------------------------------------- bad input

def test_bad_inputs_raise_clear_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "folder.txt").mkdir()
    cases = {
        "missing.txt": "cannot read {p}: no such file",
        "empty.txt": "cannot ingest {p}: the file is empty",
        "binary.txt": "cannot ingest {p}: it looks like a binary file, not text",
        "folder.txt": "cannot read {p}: it is a directory, not a file",
    }
    for name, message in cases.items():
        path = tmp_path / name
        with pytest.raises(InputError) as info:
            ingest_file(path)
        assert str(info.value) == message.format(p=path)


def test_undecodable_bytes_raise_a_clear_error(tmp_path, monkeypatch):
    import charset_normalizer

    class NoMatch:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: NoMatch())
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Streik \xff\xfe\xfa in Hamburg " * 3)
    with pytest.raises(InputError) as info:
        ingest_file(path)
    assert str(info.value) == f"cannot ingest {path}: the text encoding cannot be recognised"


def test_legacy_encodings_are_decoded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Die Gewerkschaftsbürokratie hat den Streik verraten. Die Arbeiter wählen "
                     "einen Streikausschuss und fordern höhere Löhne für alle Beschäftigten.".encode("cp1252"))
    doc = ingest_file(path)
    assert "Gewerkschaftsbürokratie" in doc.text and "höhere Löhne" in doc.text
    assert doc.encoding.lower().replace("_", "-") in {"cp1252", "windows-1252", "latin-1", "iso-8859-1",
                                                         "cp1250", "iso-8859-15", "iso-8859-9", "cp1254"}


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "article.rtf"
    path.write_bytes(b"{\\rtf1 Streik}")
    with pytest.raises(InputError, match="unsupported file type '.rtf'"):
        ingest_file(path)
