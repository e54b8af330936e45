"""Names every program writes: languages, countries, scripts, months, days,
units and currencies, as each language writes them (the Unicode CLDR,
through babel).

A settings page lists languages (`Uzbeco`, `Kurdo`, `Bretonca`), a calendar
lists months and days, a form lists countries and units (`Kilokalorien`); such a word is often no
ordinary word of running text, and its form tells the language
(`Sloveno` is the Italian name of Slovenian, `Persan` the French one).
A fragment that is such a name in some candidates (the whole fragment, case
aside) is evidence for them (langid_evidence).  The names are read on first
use, once per process and language.
"""

from __future__ import annotations

from workbench.load_once import load_once


@load_once(maxsize=None)
def display_names(lang: str) -> frozenset[str]:
    """The lower-case names of languages, countries, scripts, months, days,
    units (long form) and currencies in `lang` (empty when CLDR has no such
    locale)."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return frozenset()
    names = [*locale.languages.values(), *locale.territories.values(), *locale.scripts.values()]
    for context in ("format", "stand-alone"):
        names += [*locale.months[context]["wide"].values(), *locale.days[context]["wide"].values()]
    names += locale.currencies.values()
    names += [forms["long"] for forms in locale.unit_display_names.values() if "long" in forms]
    return frozenset(name.lower() for name in names)


def naming_languages(key: str, cands: tuple[str, ...]) -> tuple[int, ...]:
    """Indexes of the candidates that write `key` (a fragment's words, lower
    case, joined by spaces) as the name of a language, country, script,
    month, day, unit or currency."""
    return tuple(i for i, lang in enumerate(cands) if key in display_names(lang))


def load(langs: tuple[str, ...]) -> None:
    """Read the names of `langs` now (the app warms its models up front)."""
    for lang in langs:
        display_names(lang)
