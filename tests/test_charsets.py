"""Text files in a legacy code page (not UTF-8) are read back exactly.

The texts are the team's own; each is saved in the code page a translator's
old Windows, Mac or Linux machine would have used.  charset_normalizer alone
(what ingest asked before) reads the Turkish, French and Esperanto ones as
Windows-1250 or worse.
"""

from __future__ import annotations

import pytest

from workbench.files import decode_bytes
from workbench.ingest import ingest_file

TEXTS = {
    "tr-cp1254": ("Maden işçileri Soma'da grev başlattı; sendika üyeleri ücretlerin düşürülmesine "
                  "karşı çıkıyor.", "cp1254"),
    "tr-headline": ("İŞÇİLER GENEL GREVE ÇIKTI", "cp1254"),
    "tr-iso": ("Kıdem tazminatı için direniş sürüyor", "iso8859_9"),
    "fr": ("Les grévistes ont manifesté devant la préfecture à Besançon.", "cp1252"),
    "es-latin1": ("La huelga empezó el lunes; ¿quién pagará los días perdidos?", "latin-1"),
    "de": ("Grüße an die Streikenden in Köln", "iso8859_15"),
    "eo": ("Ĉiuj laboristoj de la ŝipfarejo ĉesis labori ĵaŭdon.", "iso8859_3"),
    "pl": ("Strajk górników na Śląsku trwa już trzeci dzień.", "cp1250"),
    "ru-cp1251": ("Рабочие завода объявили забастовку.", "cp1251"),
    "ru-koi8": ("Рабочие завода объявили забастовку.", "koi8_r"),
    "el": ("Οι εργάτες απεργούν σήμερα.", "cp1253"),
    "quotes": ("He said “no” to the bosses — again.", "cp1252"),
    "euro": ("Dues are 5 € a month.", "iso8859_15"),
    "guillemets": ("La consigna «pan, trabajo y techo» volvió a las calles.", "cp1252"),
    "ja": ("東京の労働者は今日ストライキを行った。組合は賃上げを要求している。", "shift_jis"),
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_legacy_text_is_read_back_exactly(name):
    text, codec = TEXTS[name]
    decoded, encoding, repairs = decode_bytes(text.encode(codec), name)
    assert decoded == text
    assert repairs == (f"decoded as {encoding}",)


def test_a_turkish_file_from_an_old_windows_machine_ingests_with_its_letters(tmp_path):
    path = tmp_path / "grev.txt"
    path.write_bytes(("Soma'da madenciler grevde\n\nİşçiler ücretlerin düşürülmesine karşı çıkıyor; "
                      "sendika şubesi önünde toplandılar.\n").encode("cp1254"))
    doc = ingest_file(path)
    assert "İşçiler ücretlerin düşürülmesine karşı çıkıyor" in doc.text
    assert doc.encoding == "cp1254"


def test_utf8_is_taken_as_it_is():
    text = "İşçi sınıfı — Arbeiterklasse"
    assert decode_bytes(text.encode("utf-8"), "x") == (text, "utf-8", ())


def test_utf8_with_a_few_windows_bytes_keeps_every_character(tmp_path):
    # a quotation pasted from a Windows program into a UTF-8 file: a strict reading refused it
    data = ("Yönetim işçilere ".encode("utf-8") + "“".encode("cp1252") + "açıklama".encode("utf-8")
            + "”".encode("cp1252") + " yaptı; sendika grevi sürdürüyor.".encode("utf-8"))
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = ingest_file(path)
    assert doc.text.strip() == "Yönetim işçilere “açıklama” yaptı; sendika grevi sürdürüyor."
    assert doc.encoding == "utf-8"
    assert any("2 stray bytes" in repair for repair in doc.repairs)


def test_a_windows_1252_file_is_not_taken_for_utf8_with_stray_bytes():
    text = "Les grévistes ont occupé l’usine près de Besançon — encore."
    assert decode_bytes(text.encode("cp1252"), "x")[:2] == (text, "cp1252")
