"""HTML code (``<pre>``, ``<code>``, ``<kbd>``, ``<samp>``, ``<var>``, scripts, styles) comes back
from a translation byte for byte, character references included: the parser reads ``&#39;`` as
``'`` and would write it so."""

from __future__ import annotations

import pytest

from workbench.store import Store
from workbench.translate.batch import translate_files
from workbench.translate.documents import sentence_translator, translate_document
from workbench.translate.engine import StandInEngine

LEXICON = {"the": "la", "strike": "huelga", "union": "sindicato", "goes": "sigue", "on": "adelante", "and": "y"}


def _upper(sentences: list[str]) -> list[str]:
    return [s.upper() for s in sentences]


def _html(source: str) -> str:
    return translate_document(source.encode(), "page.html", sentence_translator(_upper, "en")).decode()


CODE = [
    "<pre>print('a') if x &lt; 3 &amp;&amp; y &gt; 2</pre>",
    "<pre>It&#39;s &quot;quoted&quot;, &#x2019;curly&#8217;, a&nbsp;b &eacute;t&eacute; &copy; &#169;</pre>",
    "<pre class='shell'>\n  $ echo &#39;the strike&#39;\n\n    &amp;&amp; exit\n</pre>",
    "<pre><code class=\"language-py\">s = &#39;x&#39;  # &lt;&gt;\n</code></pre>",
    "<code>&#39;x&#39;&nbsp;&amp;</code>",
    "<PRE>Upper &#39;case&#39; tags</PRE>",
    "<kbd>Ctrl&nbsp;+&nbsp;C</kbd> <samp>it&#39;s</samp> <var>n&#8242;</var>",
    "<script>if (a < b && c > d) { s = '&#39;'; }</script>",
]


@pytest.mark.parametrize("code", CODE)
def test_code_outside_a_sentence_comes_back_byte_for_byte(code):
    source = f"<html><body><p>The strike goes on.</p>{code}<p>The union.</p></body></html>"
    out = _html(source)
    assert code in out
    assert "<p>THE STRIKE GOES ON.</p>" in out and "<p>THE UNION.</p>" in out


def test_inline_code_inside_a_translated_sentence_comes_back_byte_for_byte():
    source = "<html><body><p>The strike <code>it&#39;s &lt;on&gt;&nbsp;&#8217;</code> goes on.</p></body></html>"
    assert "<p>THE STRIKE <code>it&#39;s &lt;on&gt;&nbsp;&#8217;</code> GOES ON.</p>" in _html(source)


def test_inline_code_a_model_moved_or_dropped_keeps_its_bytes():
    def dropping(sentences: list[str]) -> list[str]:
        return [s.replace("QC0Z", "").upper() for s in sentences]

    source = "<html><body><p>The <code>a&#39;b</code> strike goes on.</p></body></html>"
    out = translate_document(source.encode(), "page.html", sentence_translator(dropping, "en")).decode()
    assert "<code>a&#39;b</code>." in out


def test_two_equal_code_blocks_and_nested_ones_each_come_back_in_their_place():
    source = ("<html><body><pre>one &#39;1&#39;</pre><p>The strike.</p><pre>one &#39;1&#39;</pre>"
              "<div><pre>two <code>&lt;b&gt;</code> <b>&amp;</b></pre><p>The union.</p></div></body></html>")
    out = _html(source)
    assert out.count("<pre>one &#39;1&#39;</pre>") == 2
    assert "<pre>two <code>&lt;b&gt;</code> <b>&amp;</b></pre><p>THE UNION.</p>" in out


@pytest.mark.parametrize("source", [
    "<html><body><p>The <code>unclosed &#39;x</p><p>The strike.</p></body></html>",    # the parser closes it
    "<html><body><!-- <pre>&#39;</pre> --><pre>&#39;y&#39;</pre><p>The strike.</p></body></html>",
    "<html><body><p>The strike.</p><pre>a</pre></pre>&#39;</body></html>",
])
def test_odd_markup_around_code_loses_no_text(source):
    """Where the parser's reading of the page and the source's bytes disagree, the parser's is written."""
    import lxml.html

    out = _html(source)
    before = lxml.html.document_fromstring(source).text_content()
    after = lxml.html.document_fromstring(out).text_content()
    assert after.replace("THE STRIKE", "The strike").replace("THE", "The") == before


def test_a_job_writes_the_html_page_with_its_code_as_it_was(tmp_path):
    page = ("<!DOCTYPE html>\n<html><body><h1>The strike</h1>\n<pre>grep &#39;the union&#39; &amp;&gt; log</pre>\n"
            "<p>The union goes on with <code>a&nbsp;&#39;b&#39;</code> and the strike.</p></body></html>\n")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, StandInEngine({("en", "es"): LEXICON}), [tmp_path / "page.html"], ["es"], "en")
    out = {f.name: f.data for f in result.files}["page.es.html"].decode()
    assert "<pre>grep &#39;the union&#39; &amp;&gt; log</pre>" in out
    assert "<p>La sindicato sigue adelante with <code>a&nbsp;&#39;b&#39;</code> y la huelga.</p>" in out
