"""The app shows user and file text exactly as written (no Markdown from titles,
file names or terms) and holds uploads to its stated limits."""

from __future__ import annotations

import re

import pytest

from tests.test_app_documents import documents_page
from workbench.app.markup import md
from workbench.app.uploads import TEXT_LIMIT_MB, check_size
from workbench.errors import InputError

IMAGE = "![p](http://host/x.png)"


@pytest.mark.parametrize("text, shown", [
    (IMAGE, "!\\[p\\](http\\:\u2060//host/x.png)"),
    ("www.ver.di and info@ver.di", "www\u2060.ver.di and info@\u2060ver.di"),
    ("$x^2$ :red[alarm] *bold* _it_ `code` <b>", r"\$x^2\$ \:red\[alarm\] \*bold\* \_it\_ \`code\` \<b\>"),
    ("# heading\n- item\n1. first\n> quote", "\\# heading\n\\- item\n1\\. first\n\\> quote"),
    ("a\\b & c | d ~~e~~", r"a\\b \& c \| d \~\~e\~\~"),
    ("Gewerkschaft ver.di (Berlin) - 12. Mai", "Gewerkschaft ver.di (Berlin) - 12. Mai"),
])
def test_md_makes_markdown_literal(text, shown):
    assert md(text) == shown


def test_titles_and_file_names_are_shown_as_written(env):
    at = documents_page()
    # plain text (a `#` heading or a .md name would be read as Markdown, leaving only the image's alt text)
    at.text_area[0].input(f"{IMAGE}\n\nThe workers of the port met on Monday and chose a strike committee.")
    at.text_input[0].input("[x](http://host/y).txt")
    at.button[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Added “{md(IMAGE)}” (2 paragraphs)."]
    assert any(c.value.startswith(md("[x](http://host/y).txt") + " · encoding") for c in at.caption)
    shown = [e.value for kind in (at.success, at.caption, at.info, at.warning, at.error) for e in kind]
    assert not any(re.search(r"(?<!\\)\]\(", value) for value in shown)   # no link or image left


class Upload:
    def __init__(self, name: str, size: int):
        self.name, self.size = name, size


def test_an_upload_above_the_limit_is_refused_in_one_line():
    check_size(Upload("ok.txt", TEXT_LIMIT_MB * 2**20), TEXT_LIMIT_MB, "document")
    with pytest.raises(InputError) as refused:
        check_size(Upload("huge.txt", 146 * 2**20), TEXT_LIMIT_MB, "document")
    assert str(refused.value) == (f"huge.txt: 146 MB is more than the {TEXT_LIMIT_MB} MB a document may have in "
                                  "the app; split it, or use the command line")
