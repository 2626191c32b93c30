"""A self-contained HTML report of a corpus: every article with its facts highlighted in the
text, an estimates timeline, a map of places, the actor network, and the analysis tables.

The page fetches nothing: its CSS, its one small script and its pictures (SVG drawn here) are
inline, and a Content-Security-Policy forbids any other source, so it can be opened offline and
mailed around. Everything taken from the graph (article text above all, which is untrusted) is
HTML-escaped; the script is allowed by its hash only, so even a missed escape could not run one.

The text comes from the graph: ``nif:isString`` on the article (kg writes it since it draws
reports). The highlights are the facts' evidence mentions, placed by their offsets and checked
against their anchors; an article built without its text is shown as its list of mentions.

>>> highlight("Ana said <b>.", [Mark(0, 3, "ac", "Actor: Ana"), Mark(4, 8, "cue", "cue")])
'<span class="ac" title="Actor: Ana">Ana</span> <span class="cue" title="cue">said</span> &lt;b&gt;.'
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files

from .analysis import Analysis, analyze
from .canonical import copy_originals, merged_actors
from .series import Conflict, Row, actor_labels, in_time_order, quantity_key, quantity_words, read_estimates, \
    stored_conflicts
from .sparql import run

_P = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
_MENTION = "?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor ."

_ARTICLES = _P + """SELECT ?a ?id ?title ?date ?publisher ?url ?text WHERE {
  GRAPH ?a { ?a a kg:Article ; schema:identifier ?id .
    OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:datePublished ?date }
    OPTIONAL { ?a schema:publisher ?publisher } OPTIONAL { ?a schema:url ?url }
    OPTIONAL { ?a nif:isString ?text } } }"""

_ACTORS = _P + """SELECT ?a ?b ?e ?anchor ?label ?type WHERE { GRAPH ?a {
  ?x kg:actorType ?type ; rdfs:label ?label ; kg:evidence ?m . """ + _MENTION + " } }"

_PLACES = _P + """SELECT ?a ?b ?e ?anchor ?l ?label ?kind ?cc ?lat ?lon WHERE { GRAPH ?a {
  ?l a kg:Location ; rdfs:label ?label ; kg:evidence ?m . """ + _MENTION + """
  OPTIONAL { ?l kg:featureKind ?kind } OPTIONAL { ?l kg:countryCode ?cc }
  OPTIONAL { ?l schema:latitude ?lat ; schema:longitude ?lon } } }"""

_ESTIMATES = _P + """SELECT ?a ?b ?e ?anchor ?x ?q ?value ?min ?max ?unit ?about ?place ?when ?speaker ?said
WHERE { GRAPH ?a {
  ?x a kg:Estimate ; kg:qualifier ?q ; kg:evidence ?m . """ + _MENTION + """
  OPTIONAL { ?x schema:value ?value } OPTIONAL { ?x schema:minValue ?min } OPTIONAL { ?x schema:maxValue ?max }
  OPTIONAL { ?x schema:unitText ?unit } OPTIONAL { ?x kg:about ?about }
  OPTIONAL { ?x schema:spatialCoverage/rdfs:label ?place } OPTIONAL { ?x schema:temporalCoverage ?when }
  OPTIONAL { ?x prov:wasAttributedTo/rdfs:label ?speaker }
  OPTIONAL { ?x kg:statement/schema:dateCreated ?said } } }"""

_STATEMENTS = _P + """SELECT ?a ?b ?e ?anchor ?cb ?ce ?canchor ?cue ?direct ?speaker WHERE { GRAPH ?a {
  ?s a kg:Statement ; kg:evidence ?m ; kg:cue ?cue ; kg:direct ?direct .
  """ + _MENTION + """
  OPTIONAL { ?s kg:cueEvidence ?c . ?c nif:beginIndex ?cb ; nif:endIndex ?ce ; nif:anchorOf ?canchor }
  OPTIONAL { ?s prov:wasAttributedTo/rdfs:label ?speaker } } }"""

_QUALIFIER_WORDS = {"exact": "", "approximately": "about ", "lessThan": "less than ", "atMost": "up to ",
                    "moreThan": "more than ", "atLeast": "at least ", "range": "", "increase": "up by ",
                    "decrease": "down by "}
# Colours of communities in the network picture (ColorBrewer Set1/Dark2-like, readable on white).
_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
            "#bcbd22", "#7f7f7f"]


@dataclass(frozen=True, order=True)
class Mark:
    """A highlight: ``[start, end)`` of the article text, its CSS class and its hover text."""

    start: int
    end: int
    kind: str
    tip: str


@dataclass
class ArticleView:
    iri: str
    id: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    text: str | None = None
    copy_of: str | None = None
    marks: list[Mark] = field(default_factory=list)
    facts: set[tuple[str, str]] = field(default_factory=set)   # (kind, key) of every fact shown


@dataclass
class Point:
    """One estimate on the timeline."""

    when: dt.date
    value: float | None
    low: float | None
    high: float | None
    unit: str
    tip: str
    conflict: bool = False   # one side of a flagged contradiction


@dataclass
class Place:
    name: str
    lat: float
    lon: float
    kind: str
    articles: set[str] = field(default_factory=set)


@dataclass
class Corpus:
    """What the report shows, read from the store."""

    articles: list[ArticleView]
    points: list[Point]
    places: list[Place]
    analysis: Analysis
    conflicts: list[Conflict] = field(default_factory=list)
    series: list[list[Row]] = field(default_factory=list)   # estimates of one quantity from ≥ 2 articles


def _v(term) -> str | None:
    return None if term is None else term.value


def _num(x: float) -> str:
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.3g} billion"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.3g} million"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def _date(iso: str | None) -> dt.date | None:
    """An xsd:date, gYearMonth or gYear as the first day it covers."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def collect(store) -> Corpus:
    """Read the articles, their highlights, the estimates, the places and the analysis."""
    originals = copy_originals(store)
    copies = set(originals)
    q = lambda text: run(text, store, timeout=None).rows  # noqa: E731
    arts: dict[str, ArticleView] = {}
    for a, id_, title, date, pub, url, text in q(_ARTICLES):
        first = originals.get(a.value, (None,))[0]
        arts[a.value] = ArticleView(a.value, id_.value, _v(title), _v(date), _v(pub), _v(url), _v(text), first)
    for view in arts.values():
        if view.copy_of in arts:
            view.copy_of = arts[view.copy_of].id

    def mark(a, b, e, anchor, kind, tip):
        view = arts.get(a.value)
        if view is None:
            return
        b, e = int(b.value), int(e.value)
        if view.text is not None and view.text[b:e] != anchor.value:
            return  # offsets that do not point at their anchor are not shown
        view.marks.append(Mark(b, e, kind, tip))

    def count(a, kind, key):
        if a.value in arts:
            arts[a.value].facts.add((kind, key))

    for a, b, e, anchor, label, typ in q(_ACTORS):
        mark(a, b, e, anchor, "ac", f"Actor: {label.value} ({typ.value})")
        count(a, "actor", label.value)
    places: dict[str, Place] = {}
    for a, b, e, anchor, node, label, kind, cc, lat, lon in q(_PLACES):
        where = ", ".join(x for x in (_v(kind), _v(cc)) if x)
        mark(a, b, e, anchor, "pl", f"Place: {label.value}" + (f" ({where})" if where else ""))
        count(a, "place", label.value)
        if lat is not None and lon is not None and a.value not in copies:
            p = places.setdefault(node.value, Place(label.value, float(lat.value), float(lon.value), _v(kind) or ""))
            p.articles.add(a.value)
    rows = read_estimates(store, canon=merged_actors(store), labels=actor_labels(store), skip=copies)
    conflicts = stored_conflicts(store, rows)
    disagree: dict[str, list[str]] = defaultdict(list)  # estimate IRI -> what contradicts it
    for c in conflicts:
        for this, other in ((c.a, c.b), (c.b, c.a)):
            disagree[this.iri].append(f"Disagrees with {other.shown()} {other.unit} ({other.article}, {other.time}"
                                      f"{', ' + other.speaker_label if other.speaker_label else ''})")
    points: list[Point] = []
    seen_estimates = set()
    for a, b, e, anchor, x, qual, value, lo, hi, unit, about, place, when, speaker, said in q(_ESTIMATES):
        qname = qual.value.rsplit("#", 1)[-1]
        value, lo, hi = (float(t.value) if t is not None else None for t in (value, lo, hi))
        amount = (f"{_num(lo)}–{_num(hi)}" if lo is not None and hi is not None
                  else _QUALIFIER_WORDS.get(qname, "") + _num(value if value is not None else (lo if lo is not None else hi or 0)))
        unit_s = _v(unit) or ""
        tip = " · ".join(x for x in (
            f"Estimate: {amount} {unit_s}".rstrip(), _v(about) and f"of {about.value}", place and f"in {place.value}",
            when and f"for {when.value}", speaker and f"claimed by {speaker.value}") if x)
        mark(a, b, e, anchor, "es", tip)
        for why in disagree.get(x.value, ()):
            mark(a, b, e, anchor, "cf", why)
        count(a, "estimate", x.value)
        view = arts.get(a.value)
        day = _date(_v(said)) or _date(view.date if view else None) or _date(_v(when))
        if day is not None and qname not in ("increase", "decrease") and a.value not in copies \
                and x.value not in seen_estimates:
            seen_estimates.add(x.value)
            source = f"{view.id}, {view.date}" if view and view.date else (view.id if view else a.value)
            points.append(Point(day, value, lo, hi, unit_s, f"{tip} ({source}: “{anchor.value}”)",
                                x.value in disagree))
    for a, b, e, anchor, cb, ce, canchor, cue, direct, speaker in q(_STATEMENTS):
        how = "direct quote" if direct.value == "true" else "reported speech"
        who = speaker.value if speaker is not None else "unknown speaker"
        mark(a, b, e, anchor, "st", f"Statement by {who} ({how}, cue “{cue.value}”)")
        count(a, "statement", f"{b.value}")
        if cb is not None:
            mark(a, cb, ce, canchor, "cue", f"Cue “{cue.value}”: {who} speaking")
    order = sorted(arts.values(), key=lambda v: (v.date or "9999", v.id))
    return Corpus(order, points, sorted(places.values(), key=lambda p: (-len(p.articles), p.name)),
                  analyze(store), conflicts, _series(rows))


def _series(rows: list[Row]) -> list[list[Row]]:
    """Estimates grouped by quantity (what is counted, whose, where; changes left out), kept when
    at least two articles give one; longest series first. A quantity with neither owner nor place
    ("growth", "revenue") is no one thing across articles, so it forms no series."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if r.qualifier not in ("increase", "decrease") and r.time and (r.owner or r.place):
            groups[quantity_key(r)].append(r)
    keep = [in_time_order(g) for g in groups.values() if len({r.graph for r in g}) >= 2]
    return sorted(keep, key=lambda g: (-len(g), quantity_words(g[0])))


# ------------------------------------------------------------------------------ text highlights

def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` as HTML with every mark highlighted. Overlapping marks are cut at each other's
    edges: each piece of text is one ``<span>`` carrying the classes and hover texts of every
    mark over it, so nothing needs to nest."""
    n = len(text)
    starts: dict[int, list[Mark]] = defaultdict(list)
    ends: dict[int, list[Mark]] = defaultdict(list)
    for m in set(marks):
        b, e = max(0, m.start), min(n, m.end)
        if b < e:
            starts[b].append(m)
            ends[e].append(m)
    cuts = sorted({0, n} | set(starts) | set(ends))
    active: set[Mark] = set()
    out = []
    for b, e in zip(cuts, cuts[1:]):
        active -= set(ends.get(b, ()))
        active |= set(starts.get(b, ()))
        piece = escape(text[b:e])
        if not active:
            out.append(piece)
            continue
        layered = sorted(active, key=lambda m: (m.start - m.end, m.start, m.kind))  # outermost first
        kinds = " ".join(dict.fromkeys(m.kind for m in layered))
        tip = "\n".join(dict.fromkeys(m.tip for m in layered))
        out.append(f'<span class="{escape(kinds)}" title="{escape(tip)}">{piece}</span>')
    return "".join(out)


# ------------------------------------------------------------------------------ pictures (SVG)

def _nice_step(span: float, target: int = 5) -> float:
    raw = span / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def timeline_svg(points: list[Point], *, width: int = 900, panel_h: int = 150, max_panels: int = 6) -> str:
    """Small multiples, one panel per unit (most estimates first), sharing the time axis. A dot
    is a value, a bar a range or bound (to the axis for "up to"); hover shows the estimate."""
    if not points:
        return '<p class="empty">No dated estimates in the graph.</p>'
    by_unit: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        by_unit[p.unit or "(no unit)"].append(p)
    units = sorted(by_unit, key=lambda u: (-len(by_unit[u]), u))[:max_panels]
    shown = [p for u in units for p in by_unit[u]]
    days = sorted(p.when for p in shown)
    cut = len(days) // 50 if len(days) >= 20 else 0  # far-off years ("since 1901") would squash the rest
    t0, t1 = days[cut], days[-1 - cut]
    if (t1 - t0).days < 30:
        t0, t1 = t0 - dt.timedelta(days=15), t1 + dt.timedelta(days=15)
    left, right, top = 90, 20, 24
    plot_w = width - left - right
    height = top + len(units) * (panel_h + 30) + 30
    x = lambda d: left + plot_w * (min(max(d, t0), t1) - t0).days / max((t1 - t0).days, 1)  # noqa: E731
    svg = [f'<svg id="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Estimates over time">']
    # time ticks: years, or months when the span is short
    years = t1.year - t0.year
    ticks = []
    days = (t1 - t0).days
    if years >= 2:
        step = max(1, round(years / 8))
        ticks = [dt.date(y, 1, 1) for y in range(t0.year + 1, t1.year + 1, step)]
        fmt = "%Y"
    elif days <= 90:
        step = max(1, round(days / 8))
        ticks = [t0 + dt.timedelta(days=k) for k in range(0, days + 1, step)]
        fmt = "%d %b %Y"
    else:
        d = dt.date(t0.year, t0.month, 1)
        months = max(1, round(((t1 - t0).days / 30) / 8))
        while d <= t1:
            if d >= t0:
                ticks.append(d)
            m = d.month - 1 + months
            d = dt.date(d.year + m // 12, m % 12 + 1, 1)
        fmt = "%b %Y"
    for i, unit in enumerate(units):
        pts = by_unit[unit]
        y0 = top + i * (panel_h + 30)
        vals = [v for p in pts for v in (p.value, p.low, p.high) if v is not None]
        lo, hi = min(vals), max(vals)
        positive = [v for v in vals if v > 0]
        log = bool(positive) and max(positive) / min(positive) > 100
        if log:
            lo = min(positive)
            a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
            b = b if b > a else a + 1
            y = lambda v, a=a, b=b, y0=y0: y0 + panel_h - panel_h * (math.log10(max(v, 10 ** a)) - a) / (b - a)  # noqa: E731
            yticks = [10 ** k for k in range(a, b + 1)]
        else:
            top_v = hi * 1.1 if hi > 0 else 1
            step = _nice_step(top_v)
            top_v = math.ceil(top_v / step) * step
            y = lambda v, top_v=top_v, y0=y0: y0 + panel_h - panel_h * max(v, 0) / top_v  # noqa: E731
            yticks = [k * step for k in range(int(round(top_v / step)) + 1)]
        svg.append(f'<g class="panel"><text x="{left}" y="{y0 - 6}" class="ptitle">{escape(unit)}'
                   f'{" (log scale)" if log else ""} · {len(pts)} estimate{"s" if len(pts) != 1 else ""}</text>')
        svg.append(f'<rect x="{left}" y="{y0}" width="{plot_w}" height="{panel_h}" class="frame"/>')
        for v in yticks:
            yy = y(v)
            svg.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
                       f'<text x="{left - 6}" y="{yy + 4:.1f}" class="ytick">{escape(_short_num(v))}</text>')
        for d in ticks:
            xx = x(d)
            svg.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{y0}" y2="{y0 + panel_h}" class="grid"/>')
            if i == len(units) - 1:
                svg.append(f'<text x="{xx:.1f}" y="{y0 + panel_h + 16}" class="xtick">{d.strftime(fmt)}</text>')
        for p in sorted(pts, key=lambda p: p.when):
            xx = x(p.when)
            out = not t0 <= p.when <= t1
            tip = f"<title>{'(off the time axis, at its edge) ' if out else ''}{escape(p.tip)}</title>"
            cls = ("est out" if out else "est") + (" cf" if p.conflict else "")
            if p.low is not None or p.high is not None:
                low = p.low if p.low is not None else (lo if log else 0)
                high = p.high if p.high is not None else hi
                svg.append(f'<g class="{cls}"><line x1="{xx:.1f}" x2="{xx:.1f}" y1="{y(low):.1f}" y2="{y(high):.1f}" '
                           f'class="range"/><circle cx="{xx:.1f}" cy="{y(p.high if p.high is not None else low):.1f}" '
                           f'r="3"/>{tip}</g>')
            else:
                svg.append(f'<g class="{cls}"><circle cx="{xx:.1f}" cy="{y(p.value):.1f}" r="5"/>{tip}</g>')
        svg.append("</g>")
    svg.append("</svg>")
    return "".join(svg)


def _short_num(v: float) -> str:
    for div, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:g}{suffix}"
    return f"{v:g}"


def _countries() -> list[tuple[str, str, float, float]]:
    rows = []
    for line in files("kg").joinpath("data/countries.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso, _gid, name, lat, lon, *_ = line.split("\t")
        rows.append((iso, name, float(lat), float(lon)))
    return rows


def map_svg(places: list[Place], *, width: int = 900, labels: int = 30) -> str:
    """Places on an equirectangular projection zoomed to them, over a graticule and the
    country points of the shipped gazetteer (grey codes) for orientation. Dot area: articles."""
    if not places:
        return '<p class="empty">No geocoded places in the graph.</p>'
    lats, lons = [p.lat for p in places], [p.lon for p in places]
    lat0, lat1 = min(lats), max(lats)
    lon0, lon1 = min(lons), max(lons)
    pad_lat, pad_lon = max(3.0, (lat1 - lat0) * 0.12), max(5.0, (lon1 - lon0) * 0.08)
    lat0, lat1 = max(-90.0, lat0 - pad_lat), min(90.0, lat1 + pad_lat)
    lon0, lon1 = max(-180.0, lon0 - pad_lon), min(180.0, lon1 + pad_lon)
    if (lon1 - lon0) < 2 * (lat1 - lat0):  # keep a landscape frame
        extra = (2 * (lat1 - lat0) - (lon1 - lon0)) / 2
        lon0, lon1 = max(-180.0, lon0 - extra), min(180.0, lon1 + extra)
    height = max(200, min(700, round(width * (lat1 - lat0) / (lon1 - lon0))))
    x = lambda lon: (lon - lon0) / (lon1 - lon0) * width  # noqa: E731
    y = lambda lat: (lat1 - lat) / (lat1 - lat0) * height  # noqa: E731
    svg = [f'<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Map of places"><rect width="{width}" height="{height}" class="sea"/>']
    step = _nice_step(max(lon1 - lon0, lat1 - lat0), 8)
    step = min((s for s in (1, 2, 5, 10, 15, 30) if s >= step), default=30)
    g = math.ceil(lon0 / step) * step
    while g <= lon1:
        svg.append(f'<line x1="{x(g):.1f}" x2="{x(g):.1f}" y1="0" y2="{height}" class="grat"/>'
                   f'<text x="{x(g) + 2:.1f}" y="{height - 4}" class="gl">{g:g}°</text>')
        g += step
    g = math.ceil(lat0 / step) * step
    while g <= lat1:
        svg.append(f'<line x1="0" x2="{width}" y1="{y(g):.1f}" y2="{y(g):.1f}" class="grat"/>'
                   f'<text x="2" y="{y(g) - 2:.1f}" class="gl">{g:g}°</text>')
        g += step
    for iso, name, la, lo in _countries() if lon1 - lon0 <= 120 else ():  # codes only when zoomed in
        if lat0 <= la <= lat1 and lon0 <= lo <= lon1:
            svg.append(f'<g class="ctry"><circle cx="{x(lo):.1f}" cy="{y(la):.1f}" r="1.5"/>'
                       f'<text x="{x(lo) + 3:.1f}" y="{y(la) + 3:.1f}">{escape(iso)}</text>'
                       f'<title>{escape(name)}</title></g>')
    most = max(len(p.articles) for p in places)
    radius = {id(p): 3 + 9 * math.sqrt(len(p.articles) / most) for p in places}
    # labels keep off every dot and off each other
    dots = [(x(p.lon) - radius[id(p)], y(p.lat) - radius[id(p)], x(p.lon) + radius[id(p)], y(p.lat) + radius[id(p)])
            for p in places]
    taken: list[tuple[float, float, float, float]] = []  # label boxes already drawn
    for p in places:  # most-named first, so their labels win
        r = radius[id(p)]
        n = len(p.articles)
        cx, cy = x(p.lon), y(p.lat)
        svg.append(f'<g class="place {escape(p.kind)}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"/>'
                   f'<title>{escape(p.name)} ({escape(p.kind)}), {n} article{"s" if n != 1 else ""}</title>')
        spot = _label_spot(cx, cy, r, len(p.name), taken, dots, width, height) if len(taken) < labels else None
        if spot is not None:
            svg.append(f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}">{escape(p.name)}</text>')
        svg.append("</g>")
    svg.append("</svg>")
    return "".join(svg)


def main_cluster(places: list[Place], degrees: float = 12.0) -> list[Place]:
    """The places within ``degrees`` of the most-named one: where a wide map is too crowded
    to read, the report draws them again on a map of their own."""
    if not places:
        return []
    hub = places[0]
    return [p for p in places if abs(p.lat - hub.lat) <= degrees and abs(p.lon - hub.lon) <= degrees]


def _label_spot(cx: float, cy: float, r: float, chars: int, taken: list, dots: list, width: int, height: int):
    """Where a place's label fits without covering another label: right of the dot, left,
    above or below (its x, y baseline), or None when crowded; it covers neither a label in
    ``taken`` nor a dot in ``dots``. The box found is added to ``taken``. Text is ~6.2 px per character at the map's 11 px."""
    w, h = 6.2 * chars, 12.0
    for bx, by in ((cx + r + 2, cy - 8), (cx - r - 2 - w, cy - 8), (cx - w / 2, cy - r - 14), (cx - w / 2, cy + r + 2)):
        box = (bx, by, bx + w, by + h)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        if inside and not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
                              for t in (*taken, *dots)):
            taken.append(box)
            return bx, by + 10
    return None


def network_svg(g, *, width: int = 900, height: int = 600, max_nodes: int = 60, seed: int = 1) -> str:
    """The actor co-mention network's most central actors (by PageRank) in a spring layout:
    dot area is PageRank, colour the community, line width the articles shared."""
    import networkx as nx
    if g.number_of_nodes() == 0:
        return '<p class="empty">No named actors in the graph.</p>'
    top = sorted(g, key=lambda u: (-g.nodes[u].get("pagerank", 0), g.nodes[u].get("label", u)))[:max_nodes]
    sub = g.subgraph(top)
    pos = nx.spring_layout(sub, seed=seed, weight="weight", k=1.6 / math.sqrt(len(sub)), iterations=200)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    pad = 60
    sx = lambda v: pad + (v - min(xs)) / ((max(xs) - min(xs)) or 1) * (width - 2 * pad)  # noqa: E731
    sy = lambda v: pad / 2 + (v - min(ys)) / ((max(ys) - min(ys)) or 1) * (height - pad)  # noqa: E731
    top_pr = max(sub.nodes[u].get("pagerank", 0) for u in sub) or 1
    most_w = max((d.get("weight", 1) for *_, d in sub.edges(data=True)), default=1)
    svg = [f'<svg id="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Actor co-mention network">']
    for u, v, d in sub.edges(data=True):
        w = d.get("weight", 1)
        svg.append(f'<line x1="{sx(pos[u][0]):.1f}" y1="{sy(pos[u][1]):.1f}" x2="{sx(pos[v][0]):.1f}" '
                   f'y2="{sy(pos[v][1]):.1f}" class="edge" stroke-width="{0.6 + 3.4 * w / most_w:.2f}">'
                   f'<title>{escape(sub.nodes[u]["label"])} – {escape(sub.nodes[v]["label"])}: {w} article'
                   f'{"s" if w != 1 else ""}</title></line>')
    for u in sorted(sub, key=lambda u: sub.nodes[u].get("pagerank", 0)):
        d = sub.nodes[u]
        c = d.get("community", 0)
        colour = _PALETTE[(c - 1) % len(_PALETTE)] if c and c <= len(_PALETTE) else "#999999"
        r = 4 + 14 * math.sqrt(d.get("pagerank", 0) / top_pr)
        cx, cy = sx(pos[u][0]), sy(pos[u][1])
        right = cx > width * 0.7  # labels of nodes near the right edge go to their left
        anchor = ' class="end"' if right else ""
        svg.append(f'<g class="node"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{colour}"/>'
                   f'<text x="{cx - r - 2 if right else cx + r + 2:.1f}" y="{cy + 4:.1f}"'
                   f'{anchor}>{escape(d.get("label", u))}</text>'
                   f'<title>{escape(d.get("label", u))} ({escape(d.get("type", ""))}): {d.get("articles", 0)} '
                   f'articles, degree {d.get("degree", 0)}, PageRank {d.get("pagerank", 0):.4f}, '
                   f'community {c}</title></g>')
    svg.append("</svg>")
    return "".join(svg)


# ------------------------------------------------------------------------------ the page

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#24323f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#cfd8e0}nav a{color:#cfe3ff;margin-right:14px}
main{max-width:960px;margin:0 auto;padding:8px 24px 40px}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:12px 18px;margin:16px 0}
h2{font-size:18px;margin:4px 0 10px}h3{font-size:16px;margin:0}
table{border-collapse:collapse;font-size:13px;margin:6px 0 12px}td,th{padding:2px 10px 2px 0;text-align:left;vertical-align:top}
th{border-bottom:1px solid #ccc}td.n{text-align:right}
.legend span{margin-right:10px;padding:1px 5px;border-radius:3px}
.text{white-space:pre-wrap;margin:8px 0}
.ac{background:#cfe3ff}.pl{background:#c8f0c8}.st{background:#fff4c2}.cue{font-weight:700;color:#7a5a00}
.es{background:#ffcf9e;font-weight:600}.cf{outline:2px solid #c00;outline-offset:1px}
.conflicts li{margin:6px 0}.vs{color:#c00;font-weight:700}
span[title]{cursor:help}
details>summary{cursor:pointer;list-style:revert}
.meta{color:#666;font-size:13px}.copy{color:#a33}
.facts{font-size:13px;color:#444;margin:4px 0 0}
svg{max-width:100%;height:auto;font:11px system-ui,sans-serif}
.frame{fill:#fcfcfc;stroke:#bbb}.grid{stroke:#e6e6e6}.ytick{text-anchor:end;fill:#555}.xtick{text-anchor:middle;fill:#555}
.ptitle{font-weight:700;fill:#333;font-size:12px}
.est circle{fill:#d9480f;stroke:#fff}.est.cf circle{stroke:#c00;stroke-width:3}.est.cf .range{stroke:#c00}.est.out circle{fill:#fff;stroke:#d9480f}.est .range{stroke:#d9480f;stroke-width:4;stroke-opacity:.55;stroke-linecap:round}
.sea{fill:#eef5fb}.grat{stroke:#c9d9e6;stroke-width:.7}.gl{fill:#8aa;font-size:9px}
.ctry circle{fill:#b5b5b5}.ctry text{fill:#9a9a9a;font-size:9px}
.place circle{fill:#2b8a3e;fill-opacity:.75;stroke:#fff}.place.country circle{fill:#5c940d}.place.city circle{fill:#1864ab}
.place text{fill:#222;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.edge{stroke:#9aa5b1;stroke-opacity:.6}.node circle{stroke:#fff;stroke-width:1.5}
.node text.end{text-anchor:end}.node text{fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}
article{border-top:1px solid #eee;padding:8px 0}
.empty{color:#888}#filter{width:280px;padding:3px 6px}
"""

# Filter the articles by a word; the only script, allowed by its hash in the CSP. It marks the
# page when it has run (data-script), so a test can tell the CSP let it run.
_JS = """document.documentElement.setAttribute('data-script','ran');
document.getElementById('filter').addEventListener('input',function(e){
var q=e.target.value.toLowerCase();var n=0;
document.querySelectorAll('article').forEach(function(a){var hit=!q||a.textContent.toLowerCase().indexOf(q)>=0;
a.style.display=hit?'':'none';if(hit)n++;});
document.getElementById('shown').textContent=n;});"""


def _table(t, limit: int) -> str:
    keep = [i for i, h in enumerate(t.columns) if not h.endswith("iri")]
    head = "".join(f"<th>{escape(t.columns[i])}</th>" for i in keep)
    body = []
    for r in t.rows[:limit]:
        cells = []
        for i in keep:
            c = r[i]
            num = isinstance(c, (int, float))
            text = f"{c:.4f}" if isinstance(c, float) else str(c)
            cells.append(f'<td{" class=n" if num else ""}>{escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f'<p class="meta">{len(t.rows) - limit} more rows: kg analyze -o DIR writes them all.</p>' \
        if len(t.rows) > limit else ""
    return (f'<h3>{escape(t.title)}</h3><table class="{escape(t.name)}"><tr>{head}</tr>{"".join(body)}</table>'
            + more)


def _article_html(v: ArticleView, open_: bool) -> str:
    meta = " · ".join(escape(x) for x in (v.date, v.publisher) if x)
    if v.url:
        meta += f' · <span class="url">{escape(v.url)}</span>'
    kinds = defaultdict(int)
    for kind, _ in v.facts:
        kinds[kind] += 1
    summary = ", ".join(f"{kinds[k]} {k}{'s' if kinds[k] != 1 else ''}"
                        for k in ("actor", "place", "estimate", "statement") if kinds[k])
    copy = f' <span class="copy">copy of {escape(v.copy_of)}</span>' if v.copy_of else ""
    if v.text is not None:
        body = f'<div class="text">{highlight(v.text, v.marks)}</div>'
    else:
        spans = sorted(set(v.marks))
        body = ('<p class="meta">The graph holds no text for this article (built before kg stored it: rebuild '
                'with <code>kg build --force</code>); its facts\' evidence:</p><ul>'
                + "".join(f'<li><span class="{escape(m.kind)}">{escape(m.tip)}</span></li>' for m in spans)
                + "</ul>")
    return (f'<article id="{escape("a-" + v.id)}"><details{" open" if open_ else ""}><summary>'
            f'<h3 style="display:inline">{escape(v.title or v.id)}</h3>{copy}</summary>'
            f'<div class="meta">{escape(v.id)}{" · " + meta if meta else ""}</div>'
            f'<div class="facts">{escape(summary) or "no facts"}</div>{body}</details></article>')


def _claim(r: Row) -> str:
    who = f" — {escape(r.speaker_label)}" if r.speaker_label else ""
    where = escape(", ".join(x for x in (r.article, r.source) if x))
    quote = f' <span class="meta">“{escape(r.text)}”</span>' if r.text else ""
    return f"<strong>{escape(r.shown())} {escape(r.unit)}</strong> ({escape(r.time)}{who}; {where}){quote}"


def conflicts_html(conflicts: list[Conflict]) -> str:
    """The contradictions flagged in the graph, both sides with their sources."""
    if not conflicts:
        return ('<p class="empty">None flagged: no two articles give non-overlapping figures for the same '
                'quantity within a month of each other.</p>')
    items = [f"<li><strong>{escape(c.quantity)}</strong>, {c.days} day{'s' if c.days != 1 else ''} apart:<br>"
             f'{_claim(c.a)}<br><span class="vs">vs</span> {_claim(c.b)}</li>' for c in conflicts]
    return f'<ul class="conflicts">{"".join(items)}</ul>'


def series_html(series: list[list[Row]], limit: int = 15) -> str:
    """One row per quantity estimated in two or more articles: its figures in time order."""
    if not series:
        return '<p class="empty">No quantity is estimated in more than one article.</p>'
    rows = []
    for g in series[:limit]:
        figures = " → ".join(f"{escape(r.shown())} ({escape(r.time)})" for r in g)
        rows.append(f"<tr><td>{escape(quantity_words(g[0]))}</td><td>{escape(g[0].unit)}</td>"
                    f"<td class=n>{len(g)}</td><td>{figures}</td></tr>")
    more = (f'<p class="meta">{len(series) - limit} more: kg estimates "WHAT" lists any series.</p>'
            if len(series) > limit else "")
    return ('<table class="series"><tr><th>quantity</th><th>unit</th><th>estimates</th><th>figures in time order'
            f'</th></tr>{"".join(rows)}</table>{more}')


def render(corpus: Corpus, *, title: str = "kg report", open_articles: int = 30, top: int = 15) -> str:
    """The whole page as one string."""
    an = corpus.analysis
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src 'sha256-{script_hash}'")
    n_est = sum(1 for v in corpus.articles for m in v.marks if m.kind == "es")
    open_ = len(corpus.articles) <= open_articles
    cluster = main_cluster(corpus.places)
    inset = ""
    if 3 <= len(cluster) < len(corpus.places):
        zoomed = map_svg(cluster).replace('id="map"', 'id="map-zoom"', 1)
        inset = f"<h3>Around {escape(corpus.places[0].name)}</h3>{zoomed}"
    copies = f" ({an.copies} syndicated {'copy' if an.copies == 1 else 'copies'} not counted again)" if an.copies else ""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1><p>{len(corpus.articles)} articles"
        f"{copies} · "
        f"{an.network.number_of_nodes()} named actors · {len(corpus.places)} mapped places · "
        f"{n_est} estimates</p><nav><a href=\"#network\">network</a><a href=\"#timeline\">timeline</a>"
        f"<a href=\"#disagreements\">disagreements</a><a href=\"#map\">map</a><a href=\"#tables\">tables</a><a href=\"#articles\">articles</a></nav></header><main>",
        '<section><h2>Actor network</h2><p class="meta">Actors named in the same articles; the '
        f'{min(60, an.network.number_of_nodes())} most central by PageRank. Colour: community.</p>'
        f"{network_svg(an.network)}</section>",
        '<section><h2>Estimates over time</h2><p class="meta">One panel per unit; dot: a value, bar: a '
        'range or bound. Placed at when it was said (else the article date); hover for the period it is '
        f'for. Rises and falls are left out; in a long series the farthest 2% of dates sit hollow at the '
        f'edges. A red ring marks a figure another article contradicts.</p>{timeline_svg(corpus.points)}'
        f'<h3>Series</h3>{series_html(corpus.series)}</section>',
        f'<section id="disagreements"><h2>Disagreements ({len(corpus.conflicts)})</h2><p class="meta">Estimates '
        'of the same quantity, at most a month apart, whose ranges do not overlap (“about” read as ±10%; '
        f'syndicated copies left out). Outlined in red in the articles.</p>{conflicts_html(corpus.conflicts)}</section>',
        '<section><h2>Places</h2><p class="meta">Equirectangular projection; grey codes are country '
        f'centres for orientation; dot area: articles naming the place.</p>{map_svg(corpus.places)}{inset}</section>',
        f'<section id="tables"><h2>Analysis</h2>{_table(an.speakers, top)}{_table(an.central, top)}'
        f'{_table(an.communities, top)}{_table(an.ties, top)}</section>',
        '<section id="articles"><h2>Articles</h2><p class="legend"><span class="ac">actor</span>'
        '<span class="pl">place</span><span class="es">estimate</span><span class="st">statement</span>'
        '<span class="cue">cue</span> hover a highlight for the fact.</p>'
        '<p><input id="filter" type="search" placeholder="filter articles by a word" aria-label="filter"> '
        f'<span class="meta"><span id="shown">{len(corpus.articles)}</span> shown</span></p>',
    ]
    parts += [_article_html(v, open_) for v in corpus.articles]
    parts += ["</section></main>", f"<script>{_JS}</script></body></html>"]
    return "\n".join(parts)


def report(store, *, title: str = "kg report") -> str:
    """The report page of the graph in ``store`` (a :class:`kg.store.LocalStore`)."""
    return render(collect(store), title=title)
