"""The message catalogue: every string the tool writes into a leaflet itself, per language.

A small module of dictionaries rather than gettext `.po` files: the strings are a handful, the
package needs no compile step for `.mo` files, a test checks that every language has every
message with the same placeholders, and a translator edits one short Python file. Dates and
numbers are formatted by Babel from CLDR data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from brochure.languages import babel_locale, direction, primary

#: Languages without their own messages fall back to English.
FALLBACK = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {
        "greeting": "Beste ouders en verzorgers,",
        "link": "Meer informatie",
        "version": "versie {version}",
        "sources": "Bronnen",
        "attached": "In de bijlage: {name} ({size}), de folder om op uw telefoon te lezen. "
        "De tekst staat ook hieronder.",
    },
    "en": {
        "greeting": "Dear parents and carers,",
        "link": "More information",
        "version": "version {version}",
        "sources": "Sources",
        "attached": "Attached: {name} ({size}), the leaflet to read on your phone. Its text is also below.",
    },
    "de": {
        "greeting": "Liebe Eltern und Erziehungsberechtigte,",
        "link": "Weitere Informationen",
        "version": "Version {version}",
        "sources": "Quellen",
        "attached": "Im Anhang: {name} ({size}), das Faltblatt zum Lesen auf dem Telefon. "
        "Der Text steht auch unten.",
    },
    "fr": {
        "greeting": "Chers parents,",
        "link": "Plus d’informations",
        "version": "version {version}",
        "sources": "Sources",
        "attached": "En pièce jointe\u202f: {name} ({size}), le dépliant à lire sur votre téléphone. "
        "Le texte figure aussi ci-dessous.",
    },
    "pl": {
        "greeting": "Drodzy Rodzice i Opiekunowie,",
        "link": "Więcej informacji",
        "version": "wersja {version}",
        "sources": "Źródła",
        "attached": "W załączniku: {name} ({size}), ulotka do czytania na telefonie. "
        "Jej tekst znajduje się również poniżej.",
    },
    "tr": {
        "greeting": "Sayın veliler,",
        "link": "Daha fazla bilgi",
        "version": "sürüm {version}",
        "sources": "Kaynaklar",
        "attached": "Ekte: {name} ({size}), telefonunuzda okumanız için broşür. "
        "Metni aşağıda da bulabilirsiniz.",
    },
    "uk": {
        "greeting": "Шановні батьки та опікуни,",
        "link": "Докладніше",
        "version": "версія {version}",
        "sources": "Джерела",
        "attached": "У вкладенні: {name} ({size}), листівка для читання на телефоні. "
        "Її текст також наведено нижче.",
    },
    "ar": {
        "greeting": "أولياء الأمور الكرام،",
        "link": "مزيد من المعلومات",
        "version": "الإصدار {version}",
        "sources": "المصادر",
        "attached": "مرفق: {name} ({size})، المطوية للقراءة على هاتفك. نصها موجود أيضًا أدناه.",
    },
    "he": {
        "greeting": "הורים יקרים,",
        "link": "מידע נוסף",
        "version": "גרסה {version}",
        "sources": "מקורות",
        "attached": "מצורף: {name} ({size}), העלון לקריאה בטלפון. הטקסט מופיע גם למטה.",
    },
}


def message(language: str, key: str, **values: str) -> str:
    """A message in the language (by its primary subtag; English when it has none)."""
    table = MESSAGES.get(primary(language), MESSAGES[FALLBACK])
    return table.get(key, MESSAGES[FALLBACK][key]).format(**values)


def long_date(date: datetime.date, language: str) -> str:
    """A date as the language writes it in running text: `25 november 2026`, `25. November 2026`."""
    from babel.dates import format_date

    for locale in (babel_locale(language), primary(language)):
        if _known(locale):
            return format_date(date, "long", locale=locale)
    return format_date(date, "long", locale=FALLBACK)


def number(value: float, language: str) -> str:
    """A number with the language's decimal sign and grouping: `1.234,5`, `1 234,5`."""
    from babel.numbers import format_decimal

    locale = next((c for c in (babel_locale(language), primary(language)) if _known(c)), FALLBACK)
    return format_decimal(value, locale=locale)


def _known(locale: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@dataclass(frozen=True)
class Words:
    """What a leaflet prints of the tool's own words, in its language (made in resolve)."""

    language: str
    #: `versie 1.0`, or empty without a version.
    version: str = ""
    #: The document date as the language writes it, or empty.
    date: str = ""
    sources: str = "Sources"

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def greeting(self) -> str:
        """The e-mail's greeting: `Beste ouders en verzorgers,`."""
        return message(self.language, "greeting")

    @property
    def link(self) -> str:
        """The text of a link that stood under a QR code that asked to be scanned."""
        return message(self.language, "link")

    def attached(self, name: str, size: int) -> str:
        """The e-mail's first line, naming the attachment of `size` bytes."""
        kilobytes = number(max(1, round(size / 1024)), self.language)
        return message(self.language, "attached", name=name, size=f"PDF, {kilobytes} kB")


def words(language: str, *, version: str = "", date: datetime.date | None = None) -> Words:
    """The tool's words for a leaflet in `language` with this version and date."""
    return Words(
        language,
        version=message(language, "version", version=version) if version else "",
        date=long_date(date, language) if date else "",
        sources=message(language, "sources"),
    )
