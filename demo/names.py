"""People and places for the demo: names, cities, street addresses and the countries they need."""
from __future__ import annotations

import random
from dataclasses import dataclass

FIRST_NAMES = (
    "Mira", "Tomas", "Ingrid", "Lukas", "Sofia", "Elias", "Astrid", "Jonas", "Freya", "Mateo", "Clara", "Oskar",
    "Lena", "Hugo", "Nora", "Felix", "Alma", "Emil", "Maja", "Leon", "Elena", "Anton", "Ida", "Rafael", "Greta",
    "Julian", "Vera", "Nils", "Chiara", "Pablo", "Saga", "Theo", "Amara", "Kai", "Lucia", "Henrik", "Yara",
    "Marco", "Sigrid", "Idris", "Helena", "Aksel", "Zara", "Bruno", "Linnea", "Omar", "Frida", "Jakob", "Esther",
    "Sami", "Agnes", "Ruben", "Paula", "Viktor", "Noor", "Arvid", "Ines", "Milan", "Hanna", "Ezra",
)
LAST_NAMES = (
    "Solberg", "Lindqvist", "Haugen", "Bergström", "Dahl", "Moreau", "Rossi", "Novak", "Jensen", "Eriksen",
    "Fischer", "Almeida", "Vidal", "Kowalski", "Virtanen", "Strand", "Holm", "Berg", "Bianchi", "Costa",
    "Lund", "Nyström", "Ferreira", "Keller", "Brandt", "Okafor", "Larsen", "Engel", "Marino", "Sandberg",
    "Hansen", "Castell", "Aalto", "Winter", "Falk", "Mendes", "Olsen", "Vogel", "Ricci", "Nieminen",
    "Ekberg", "Laurent", "Sousa", "Hartmann", "Moretti", "Halvorsen", "Quist", "Blom", "Duarte", "Aydin",
)


@dataclass(frozen=True)
class Country:
    code: str
    code3: str
    numeric: str
    name: str


COUNTRIES = (
    Country("NO", "NOR", "578", "Norway"), Country("SE", "SWE", "752", "Sweden"),
    Country("DK", "DNK", "208", "Denmark"), Country("FI", "FIN", "246", "Finland"),
    Country("DE", "DEU", "276", "Germany"), Country("NL", "NLD", "528", "Netherlands"),
    Country("BE", "BEL", "056", "Belgium"), Country("FR", "FRA", "250", "France"),
    Country("ES", "ESP", "724", "Spain"), Country("PT", "PRT", "620", "Portugal"),
    Country("IT", "ITA", "380", "Italy"), Country("GB", "GBR", "826", "United Kingdom"),
    Country("US", "USA", "840", "United States"),
)


@dataclass(frozen=True)
class City:
    name: str
    country: str
    postcodes: tuple[str, ...]  # patterns: # → a digit, A → a letter
    streets: tuple[str, ...]
    state: str = ""


CITIES = (
    City("Bergen", "NO", ("50##",), ("Strandkaien", "Nygårdsgaten", "Sandviksveien", "Kong Oscars gate")),
    City("Oslo", "NO", ("0###",), ("Thorvald Meyers gate", "Markveien", "Grünerløkka allé", "Bygdøy allé")),
    City("Trondheim", "NO", ("70##",), ("Bakklandet", "Olav Tryggvasons gate", "Kjøpmannsgata")),
    City("Stockholm", "SE", ("11###", "12###"), ("Götgatan", "Hornsgatan", "Södermannagatan", "Katarina Bangata")),
    City("Gothenburg", "SE", ("41###",), ("Linnégatan", "Haga Nygata", "Vasagatan")),
    City("Copenhagen", "DK", ("1###", "2###"), ("Jægersborggade", "Istedgade", "Nørrebrogade", "Vesterbrogade")),
    City("Aarhus", "DK", ("8000",), ("Mejlgade", "Jægergårdsgade", "Frederiksgade")),
    City("Helsinki", "FI", ("00###",), ("Fredrikinkatu", "Iso Roobertinkatu", "Bulevardi")),
    City("Berlin", "DE", ("10###", "12###"), ("Oranienstraße", "Kastanienallee", "Weserstraße", "Bergmannstraße")),
    City("Leipzig", "DE", ("04###",), ("Karl-Heine-Straße", "Spinnereistraße", "Gohliser Straße")),
    City("Hamburg", "DE", ("20###", "22###"), ("Schanzenstraße", "Lange Reihe", "Ottenser Hauptstraße")),
    City("Amsterdam", "NL", ("10##AA",), ("Prinsengracht", "Haarlemmerdijk", "Javastraat", "Ferdinand Bolstraat")),
    City("Rotterdam", "NL", ("30##AA",), ("Witte de Withstraat", "Nieuwe Binnenweg", "Zwaanshals")),
    City("Antwerp", "BE", ("2000", "2018"), ("Kloosterstraat", "Nationalestraat", "Kammenstraat")),
    City("Lyon", "FR", ("6900#",), ("Rue Mercière", "Montée de la Grande-Côte", "Rue de la Charité")),
    City("Marseille", "FR", ("130##",), ("Rue Sainte", "Cours Julien", "Rue de la Loge")),
    City("Lisbon", "PT", ("1###-###",), ("Rua da Rosa", "Rua de São Bento", "Calçada do Combro")),
    City("Porto", "PT", ("4###-###",), ("Rua das Flores", "Rua de Miguel Bombarda", "Rua do Almada")),
    City("Barcelona", "ES", ("080##",), ("Carrer de Verdi", "Carrer del Parlament", "Carrer de Blai")),
    City("Valencia", "ES", ("460##",), ("Carrer de Cadis", "Carrer del Doctor Sumsi", "Carrer de Sueca")),
    City("Bologna", "IT", ("401##",), ("Via del Pratello", "Via Santo Stefano", "Via Mascarella")),
    City("Naples", "IT", ("801##",), ("Via dei Tribunali", "Via Toledo", "Via Chiaia")),
    City("Edinburgh", "GB", ("EH# #AA", "EH## #AA"), ("Leith Walk", "Broughton Street", "Cockburn Street")),
    City("Bristol", "GB", ("BS# #AA",), ("Stokes Croft", "Gloucester Road", "North Street")),
    City("Portland", "US", ("972##",), ("NE Alberta Street", "SE Division Street", "N Mississippi Avenue"), "OR"),
    City("Brooklyn", "US", ("112##",), ("Atlantic Avenue", "Bedford Avenue", "Court Street"), "NY"),
)


@dataclass(frozen=True)
class Address:
    line1: str
    city: str
    postcode: str
    country: str
    state: str = ""


def person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def city_pick(rng: random.Random) -> City:
    return rng.choice(CITIES)


def _fill(rng: random.Random, pattern: str) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return "".join(
        str(rng.randrange(10)) if c == "#" else rng.choice(letters) if c == "A" else c for c in pattern
    )


def address_make(rng: random.Random, city: City) -> Address:
    """A plausible street address in the city, with a postcode Oscar's validation accepts."""
    number = rng.randrange(1, 120)
    street = rng.choice(city.streets)
    # Continental European addresses put the number after the street name.
    line1 = f"{number} {street}" if city.country in ("GB", "US", "FR") else f"{street} {number}"
    return Address(line1=line1, city=city.name, postcode=_fill(rng, rng.choice(city.postcodes)),
                   country=city.country, state=city.state)
