"""Country queries labelled by hand: words that name no country, and regions that name one.

Written without looking at what the matcher does with them, to measure it: none of the
`NOT_COUNTRIES` is in `countries_data.NEAR_MISSES` (that list was drawn from word frequency
lists by `bench/countries_calibration.py`), so these measure the rule on words it never saw.

`REGIONS` maps a region, people or city, as a user types it or a petition writes it, to the
country a reader files it under. Entries whose third field is false are query-only decisions
(documented in `countries_data`): a petition that names them alone is filed under no country.
"""

from __future__ import annotations


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


FICTIONAL = _lines(
    """
    Narnia
    Atlantis
    Wakanda
    Elbonia
    Gondor
    Mordor
    Westeros
    Hogwarts
    Neverland
    Utopia
    El Dorado
    Shangri-La
    Genovia
    Latveria
    Sokovia
    Zamunda
    Freedonia
    Ruritania
    Lilliput
    Middle-earth
    Rohan
    Asgard
    Krypton
    Gotham
    Arrakis
    Tatooine
    Panem
    Agrabah
    Arendelle
    Atlantide
    Syldavie
    Bordurie
    Groland
    Absurdistan
    Markovia
    Zubrowka
    Florin
    Oceania
    Eastasia
    Lemuria
    """
)

CANADIAN_PLACES = _lines(
    """
    Ontario
    Quebec
    Québec
    Alberta
    Manitoba
    Saskatchewan
    British Columbia
    Colombie-Britannique
    Nova Scotia
    Nouvelle-Écosse
    New Brunswick
    Nouveau-Brunswick
    Newfoundland and Labrador
    Terre-Neuve-et-Labrador
    Prince Edward Island
    Île-du-Prince-Édouard
    Yukon
    Nunavut
    Northwest Territories
    Territoires du Nord-Ouest
    Toronto
    Montréal
    Vancouver
    Ottawa
    Calgary
    Edmonton
    Winnipeg
    Halifax
    Regina
    Saskatoon
    Gatineau
    Laval
    Longueuil
    Sherbrooke
    Trois-Rivières
    Saguenay
    Moncton
    Fredericton
    Charlottetown
    Iqaluit
    Whitehorse
    Yellowknife
    Kelowna
    Kamloops
    Nanaimo
    Surrey
    Brampton
    Mississauga
    Hamilton
    Sudbury
    Thunder Bay
    Lethbridge
    Rimouski
    Chicoutimi
    Gaspésie
    Outaouais
    Muskoka
    Niagara
    Nunavik
    Labrador
    Cape Breton
    Haida Gwaii
    """
)

PEOPLE = _lines(
    """
    Justin Trudeau
    Pierre Poilievre
    Jagmeet Singh
    Elizabeth May
    Yves-François Blanchet
    Mark Carney
    Jordan Peterson
    Michael Jordan
    Chad Smith
    Mark Holland
    François Hollande
    Garnett Genuis
    Jenny Kwan
    Leah Gazan
    Susan
    Nigel
    Angela
    Olivia
    Marta
    Wanda
    Marian
    Romain
    Italo
    Karen
    Paula
    Ivan
    Irene
    Sophie
    Mathieu
    Nathalie
    Mohamed
    Fatima
    Priya
    Gurpreet
    Tenzin
    Dmytro
    Oksana
    Kwame
    Carlos
    Chantal
    Sylvie
    Hélène
    Mario
    Adrian
    Gabriel
    """
)

ENGLISH_WORDS = _lines(
    """
    house
    freedom
    health
    water
    climate
    pharmacare
    housing
    firearms
    pension
    veterans
    dental care
    conscience
    immigration
    farmers
    fisheries
    democracy
    pipeline
    carbon tax
    border
    peace
    genocide
    human rights
    apple
    bread
    music
    school
    teacher
    hospital
    library
    garden
    winter
    monday
    january
    table
    window
    river
    mountain
    ocean
    forest
    island
    village
    country
    nation
    region
    world
    children
    finish
    dance
    create
    romantic
    comedian
    liberal
    grease
    police
    turkey farmers
    wild turkey
    fine china
    the
    and
    """
)

FRENCH_WORDS = _lines(
    """
    maison
    liberté
    santé
    logement
    impôts
    retraite
    anciens combattants
    agriculteurs
    pêches
    démocratie
    énergie
    frontière
    paix
    guerre
    école
    médecin
    hôpital
    bibliothèque
    jardin
    hiver
    lundi
    janvier
    chaise
    fenêtre
    rivière
    montagne
    forêt
    ville
    pays
    région
    monde
    pomme
    fromage
    bonjour
    voiture
    chanson
    syndicat
    chasse
    sur
    est
    """
)

NOT_COUNTRIES: list[str] = FICTIONAL + CANADIAN_PLACES + PEOPLE + ENGLISH_WORDS + FRENCH_WORDS

# (as typed or written, expected country, found in a petition's text too)
REGIONS: list[tuple[str, str, bool]] = [
    ("Xinjiang", "CN", True),
    ("Uyghurs", "CN", True),
    ("Ouïghours", "CN", True),
    ("Uighur", "CN", True),
    ("East Turkestan", "CN", True),
    ("Turkestan oriental", "CN", True),
    ("Tibet", "CN", True),
    ("Tibetans", "CN", True),
    ("Tibétains", "CN", True),
    ("Inner Mongolia", "CN", True),
    ("Mongolie intérieure", "CN", True),
    ("Crimea", "UA", True),
    ("Crimée", "UA", True),
    ("Donbas", "UA", True),
    ("Donbass", "UA", True),
    ("Donetsk", "UA", True),
    ("Luhansk", "UA", True),
    ("Kharkiv", "UA", True),
    ("Rakhine", "MM", True),
    ("Rakhine State", "MM", True),
    ("État de Rakhine", "MM", True),
    ("Rohingya", "MM", True),
    ("Rohingyas", "MM", True),
    ("Arakan", "MM", True),
    ("Balochistan", "PK", True),
    ("Baluchistan", "PK", True),
    ("Baloutchistan", "PK", True),
    ("Khyber Pakhtunkhwa", "PK", True),
    ("Gilgit-Baltistan", "PK", True),
    ("Sindh", "PK", True),
    ("Azad Kashmir", "PK", True),
    ("Kurdistan Region", "IQ", True),
    ("Kurdistan Region of Iraq", "IQ", True),
    ("Kurdistan Regional Government", "IQ", True),
    ("région du Kurdistan", "IQ", True),
    ("Kurdistan irakien", "IQ", True),
    ("Erbil", "IQ", True),
    ("Sinjar", "IQ", True),
    ("plaine de Ninive", "IQ", True),
    ("Mosul", "IQ", True),
    ("Tigray", "ET", True),
    ("Tigré", "ET", True),
    ("Tigrayans", "ET", True),
    ("Oromia", "ET", True),
    ("Darfur", "SD", True),
    ("Darfour", "SD", True),
    ("Gaza", "PS", True),
    ("Gaza Strip", "PS", True),
    ("bande de Gaza", "PS", True),
    ("West Bank", "PS", True),
    ("Cisjordanie", "PS", True),
    ("Hong Kong", "HK", True),
    ("Chechnya", "RU", True),
    ("Tchétchénie", "RU", True),
    ("Dagestan", "RU", True),
    ("Jammu and Kashmir", "IN", True),
    ("Jammu-et-Cachemire", "IN", True),
    ("Manipur", "IN", True),
    ("Tamil Nadu", "IN", True),
    ("Abkhazia", "GE", True),
    ("Ossétie du Sud", "GE", True),
    ("Transnistria", "MD", True),
    ("Somaliland", "SO", True),
    ("Biafra", "NG", True),
    ("Ambazonia", "CM", True),
    ("Zanzibar", "TZ", True),
    ("Catalonia", "ES", True),
    ("Catalogne", "ES", True),
    ("Scotland", "GB", True),
    ("Écosse", "GB", True),
    ("North Kivu", "CD", True),
    ("Nord-Kivu", "CD", True),
    ("Mindanao", "PH", True),
    ("West Papua", "ID", True),
    ("Papouasie occidentale", "ID", True),
    ("Tamil Eelam", "LK", True),
    ("Jaffna", "LK", True),
    ("Aleppo", "SY", True),
    ("Rojava", "SY", True),
    ("Sistan and Baluchestan", "IR", True),
    ("Karakalpakstan", "UZ", True),
    ("Cabinda", "AO", True),
    ("Casamance", "SN", True),
    ("Republika Srpska", "BA", True),
    # Query-only: the likeliest country first, the others as alternatives.
    ("Kashmir", "IN", False),
    ("Cachemire", "IN", False),
    ("Punjab", "IN", False),
    ("Pendjab", "IN", False),
    ("Kurdistan", "IQ", False),
]
