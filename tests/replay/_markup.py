"""The markup shared by the replayed pages: the site's wording, escaping, dates, line ends, gate pages.

Shapes follow the real saved pages in ../shared/fixtures/ourcommons (the e-7775 details page and the
default SearchAsync answer) and the notes in ../shared/notes/ourcommons-site.md; `_details_page.py`
and `_listing_page.py` say which of their parts were seen and which are made up. The captcha page
here is made up (the real gate is the reCAPTCHA Enterprise script).
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from bot.petitions.model import Bi

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

# The site's fixed wording. French listing labels were never seen and are ours.
_WORDS: dict[str, tuple[str, str]] = {
    "site": ("Petitions", "Pétitions"),
    "skip": ("Skip to main content", "Passer au contenu"),
    "switch": ("Français", "English"),
    "search": ("Search", "Rechercher"),
    "rss": ("Subscribe to RSS Feed", "S'abonner au fil RSS"),
    "keywords": ("Keywords ", "Mots-clés "),
    "e": ("E-petition", "Pétition électronique"),
    "paper": ("Paper petition", "Pétition papier"),
    "details": ("Petition details", "Détails de la pétition"),
    "history": ("History", "Historique"),
    "mp": ("Member of Parliament", "Député"),
    "opened": ("Open for signature ", "Ouverte pour signature "),
    "closed": ("Closed for signature ", "Fermée pour signature "),
    "presented": ("Presented to the House of Commons ", "Présentée à la Chambre des communes "),
    "tabled": ("Government response tabled ", "Réponse du gouvernement déposée "),
    "only": (
        "Only validated signatures are counted towards the total number of signatures.",
        "Seules les signatures validées sont comptées dans le nombre total de signatures.",
    ),
    "province": ("Province / Territory", "Province / Territoire"),
    "sign": ("Sign the petition", "Signer la pétition"),
    "disclaimer": ("Disclaimer regarding petitions", "Avis de non-responsabilité concernant les pétitions"),
    "whereas": ("Whereas:", "Attendu que :"),
    "petition_no": ("Petition No.", "Pétition n°"),
    "refine": ("Refine Your Search", "Affiner votre recherche"),
    "type": ("Type", "Type"),
    "related": ("Related Keywords", "Mots-clés connexes"),
    "open_btn": ("Petitions open for signature", "Pétitions ouvertes à la signature"),
    "resp_btn": ("Petitions with government responses", "Pétitions avec réponses du gouvernement"),
    "all_btn": ("All petitions", "Toutes les pétitions"),
    "found": ("results found", "résultats trouvés"),
    "durations": (
        "E-petitions can be open for signature for 30, 60, 90 or 120 days following their publication"
        " on the petitions website; a duration determined by the petitioner.",
        "Les pétitions électroniques peuvent être ouvertes à la signature pendant 30, 60, 90 ou 120 jours"
        " suivant leur publication sur le site Web des pétitions; une durée déterminée par le pétitionnaire.",
    ),
    "xml": (
        "Returns the first 1000 records in XML format",
        "Retourne les 1000 premiers enregistrements en format XML",
    ),
    "csv": (
        "Returns the first 1000 records in CSV format",
        "Retourne les 1000 premiers enregistrements en format CSV",
    ),
    "sort": ("Sort by:", "Trier par :"),
    "recent": ("Latest Events", "Événements les plus récents"),
    "th_petition": ("Petition", "Pétition"),
    "th_keywords": ("Keywords", "Mots-clés"),
    "th_status": ("Status", "Statut"),
    "th_signatures": ("Signatures", "Signatures"),
    "until": ("until ", "jusqu'au "),
    "results": ("Results:", "Résultats :"),
    "of": ("of", "de"),
    "page": ("Page:", "Page :"),
    "go_page": ("Go to page", "Aller à la page"),
}


# --- Wording and escaping ---------------------------------------------------------------------------


def word(key: str, lang: str) -> str:
    en, fr = _WORDS[key]
    return fr if lang == "fr" else en


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def esc_attr(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def side_of(value: Bi[Any], lang: str) -> Any:
    """The page's side of a bilingual value, else the other side (as the site shows English on French pages)."""
    found, _ = value.pick(lang)
    return found


# --- Dates -----------------------------------------------------------------------------------------


def day_text(day: date, lang: str) -> str:
    """A day as the site writes it: "April 15, 2021", "1er mars 2022"."""
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{_MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


def _clock_en(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def stamp_text(moment: datetime, lang: str, *, listing: bool = False) -> str:
    """A moment as the site writes it: "September 29, 2026, at 9:31 a.m. (EDT)", "30 mars 2022 à 10 h 35 (HAE)".

    The zone label is the summer one all year, as on the site; the listing puts two spaces before "at".
    """
    if lang == "fr":
        return f"{day_text(moment.date(), 'fr')} à {moment.hour} h {moment.minute:02d} (HAE)"
    gap = ",  at " if listing else ", at "
    return f"{day_text(moment.date(), 'en')}{gap}{_clock_en(moment)} (EDT)"


def crlf(text: str) -> str:
    """Line ends as the site sends its fragments and page bodies: CRLF."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


# --- Pages that are not what the client asked for -------------------------------------------------

_CAPTCHA = """<!DOCTYPE html>
<html lang="{lang}"><head><title>{title}</title>
<script src="https://www.recaptcha.net/recaptcha/enterprise.js" async defer></script></head>
<body><main><h2>{title}</h2>
<p>{text}</p>
<form method="post"><div class="g-recaptcha" data-sitekey="replay-site-key" data-action="SEARCH"></div>
<button type="submit">{button}</button></form></main></body></html>
"""

_SEARCH = """<!DOCTYPE html>
<html lang="{lang}"><head><title>{title} - {site}</title></head>
<body><main><h1>{title}</h1>
<form id="SearchForm" action="/petitions/{lang}/Petition/Search" method="get">
<input type="text" name="text" value=""><input type="hidden" name="RPP" value="20">
<input type="hidden" name="order" value="Recent"><input type="hidden" name="category" value="Open">
<button type="submit">{button}</button></form>
<div id="SearchResults"></div></main></body></html>
"""


def captcha_page(lang: str) -> str:
    """What the site would show a client without a reCAPTCHA token: a challenge, not data."""
    if lang == "fr":
        return _CAPTCHA.format(
            lang="fr",
            title="Vérification requise",
            text="Veuillez confirmer que vous n'êtes pas un robot (reCAPTCHA).",
            button="Continuer",
        )
    return _CAPTCHA.format(
        lang="en",
        title="Verification required",
        text="Please confirm that you are not a robot (reCAPTCHA).",
        button="Continue",
    )


def search_page(lang: str) -> str:
    """The plain HTML search page, as a plain GET with `output=xml` now returns."""
    if lang == "fr":
        return _SEARCH.format(
            lang="fr", title="Rechercher des pétitions", site="Pétitions", button="Rechercher"
        )
    return _SEARCH.format(lang="en", title="Search petitions", site="Petitions", button="Search")
