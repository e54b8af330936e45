"""A sentence left out of (or added to) a paragraph bead is flagged, with that sentence quoted:
through align_documents, the stored alignment's reasons, and the Review page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from workbench import review
from workbench.align import align_documents
from workbench.align.confidence import REVIEW_THRESHOLD
from workbench.align.leftout import REASON, REASON_ADDED
from workbench.app import keys
from workbench.errors import ConflictError
from workbench.ingest import ingest_text
from workbench.store import Store

from tests.conftest import APP_MAIN

EN = [
    "The textile workers of Puebla went on strike on 3 March. They demanded a wage rise of 15 percent. "
    "The owners refused to negotiate with the union.",
    "After two weeks the strike spread to the mills of Tlaxcala. More than 4,000 workers stopped the looms. "
    "The governor sent the police to the gates.",
    "The women of the neighbourhoods organised common kitchens for the strikers. Every day they fed hundreds "
    "of families who had nothing left at home. Shopkeepers gave rice, beans and bread on credit.",
    "On 21 March the union called a march to the centre of the city. Students from the university joined the "
    "workers. The police did not dare to attack the column.",
    "The owners finally signed an agreement on 28 March. Wages rose by 12 percent and the dismissed delegates "
    "returned to work. The union called it a partial victory.",
]
ES = [
    "Los obreros textiles de Puebla se declararon en huelga el 3 de marzo. Exigían un aumento salarial del 15 "
    "por ciento. Los patrones se negaron a negociar con el sindicato.",
    "Después de dos semanas la huelga se extendió a las fábricas de Tlaxcala. Más de 4.000 obreros pararon los "
    "telares. El gobernador mandó a la policía a los portones.",
    "Las mujeres de los barrios organizaron ollas comunes para los huelguistas. Todos los días alimentaban a "
    "cientos de familias que no tenían nada en casa. Los comerciantes dieron arroz, frijoles y pan fiado.",
    "El 21 de marzo el sindicato convocó una marcha al centro de la ciudad. Los estudiantes de la universidad "
    "se sumaron a los obreros. La policía no se atrevió a atacar la columna.",
    "Los patrones firmaron por fin un acuerdo el 28 de marzo. Los salarios subieron un 12 por ciento y los "
    "delegados despedidos volvieron al trabajo. El sindicato lo llamó una victoria parcial.",
]
LEFT_OUT = "Todos los días alimentaban a cientos de familias que no tenían nada en casa. "
ADDED = "Nota del traductor: la cooperativa de Atlixco publicó luego un folleto sobre aquellas cocinas. "


def _without(paragraphs: list[str], k: int, sentence: str) -> list[str]:
    out = list(paragraphs)
    assert sentence in out[k]
    out[k] = out[k].replace(sentence, "")
    return out


def _reasons(result) -> dict[int, tuple[str, ...]]:
    return {n: b.reasons for n, b in enumerate(result.beads) if b.reasons}


def test_a_paragraph_missing_a_sentence_is_flagged_with_that_sentence():
    intact = align_documents(EN, ES, "en", "es")
    assert _reasons(intact) == {}
    cut = align_documents(EN, _without(ES, 2, LEFT_OUT), "en", "es")
    assert [(b.source, b.target) for b in cut.beads] == [(b.source, b.target) for b in intact.beads]
    assert _reasons(cut) == {2: (f"{REASON}: «Every day they fed hundreds of families who…»",)}
    assert cut.beads[2].needs_review and cut.beads[2].kind == "1-1"


def test_a_sentence_added_in_the_translation_is_flagged_too():
    target = list(ES)
    target[1] = target[1].replace("Más de", ADDED + "Más de")
    result = align_documents(EN, target, "en", "es")
    assert _reasons(result) == {1: (f"{REASON_ADDED}: «Nota del traductor: la cooperativa de Atlixco "
                                    "publicó…»",)}


def test_sentence_unit_and_one_sentence_paragraphs_are_left_alone():
    result = align_documents(EN, _without(ES, 2, LEFT_OUT), "en", "es", unit="sentence")
    assert _reasons(result) == {}   # there the sentence is a bead of its own, 1-0
    assert any(b.kind == "1-0" for b in result.beads)
    short = align_documents(["The strike ended.", "The union won."], ["La huelga terminó.", "Ganó."], "en", "es")
    assert _reasons(short) == {}


def test_the_stored_bead_says_which_sentence(store):
    aid = review.align_texts(store, EN, _without(ES, 2, LEFT_OUT), "en", "es", title="strike")
    record = store.alignments.get(aid)
    reasons = [review.flag_reasons(record, b) for b in store.alignments.beads(aid)]
    assert reasons[2][0] == f"{REASON}: «Every day they fed hundreds of families who…»"   # said first
    assert all(REASON not in " ".join(r) for n, r in enumerate(reasons) if n != 2)


def test_a_left_out_bead_never_reads_sure_nor_is_bulk_confirmed_even_aligned_again(store):
    """The bead read 0.98 (other texts: 1.00), and "Align again" dropped its flag: bulk confirm
    then accepted it unseen and `l` went past it. The flag caps its score below the review
    threshold, and aligning again checks the stretches it aligns afresh."""
    aid = review.align_texts(store, EN, _without(ES, 2, LEFT_OUT), "en", "es", title="strike")
    for when in ("aligned", "aligned again"):
        flagged = store.alignments.bead_at(aid, 2)
        assert flagged.needs_review and flagged.confidence < REVIEW_THRESHOLD, when
        assert REASON in " ".join(review.flag_reasons(store.alignments.get(aid), flagged)), when
        assert 2 not in review.sure_positions(store, aid, 0.5), when
        assert keys.next_position(store.alignments.beads(aid), 0, keys.is_low) == 2, when
        review.realign(store, aid, "tester")
    intact = review.align_texts(store, EN, ES, "en", "es", title="intact")
    assert all(b.confidence >= 0.95 for b in store.alignments.beads(intact))   # the cap touches flags only


def test_bulk_confirm_on_a_page_someone_changed_since_is_refused(store):
    """Bulk confirm took the positions the page showed: after a colleague's merge above, they
    named other beads, the flagged one among them."""
    aid = review.align_texts(store, EN, _without(ES, 2, LEFT_OUT), "en", "es", title="strike")
    seen = store.alignments.get(aid).updated_at
    sure = review.sure_positions(store, aid, 0.95)
    assert sure == [0, 1, 3, 4]
    review.merge_next(store, aid, 0, "colleague")      # bead 2 (flagged) is at position 1 now
    with pytest.raises(ConflictError, match="colleague"):
        review.accept_many(store, aid, sure, "tester", seen=seen)
    assert [b.status for b in store.alignments.beads(aid)][1:] == ["auto"] * 3


@pytest.fixture
def left_out_env(env):
    with Store.open(env) as store:
        a, _ = store.documents.add(ingest_text("\n\n".join(EN), source_name="puebla.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text("\n\n".join(_without(ES, 2, LEFT_OUT)),
                                               source_name="puebla.es.txt"), lang="es")
        store.documents.add_pair(a, b, label="puebla en → es")
    return env


def test_review_page_shows_the_left_out_sentence(left_out_env):
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    at.button(key="review_align").click().run()
    assert not at.exception and not at.error
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "Look: a sentence seems to have no translation: «Every day they fed hundreds of families who…»" in html
    # bead 0 too is left: the approved "wage" is rendered "salarial", not the glossary's "salario"
    assert at.button(key="review_bulk").label == "Confirm 3 unreviewed beads"
    at.button(key="review_realign").click().run()      # "Align again" kept the flag
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "Look: a sentence seems to have no translation" in html and "#2 · 1-1 · 0.75 · auto" in html
    assert at.button(key="review_bulk").label == "Confirm 3 unreviewed beads"
