"""Named SPARQL queries from ``queries/``, run with parameters bound as RDF terms.

A parameter is never pasted into query text as it was typed: it becomes an RDF term,
serialised by pyoxigraph into a VALUES block, the same for the embedded store and a server.
``<…>`` values are IRIs, anything else a plain string literal.

>>> sorted(named_queries())[:2]
['actor-comentions', 'actors-by-location']
>>> parse_params(["speaker=Mr Jeffrey", "who=<https://example.org/x>"])
{'speaker': <Literal value=Mr Jeffrey datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>, 'who': <NamedNode value=https://example.org/x>}
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from enum import Enum
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from .errors import QueryError
from .resources import folder
from .store import LocalStore, RemoteStore, Result

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Updates write; LOAD and SERVICE make the server fetch other URLs. Both need explicit consent.
_UPDATE = re.compile(r"(?<![?$\w])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.IGNORECASE)
_REMOTE = re.compile(r"(?<![?$\w])(SERVICE|LOAD)\b", re.IGNORECASE)


class OutputFormat(str, Enum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def named_queries() -> dict[str, str]:
    """Name → first comment line (its description), for every ``.rq`` in ``queries/``."""
    out = {}
    for item in folder("queries").iterdir():
        if item.name.endswith(".rq"):
            first = item.read_text("utf-8").splitlines()[0]
            out[item.name[:-3]] = first.lstrip("# ").strip()
    return dict(sorted(out.items()))


def load_query(name_or_file: str) -> str:
    """The text of a named query, or of a ``.rq`` file given by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.exists():
        try:
            return path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read query ({exc})") from None
    item = folder("queries").joinpath(f"{name_or_file}.rq")
    if not item.is_file():
        raise QueryError(f"no query named {name_or_file!r}; named queries: {', '.join(named_queries())}")
    return item.read_text("utf-8")


def parse_params(pairs: Iterable[str]) -> dict[str, NamedNode | Literal]:
    """``k=v`` strings → variable name → RDF term."""
    out: dict[str, NamedNode | Literal] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("?$")
        if not sep or not _NAME.match(key):
            raise QueryError(f"parameter {pair!r} is not of the form name=value")
        if value.startswith("<") and value.endswith(">"):
            try:
                out[key] = NamedNode(value[1:-1])
            except ValueError as exc:
                raise QueryError(f"parameter {key}: {value} is not a valid IRI ({exc})") from None
        else:
            out[key] = Literal(value)
    return out


def _blank_comments_and_strings(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out, offsets unchanged."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    sparql = re.sub(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'',
                    blank, sparql)
    sparql = re.sub(r"<[^<>\s]*>", blank, sparql)
    return re.sub(r"#[^\n]*", blank, sparql)


def bind(query: str, params: dict) -> str:
    """Bind parameters with a ``VALUES`` block at the top of the query's outermost group.

    The values are RDF terms serialised by pyoxigraph (quotes and backslashes escaped, IRIs
    checked), so no parameter can change the query's structure.

    >>> print(bind("SELECT ?s WHERE { ?s ?p ?name }", {"name": Literal('x" } DROP ALL')}))
    SELECT ?s WHERE { VALUES (?name) { ("x\\" } DROP ALL") } ?s ?p ?name }
    """
    if not params:
        return query
    code = _blank_comments_and_strings(query)
    declared = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", code))
    unknown = sorted(set(params) - declared)
    if unknown:
        raise QueryError(f"parameter(s) {', '.join(unknown)} not used by the query "
                         f"(its variables: {', '.join(sorted(declared))})")
    where = re.search(r"\b(WHERE\s*)?\{", code, re.IGNORECASE)
    if where is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    names = " ".join(f"?{k}" for k in params)
    terms = " ".join(str(v) for v in params.values())
    at = _graph_block(code, where.end(), set(params)) or where.end()
    return f"{query[:at]} VALUES ({names}) {{ ({terms}) }}{query[at:]}"


def _graph_block(code: str, start: int, params: set[str]) -> int | None:
    """Where the first ``GRAPH ?g {`` that sits directly in the WHERE group opens, if any.

    A one-row VALUES block joins the same inside that GRAPH block as beside it (the values
    name no graph), but Oxigraph plans the join from it only inside: with the named queries
    at 1.4M triples, 40 ms instead of 1.8 s (it otherwise matches the whole graph pattern first).
    """
    depth = 1
    for m in re.finditer(r"[{}]|\bGRAPH\s+[?$]([A-Za-z_][A-Za-z0-9_]*)\s*\{", code[start:], re.IGNORECASE):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return None
        elif depth == 1 and m.group(1) not in params:
            return start + m.end()
        else:
            depth += 1
    return None


DEFAULT_LIMIT = 100  # rows kg query shows unless told otherwise (--limit 0: all)


def run_named(name_or_file: str, store: LocalStore | RemoteStore, params: dict | None = None, *,
              limit: int | None = None, offset: int = 0, **options) -> Result:
    """Run a named query (or a ``.rq`` file): rows ``offset`` to ``offset + limit`` (all with
    ``limit=None``).

    A named query without parameters is answered from the listing the last build stored for
    it (kg.listings): the same rows, without evaluating the query over every article graph.
    Otherwise, and for a store without that listing, the query runs (:func:`run`).
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    text = load_query(name_or_file)
    if not params and not name_or_file.endswith(".rq"):
        from .listings import read
        stored = read(store, name_or_file, text, limit=limit, offset=offset)
        if stored is not None:
            return stored
    return run(text, store, params, limit=limit, offset=offset, **options)


_OWN_WINDOW = re.compile(r"\b(LIMIT|OFFSET)\b|\bVALUES\b[^{}]*\{[^{}]*\}\s*$", re.IGNORECASE)


def _window(query: str, code: str, limit: int | None, offset: int) -> str | None:
    """``query`` with ``LIMIT limit+1 OFFSET offset`` appended (one row more, to tell whether
    more follow); ``None`` when the query is no SELECT or has its own LIMIT, OFFSET or a
    trailing VALUES block (then its rows are cut here instead)."""
    if (limit is None and not offset) or not re.search(r"\bSELECT\b", code, re.IGNORECASE) or _OWN_WINDOW.search(code):
        return None
    return query + (f"\nLIMIT {limit + 1}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")


def run(query: str, store: LocalStore | RemoteStore, params: dict | None = None, *,
        timeout: float | None = 60.0, allow_update: bool = False, allow_service: bool = False,
        limit: int | None = None, offset: int = 0) -> Result:
    """Run a SPARQL query text on ``store`` with ``params`` bound (see :func:`bind`); with
    ``limit`` and/or ``offset``, only that window of its rows.

    Updates are refused unless ``allow_update``; ``SERVICE`` and ``LOAD``, which make the
    engine fetch other URLs, unless ``allow_service``. An allowed update returns an empty result.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    code = _blank_comments_and_strings(query)
    if (m := _REMOTE.search(code)) and not allow_service:
        raise QueryError(f"refused: the query uses {m.group(1).upper()}, which fetches other URLs; "
                         "pass --allow-service to permit it")
    if m := _UPDATE.search(code):
        if not allow_update:
            raise QueryError(f"refused: the query uses {m.group(1).upper()}, which writes; "
                             "pass --allow-update to permit it")
        store.update(bind(query, params or {}))
        return Result([], [])
    bound = bind(query, params or {})
    windowed = _window(bound, _blank_comments_and_strings(bound), limit, offset)
    result = store.query(windowed or bound, timeout=timeout)
    if not result.rows and reads_counts(query) and not _has_counts(store):
        raise QueryError("this query reads the counts graph kg build writes after the articles "
                         "(kgid:graph/counts), and the store has none: re-run kg build on it")
    if result.boolean is not None or (limit is None and not offset):
        return result
    rows = result.rows if windowed else result.rows[offset:]
    return Result(result.columns, rows[:limit], offset=offset, more=limit is not None and len(rows) > limit)


_COUNTS_IRI = "<https://w3id.org/kg-news/id/graph/counts>"


def _names_graph(query: str, names: str) -> bool:
    """Whether ``query`` names one of the derived graphs ``names`` (a regex alternative such as
    ``"counts"``), written with the kgid: prefix or as a full IRI."""
    return bool(re.search(rf"kgid:graph\\/({names})\b", _blank_comments_and_strings(query))
                or re.search(rf"<https://w3id\.org/kg-news/id/graph/({names})>", query))


def reads_counts(query: str) -> bool:
    """Whether a query reads the derived counts graph (kg.corpus.count)."""
    return _names_graph(query, "counts")


def reads_derived(query: str) -> bool:
    """Whether a query reads a graph kg build derives from the article graphs (kg.corpus): the
    corpus graph or the counts graph; its answer changes when they are rewritten."""
    return _names_graph(query, "corpus|counts")


def _has_counts(store) -> bool:
    """Whether ``store`` holds the counts graph (built by a kg that writes it, over some articles)."""
    return store.query(f"ASK {{ GRAPH {_COUNTS_IRI} {{ ?s ?p ?o }} }}").boolean is True


def _cell(term) -> str | int | float | bool | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "nonNegativeInteger", "int", "long"):
            return int(term.value)
        if dt in ("decimal", "double", "float"):
            return float(term.value)
        if dt == "boolean":
            return term.value == "true"
        return term.value
    return getattr(term, "value", str(term))


def format_result(result: Result, fmt: OutputFormat | str = OutputFormat.TABLE) -> str:
    """Render a result as an aligned text table, CSV, or JSON (a list of row objects)."""
    fmt = OutputFormat(fmt)
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt is OutputFormat.JSON else str(result.boolean).lower()
    rows = [[_cell(t) for t in row] for row in result.rows]
    if fmt is OutputFormat.JSON:
        return json.dumps([dict(zip(result.columns, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt is OutputFormat.CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([["" if c is None else c for c in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    text = [[_short("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in text]) for i, h in enumerate(result.columns)]
    line = "  ".join(h.ljust(w) for h, w in zip(result.columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in text]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(x.rstrip() for x in out)


def _short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
