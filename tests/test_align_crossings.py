"""Two neighbouring 1-1 sentence beads whose contents cross are read as one 2-2 bead
(``workbench.align.crossings``): the source cut a sentence after an abbreviation, the
translation did not, so a name of the source's second sentence is in the first target one."""

from __future__ import annotations

from workbench.align.aligner import align_segments
from workbench.align.crossings import crossing_keys

# Written for this test.
SOURCE = [
    "The congress of the miners' union opened in Zonguldak on Monday morning.",
    "Delegates from Soma, Kınık and Yatağan spoke first about the wages still owed to them.",
    "The first rounds of talks lasted for hours, and the rent of the hall was paid by the committee of Dr.",
    "Ayşe Karataş, the doctor of the clinic in the mining town.",
    "The old president, who had signed the agreement with the company, was not elected again.",
    "In the evening the delegates marched to the port with their lamps.",
    "The police watched from a distance but did not stop the march.",
    "The new executive promised a strike ballot before the end of the year.",
]
TARGET = [
    "El congreso del sindicato minero se abrió en Zonguldak el lunes por la mañana.",
    "Los delegados de Soma, Kınık y Yatağan hablaron primero de los salarios que aún se les deben.",
    "Las primeras rondas de debates duraron horas, y el alquiler de la sala lo pagó el comité de la Dra. "
    "Ayşe Karataş.",
    "Ella es la médica de la clínica del pueblo minero.",
    "El antiguo presidente, que había firmado el acuerdo con la empresa, no fue reelegido.",
    "Por la tarde los delegados marcharon al puerto con sus lámparas.",
    "La policía miraba desde lejos, pero no detuvo la marcha.",
    "La nueva ejecutiva prometió una votación de huelga antes de fin de año.",
]


def _beads(source, target, unit="sentence"):
    return [(b.source, b.target) for b in align_segments(source, target, "en", "es", unit=unit).beads]


def test_a_name_that_crossed_a_sentence_end_joins_the_two_beads():
    # the lengths alone read 2 and 3 as two 1-1 beads; the name says they cross
    assert _beads(SOURCE, TARGET) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3)), ((4,), (4,)), ((5,), (5,)),
                                      ((6,), (6,)), ((7,), (7,))]


def test_a_name_on_both_sides_of_both_beads_crosses_nothing():
    target = TARGET[:3] + ["Ayşe Karataş es la médica de la clínica del pueblo minero."] + TARGET[4:]
    assert ((2,), (2,)) in _beads(SOURCE, target) and ((3,), (3,)) in _beads(SOURCE, target)


def test_a_name_found_all_over_the_text_is_no_sign_of_a_crossing():
    # "Karataş" crosses as before, but it is also in every other sentence of both sides
    source = [s if k in (2, 3) else f"{s[:-1]}, said Karataş." for k, s in enumerate(SOURCE)]
    target = [t if k in (2, 3) else f"{t[:-1]}, dijo Karataş." for k, t in enumerate(TARGET)]
    target[2] = target[2].replace("Dra. Ayşe Karataş", "Dra. Karataş")
    assert crossing_keys(*_keys(source[2], target[2], source[3], target[3]))    # it would cross
    beads = _beads(source, target)
    assert ((2,), (2,)) in beads and ((3,), (3,)) in beads


def test_paragraphs_are_not_joined():
    assert ((2,), (2,)) in _beads(SOURCE, TARGET, unit="paragraph")


def test_crossing_keys_are_numbers_names_and_months_in_the_other_beads_target_only():
    first_source, first_target = frozenset({"n:250", "c:kanch", "l:stunde"}), frozenset({"c:kanch", "l:stunde"})
    second_source, second_target = frozenset({"c:evans"}), frozenset({"n:250", "c:evans", "l:stunde"})
    assert crossing_keys(first_source, first_target, second_source, second_target) == {"n:250"}
    # a learnt-table word is too common between neighbours to say so
    assert not crossing_keys(frozenset({"l:x"}), frozenset(), frozenset(), frozenset({"l:x"}))


def _keys(*texts):
    from workbench.align.evidence import EvidenceConfig, segment_keys
    sides = ("source", "target", "source", "target")
    return [segment_keys(text, EvidenceConfig(), side) for text, side in zip(texts, sides)]
