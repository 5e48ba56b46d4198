"""English and French names for every slash command, option and choice.

Discord shows a command in the language of the reader's client, but only if the
synced payload carries `name_localizations` / `description_localizations`. The
words live in `bot.i18n.STRINGS` (one place for the CLI and the bot); commands
refer to them by key through `ls()`, and the translator hands Discord the French
side at sync time. English is the default text, so it needs no localization.
"""

from __future__ import annotations

import logging

from discord import Locale, app_commands

from bot.i18n import STRINGS

log = logging.getLogger(__name__)

#: Discord locales we translate into; Discord has one French locale ("fr"), no fr-CA.
FRENCH: frozenset[Locale] = frozenset({Locale.french})


def ls(key: str) -> app_commands.locale_str:
    """A translatable string whose default (English) text is `STRINGS[key]["en"]`.

    A missing key fails at import time, so a typo never reaches Discord as a raw key.
    """
    entry = STRINGS[key]
    return app_commands.locale_str(entry["en"], key=key)


class PetitionTranslator(app_commands.Translator):
    """Looks up the French side of the key a `locale_str` carries."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale not in FRENCH:
            return None
        key = string.extras.get("key")
        if key is None:
            log.debug("untranslated string %r at %s", string.message, context.location)
            return None
        entry = STRINGS.get(key)
        if entry is None:
            log.warning("translation key %r has no entry", key)
            return None
        return entry.get("fr")
