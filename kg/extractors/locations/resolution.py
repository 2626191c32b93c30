"""Geocoding: ranking same-named places by the text's hints and the article's states and
countries, coherence between places named together, home-country namesakes."""
from __future__ import annotations

from collections import Counter

from ...geo import Place, distance_km, gazetteer, normalize
from .mention import _Mention
from .context import _border_exclusions


def _resolve(m: _Mention, context: set[str], country_count: Counter, admin_context: Counter,
             doc, final: bool) -> None:
    g = gazetteer()
    hints = m.hints
    admin1 = next(((h.country_code, h.admin1) for h in hints if h.feature_code == "ADM1"), None)
    hint_countries = {h.country_code for h in hints if h.country_code}
    if admin1 is None and admin_context and final:
        # the article's own state/province: the most mentioned one among this name's candidates
        names = {(p.country_code, p.admin1) for p in g.lookup(m.text)[:20]
                 if p.feature_class == "P" or p.feature_code == "ADM2"}
        local = [(n, a) for a, n in admin_context.items() if a in names]
        if local:
            # most mentioned; among equals, the state named first, not the last in the alphabet
            order = list(admin_context)
            admin1 = max(local, key=lambda t: (t[0], -order.index(t[1])))[1]
    implicit = admin1 is not None and not any(h.feature_code == "ADM1" for h in hints)
    cands = g.lookup(m.text, countries=hint_countries or context, admin1=admin1)
    if implicit and cands:
        # the article's state says which small town a name means, not which world city:
        # "Moscow" in a story that names Russia is not the hamlet in the reporter's state
        # and a state by its own name ("Oregon" in a story that names Chicago) is the state,
        # not the Illinois town
        top = g.lookup(m.text, countries=context)[:1]
        if top and (top[0].country_code in context and (top[0].feature_code == "PPLC"
                                                         or top[0].population >= 1_000_000)
                    or top[0].feature_code == "ADM1" and normalize(top[0].name) == normalize(m.text)):
            cands = top
    if hint_countries:
        # the text says where it is: a same-named place elsewhere is not it
        cands = [p for p in cands if p.country_code in hint_countries or (p.feature == "region"
                                                                           and not p.country_code)]
    m.place = m.within = None
    if cands:
        best = cands[0]
        where = hint_countries or context
        if not where or best.country_code in where or best.population >= 20000 \
                or best.feature != "city" or not best.country_code:
            m.place, m.precision = best, "gazetteer"
            return
    if not final:
        return
    # not in the gazetteer: placed by the text's own context
    region = next((h for h in hints if h.feature_code in ("ADM1", "ADM2")), None)
    country = next((h for h in hints if h.feature_code == "PCLI"), None)
    if region is not None:
        m.within, m.precision = region, "region"
    elif country is not None:
        m.within, m.precision = country, "country"
    else:
        excluded = _border_exclusions(doc, m)
        ranked = [c for c, _ in country_count.most_common() if c not in excluded]
        if ranked:
            m.within, m.precision = g.country(ranked[0]), "country"
        else:
            m.precision = None


_NEAR_KM = 150.0
_COUNTRY_SUPPORT_KM = 1500.0


_HOME_SHARE = 0.8


def _open_readings(mentions: list[_Mention]) -> dict[str, list[_Mention]]:
    """Mentions still open to another reading, by normalised name: placed from the gazetteer
    (not by the text itself), and no country, continent or region."""
    by_name: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place is None or m.fixed or m.precision != "gazetteer" or m.place.feature_code in ("PCLI", "CONT", "RGN"):
            continue
        by_name.setdefault(normalize(m.text), []).append(m)
    return by_name


def _home_country(mentions: list[_Mention], context: set[str]) -> None:
    """A local story names the towns of its own country without saying which country: "Paris"
    among Dallas and Tyler is the Texas town, not the French capital. When the article names
    no country of its own and its other places, nearly all (80 %), lie in one country, a name
    read as a place elsewhere is re-read as its namesake there (same name, a state the article
    names first), if it has one; beside a single other place, only a namesake near it."""
    if context:
        return
    g = gazetteer()
    by_name = _open_readings(mentions)
    for key, ms in by_name.items():
        if any(m.hints for m in ms) or "." in ms[0].text:
            continue
        others = [o[0].place for k, o in by_name.items() if k != key]
        if not others:
            continue
        home, n = Counter(p.country_code for p in others).most_common(1)[0]
        if n < _HOME_SHARE * len(others) or ms[0].place.country_code == home:
            continue
        states = {p.admin1 for p in others if p.country_code == home and p.admin1}
        local = [p for p in g.lookup(ms[0].text, countries={home})[:20]
                 if p.country_code == home and normalize(p.name) == key and p.feature_code != "ADM1"
                 # beside a single other place, only its neighbour
                 and (n >= 2 or distance_km(p.lat, p.lon, others[0].lat, others[0].lon) < _NEAR_KM)]
        local.sort(key=lambda p: p.admin1 not in states)    # stable: the prior's order within
        if local:
            for m in ms:
                m.place = local[0]


def _home_fallback(mentions: list[_Mention]) -> None:
    """Names the gazetteer could not place in the countries the article names: a US local story
    that mentions Iraq once is still about the US, so its unknown names ("Shadyside", "Oakport")
    lie there, not in Iraq. The article's home is the country most of its placed names (states,
    towns, countries, each place once) lie in, two at least and more than any other. A name
    with the text's own country hint is left alone. Such a name is taken as a town of the
    article's states if one has that name, else placed in the state the article names most
    (a state's point is nearer than its country's), else in the home country."""
    g = gazetteer()
    places = list(dict.fromkeys(m.place for m in mentions if m.place is not None and m.precision == "gazetteer"))
    counts = Counter(p.country_code for p in places if p.country_code).most_common(2)
    if not counts or counts[0][1] < 2 or len(counts) > 1 and counts[1][1] == counts[0][1]:
        return
    home = counts[0][0]
    states = Counter((p.country_code, p.admin1) for p in places
                     if p.country_code == home and p.admin1 and p.feature_code != "PCLI")
    for m in mentions:
        if (m.place is not None or m.fixed or m.precision != "country" or m.within is None
                or any(h.feature_code == "PCLI" for h in m.hints)):
            continue
        key = normalize(m.text)
        local = [p for p in g.lookup(m.text, countries={home})[:20]
                 if (p.country_code, p.admin1) in states and normalize(p.name) == key
                 and p.feature_code not in ("ADM1", "PCLI")]
        if local:
            m.place, m.within, m.precision = local[0], None, "gazetteer"
        elif states:
            top = max(states.items(), key=lambda kv: kv[1])[0]    # first of the most named
            region = g.region(*top)
            if region is not None:
                m.within, m.precision = region, "region"
        elif m.within.country_code != home:
            m.within = g.country(home)


def _home_namesakes(mentions: list[_Mention]) -> None:
    """A country's name that is also a state or a town of the article's own country: "Georgia"
    in a story about Atlanta and Macon is the US state, "Lebanon" in a story whose places are
    Tennessee towns is the town there. Taken when the article's other places lie in one
    country (two at least, or one that is the namesake's neighbour or its state), none of them (nor any demonym) lies in or within 1,500 km of the
    named country, and that country has a namesake by its own name there: a first-level
    division, or a town of 1,000 people or more in a state the article names."""
    g = gazetteer()
    placed = [m for m in mentions if m.place is not None and not m.fixed and m.precision == "gazetteer"
              and m.place.feature_code not in ("PCLI", "CONT", "RGN")]
    # distinct places in text order, so that a tie goes to the country named first, not to
    # whichever the hash seed lists first
    by_country = Counter(cc for _gid, cc in dict.fromkeys((m.place.geonames_id, m.place.country_code)
                                                           for m in placed))
    if not by_country:
        return
    home, n = by_country.most_common(1)[0]
    if sum(1 for c in by_country.values() if c == n) > 1:
        return
    admins = {(m.place.country_code, m.place.admin1) for m in placed if m.place.admin1}

    def close(p: Place) -> bool:
        # with one other place only, the namesake must be its neighbour or its state
        if n >= 2:
            return True
        if p.feature_code == "ADM1":
            return (p.country_code, p.admin1) in admins
        return any(distance_km(p.lat, p.lon, m.place.lat, m.place.lon) < _NEAR_KM for m in placed)

    named: dict[str, list[_Mention]] = {}
    for m in mentions:
        if m.place is not None and not m.fixed and m.place.feature_code == "PCLI" and m.place.country_code != home:
            named.setdefault(normalize(m.text), []).append(m)
    for key, ms in named.items():
        c = ms[0].place
        if any(o.place is not None and o.place is not c and normalize(o.text) != key and (
                o.place.country_code == c.country_code
                or distance_km(o.place.lat, o.place.lon, c.lat, c.lon) < _COUNTRY_SUPPORT_KM) for o in mentions):
            continue
        local = [p for p in g.lookup(ms[0].text, countries={home})[:20]
                 if p.country_code == home and normalize(p.name) == key and (
                     p.feature_code == "ADM1" or p.feature_class == "P" and p.population >= 1000
                     and (p.country_code, p.admin1) in admins) and close(p)]
        if local:
            for m in ms:
                m.place = local[0]


def _cohere(mentions: list[_Mention], context: set[str]) -> None:
    """Places named together lie together: a name several places share ("Paris", "Athens",
    "Anderson County") means the one near the article's other places. Each candidate scores one
    point per other name of the article that has a candidate within 150 km of it (or a state
    containing it); the best-supported candidate replaces the prior's choice when it has more
    support. Names the text places itself (", Ga.", "in Syria") keep their reading. Support comes
    from the other names' first eight readings, as many as a name's own: a county ten states
    share must reach the one by the town."""
    g = gazetteer()
    by_name = _open_readings(mentions)
    if len(by_name) < 2:
        return
    cands = {k: [p for p in g.lookup(ms[0].text, countries=context)[:8] if p.feature_code not in ("CONT", "RGN")]
             for k, ms in by_name.items()}

    def near(a: Place, b: Place) -> bool:
        if b.feature_code == "ADM1" or a.feature_code == "ADM1":
            return a.country_code == b.country_code and a.admin1 == b.admin1 and a.admin1 != ""
        return distance_km(a.lat, a.lon, b.lat, b.lon) < _NEAR_KM

    for k, ms in by_name.items():
        cur_place = ms[0].place
        if len(cands[k]) < 2 or any(m.hints for m in ms) or (
                cur_place.feature_code == "ADM1" and normalize(cur_place.name) == k) or (
                cur_place.country_code in context and (cur_place.feature_code == "PPLC"
                                                       or cur_place.population >= 1_000_000)):
            continue    # a world city of a country the article names is not its namesake nearby
        others = [c[:8] for o, c in cands.items() if o != k and c]
        support = [sum(any(near(p, q) for q in oc) for oc in others) for p in cands[k]]
        cur = next((i for i, p in enumerate(cands[k]) if p.geonames_id == ms[0].place.geonames_id), None)
        best = max((i for i, p in enumerate(cands[k]) if p.feature_code != "ADM1" or normalize(p.name) == k),
                   key=lambda i: (support[i], -i), default=0)
        if cur is None or support[best] > support[cur]:
            if cur is None and support[best] == 0:
                continue
            for m in ms:
                m.place = cands[k][best]


def _country_key(cc: str | None) -> str | None:
    c = gazetteer().country(cc) if cc else None
    return c.key if c is not None else None


def _slug(name: str) -> str:
    return normalize(name).replace(" ", "-") or "unknown"
