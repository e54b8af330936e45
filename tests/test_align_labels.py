"""A label (one word and a colon: ``Literature:``, ``Note:``) heads what follows; it is not the
second half of a sentence a segmenter cut at the colon before it. When the translation leaves
the label out, it stays alone at sentence level instead of joining the sentence before it."""

import pytest

from workbench.align.aligner import align_segments, continuations, heading_like, label

# Written for this test.
SOURCE = [
    "The miners' union of Zonguldak held its congress in the spring of 2024.",
    "Its delegates came from Soma, Kınık and Yatağan, and the debates lasted three days.",
    "So as not to repeat what everyone knows, it is enough to name a few of the most useful publications:",
    "Literature:",
    "Ayşe Karataş, The Coal Basin and its Workers in the Years of the Great Crisis, Ankara 2019.",
    "Mehmet Öztürk, Strikes on the Black Sea Coast, Istanbul 2021.",
]
TARGET = [
    "El sindicato minero de Zonguldak celebró su congreso en la primavera de 2024.",
    "Sus delegados vinieron de Soma, Kınık y Yatağan, y los debates duraron tres días.",
    "Para no repetir lo que todos saben, basta con nombrar algunas de las publicaciones más útiles:",
    "Ayşe Karataş, La cuenca del carbón en la gran crisis, Ankara 2019.",
    "Mehmet Öztürk, Huelgas en la costa del mar Negro, Estambul 2021.",
]


def test_a_label_the_translation_leaves_out_stays_alone():
    beads = [(b.source, b.target) for b in align_segments(SOURCE, TARGET, "en", "es", unit="sentence").beads]
    assert beads == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((5,), (4,))]


@pytest.mark.parametrize("text, expected", [
    ("Literatur :", True), ("Note:", True), ("  Bibliografía: ", True),
    ("He said:", False), ("1956 :", False), ("Literatur", False), ("Die Teilnehmer waren :", False),
])
def test_a_label_is_one_word_and_a_colon(text, expected):
    assert label(text) is expected
    if expected:
        assert heading_like(text) == 1


def test_a_label_after_a_colon_does_not_continue_the_sentence():
    # (what follows the label still continues it, as after any colon)
    assert continuations(["It is enough to name a few publications:", "Literature:", "Ayşe Karataş, 2019."]) \
        == [0, 0, 1]
