"""The ``kg`` command: a thin layer over :mod:`kg.api`. Only this module prints and exits.

Exit codes: 0 success; 1 the data failed (some articles could not be built, or the graph
violates the shapes); 2 bad usage or input (unknown query, unreadable file, malformed RDF
or SPARQL); 130 interrupted.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from . import __version__
from .errors import KgError

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _at_least(low: float, kind: type = int, *, strictly: bool = False):
    """An argparse type: a number of ``kind`` no lower than ``low`` (above it when ``strictly``)."""
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < low or (strictly and value == low):
            raise argparse.ArgumentTypeError(f"must be {'above' if strictly else 'at least'} {low}, not {text}")
        return value
    return convert


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="kg", formatter_class=fmt,
                                description="Turn news articles into a validated, queryable knowledge graph.",
                                epilog="Example:\n  kg build examples/ && kg validate && kg query estimates")
    p.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def cmd(name, help_, example):
        return sub.add_parser(name, help=help_, description=help_, epilog=f"Example:\n  {example}",
                              formatter_class=fmt)

    def store_opts(c):
        c.add_argument("--store", type=Path, help="embedded store folder (default: ./kg-store or $KG_STORE)")

    def remote_opts(c):
        c.add_argument("--user", help="user name for HTTP auth at the endpoint")
        c.add_argument("--password", help="password for HTTP auth (or set $KG_PASSWORD)")
        c.add_argument("--auth", choices=["basic", "digest"], default="basic",
                       help="how --user and --password are sent (default basic; Virtuoso's …-auth endpoints: digest)")
        c.add_argument("--timeout", type=_at_least(0, float, strictly=True), default=30.0,
                       help="seconds before a request or query gives up (default 30)")
        c.add_argument("--retries", type=_at_least(0), default=3, help="retries on connection errors (default 3)")
        c.add_argument("--store-url", metavar="URL", help="the server's Graph Store Protocol URL (default: beside "
                       "the endpoint, as Oxigraph's: …/query → …/store; Fuseki: …/ds/data)")
        c.add_argument("--update-url", metavar="URL", help="the server's SPARQL update URL (default: …/update)")

    def exclude_opt(c):
        c.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files in folders whose name or path matches (any case; repeatable), "
                            "e.g. --exclude 'README*'; hidden files are always skipped")

    c = cmd("extract", "Extract facts from articles as JSON Lines (one line per article).",
            "kg extract article.txt news/ more.jsonl -o facts.jsonl")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder of them, or JSON Lines")
    c.add_argument("-o", "--output", type=Path, help="write here (atomically) instead of standard output")
    c.add_argument("--no-adjectival-mentions", dest="adjectival_mentions", action="store_false",
                   help="keep demonyms (\"Syrian troops\") out of a location's mentions, as NER golds "
                        "read them (they are always listed under \"adjectival\" too)")
    exclude_opt(c)
    c.set_defaults(run=_extract)

    c = cmd("build", "Build the RDF graph (one named graph per article) into the store and/or a file.",
            "kg build examples/ -o graph.trig\n  kg build news/ --exclude 'README*' --workers 2")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt file, folder of them, or JSON Lines")
    c.add_argument("-o", "--output", type=Path, help="also write RDF here (.trig, .nq, .ttl, .jsonld)")
    c.add_argument("--format", choices=["trig", "nquads", "turtle", "jsonld"], help="RDF format of --output")
    store_opts(c)
    exclude_opt(c)
    c.add_argument("--no-store", action="store_true", help="do not write into the embedded store")
    c.add_argument("--force", action="store_true", help="rebuild articles already in the store unchanged")
    c.add_argument("--workers", type=_at_least(1), default=1, help="extraction processes (default 1)")
    c.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="run extraction here (local) or on Dask (local cluster, or --scheduler)")
    c.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    c.add_argument("--errors", type=Path, default=Path("kg-errors.jsonl"),
                   help="where to list the articles that failed, as JSON Lines (default ./kg-errors.jsonl)")
    c.add_argument("--endpoint", help="SPARQL 1.1 query URL of a server to load into (Graph Store Protocol)")
    remote_opts(c)
    c.add_argument("--json", action="store_true", help="print the summary as JSON")
    c.set_defaults(run=_build)

    c = cmd("remove", "Remove articles (their graphs) from the store or a server, and link the corpus again.",
            "kg remove business/001 business/007   # ids as built: a file's path in its folder, no suffix")
    c.add_argument("ids", nargs="+", metavar="ID", help="article id, as the article column of kg query shows it")
    store_opts(c)
    c.add_argument("--endpoint", help="SPARQL 1.1 query URL of a server to remove them from instead")
    remote_opts(c)
    c.add_argument("--json", action="store_true", help="print the summary as JSON")
    c.set_defaults(run=_remove)

    c = cmd("load", "Push every article graph of the store (or an RDF file) to a SPARQL 1.1 server.",
            "kg load --endpoint http://127.0.0.1:7878/query")
    c.add_argument("file", nargs="?", type=Path, help="RDF file (.trig, .nq, .jsonld) instead of the store")
    c.add_argument("--endpoint", required=True, help="the server's SPARQL query URL; graphs go to its /store")
    store_opts(c)
    remote_opts(c)
    c.add_argument("--json", action="store_true", help="print the summary as JSON")
    c.set_defaults(run=_load)

    c = cmd("validate", "Validate the graph against the SHACL shapes; exit code 1 on violation.",
            "kg validate            # the embedded store\n  kg validate graph.trig  # a file")
    c.add_argument("file", nargs="?", type=Path, help="RDF file to validate instead of the store")
    store_opts(c)
    c.add_argument("--workers", type=_at_least(1), default=None,
                   help="validation processes (default: one per core for a store of 500 graphs or more, else 1)")
    c.add_argument("--json", action="store_true", help="print findings as JSON")
    c.set_defaults(run=_validate)

    c = cmd("query", "Run a named query from queries/ or a .rq file.",
            'kg query statements-by-actor --param speaker="James Jeffrey" --format csv')
    c.add_argument("query", nargs="?", metavar="NAME|FILE.rq")
    c.add_argument("--param", action="append", default=[], metavar="K=V",
                   help="bind variable ?K to V (a string, or an IRI written <...>); repeatable")
    c.add_argument("--format", choices=["table", "csv", "json"], default="table")
    c.add_argument("--limit", type=int, default=None, metavar="N",
                   help="show at most N rows (default 100; 0: all of them)")
    c.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows (default 0)")
    c.add_argument("--list", action="store_true", help="list the named queries")
    store_opts(c)
    c.add_argument("--endpoint", help="SPARQL 1.1 query URL to run the query on instead of the store")
    c.add_argument("--allow-update", action="store_true", help="permit INSERT / DELETE / DROP … (refused by default)")
    c.add_argument("--allow-service", action="store_true", help="permit SERVICE and LOAD, which fetch other URLs")
    remote_opts(c)
    c.set_defaults(run=_query)

    c = cmd("export", "Export a networkx graph: actor co-mentions (default) or the full typed graph.",
            "kg export --format graphml -o actors.graphml")
    c.add_argument("--format", choices=["graphml", "gexf", "json"], default="json")
    c.add_argument("--graph", choices=["comentions", "full"], default="comentions")
    c.add_argument("-o", "--output", type=Path, help="write here (atomically) instead of standard output")
    store_opts(c)
    c.set_defaults(run=_export)
    _analysis_commands(cmd, store_opts)

    def read_opts(c):
        store_opts(c)
        c.add_argument("--endpoint", help="SPARQL 1.1 query URL of a server to read instead of the store")
        remote_opts(c)

    _corpus_commands(cmd, read_opts)
    return p


def _extract(args) -> int:
    from .api import Failure, extract
    from .outputs import atomic_open
    from .records import to_record
    failures: list[Failure] = []

    def lines():
        for facts in extract(args.inputs, errors=failures, progress=None, exclude=args.exclude):
            rec = to_record(facts, adjectival_mentions=args.adjectival_mentions)
            yield (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")

    if args.output:
        with atomic_open(args.output) as fh:
            fh.writelines(lines())
    else:
        for line in lines():
            sys.stdout.buffer.write(line)
        sys.stdout.flush()
    for f in failures:
        print(f"kg: skipped {f.reason}", file=sys.stderr)
    return EXIT_DATA if failures else EXIT_OK


def _remote(args) -> dict:
    import os
    if not getattr(args, "endpoint", None):
        return {}
    return {"user": args.user, "password": args.password or os.environ.get("KG_PASSWORD"),
            "auth": args.auth, "timeout": args.timeout, "retries": args.retries, "store_url": args.store_url,
            "update_url": args.update_url}


def _build(args) -> int:
    from .api import build
    from .outputs import atomic_write
    s = build(args.inputs, output=args.output, fmt=args.format, store=args.store, endpoint=args.endpoint,
              use_store=not args.no_store, force=args.force, workers=args.workers, engine=args.engine,
              scheduler=args.scheduler, progress=None, exclude=args.exclude, **_remote(args))
    if len(args.inputs) == 1 and Path(args.inputs[0]).is_file() and s.failed and not (s.built or s.skipped) \
            and not str(args.inputs[0]).endswith(".jsonl"):
        raise KgError(s.failed[0].reason)  # one bad file: one clear line, no errors file
    if s.failed:
        atomic_write(args.errors, "".join(json.dumps({"source": f.source, "reason": f.reason}, ensure_ascii=False)
                                          + "\n" for f in s.failed).encode("utf-8"))
    if args.json:
        print(json.dumps(s.as_dict(), indent=1))
    else:
        where = " and ".join(x for x in (s.store and f"store {s.store}", s.output) if x) or "nowhere"
        kept = "; corpus links kept (no article changed)" if s.corpus.get("kept") else ""
        print(f"built {s.built} article(s), {s.triples} triples into {where}; "
              f"{s.skipped} unchanged and skipped; {len(s.failed)} failed{kept}; {s.seconds:.1f} s")
        for f in s.failed[:20]:
            print(f"  failed: {f.reason}", file=sys.stderr)
        if s.failed:
            print(f"  the {len(s.failed)} failure(s) are listed in {args.errors}", file=sys.stderr)
    return EXIT_DATA if s.failed else EXIT_OK


def _summary(args, summary, line: str, problems: list[str]) -> int:
    """A command's summary: as JSON with ``--json``, else ``line`` and the first problems on
    stderr; exit code 1 if there are any."""
    if args.json:
        print(json.dumps(summary.as_dict(), indent=1))
    else:
        print(line)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
    return EXIT_DATA if problems else EXIT_OK


def _remove(args) -> int:
    from .api import remove
    s = remove(args.ids, store=args.store, endpoint=args.endpoint, progress=None, **_remote(args))
    return _summary(args, s, f"removed {len(s.removed)} article(s); {len(s.missing)} not in the store",
                    [f"not in the store: {aid}" for aid in s.missing])


def _load(args) -> int:
    from .api import load
    s = load(args.endpoint, store=args.store, path=args.file, progress=None, **_remote(args))
    links = ("corpus links sent as built (the server holds just these articles)" if s.corpus.get("kept")
             else "corpus linked on the server" if s.corpus else "corpus not linked: load again")
    return _summary(args, s, f"loaded {s.graphs} graph(s), {s.triples} triples into {args.endpoint}; "
                             f"{len(s.failed)} failed; {links}",
                    [f"failed: {f.source}: {f.reason}" for f in s.failed])


def _validate(args) -> int:
    from .api import validate
    report = validate(store=args.store, path=args.file, progress=None,
                      workers=args.workers)
    if args.json:
        print(json.dumps({"conforms": report.conforms, "violations": report.violations,
                          "warnings": report.warnings,
                          "findings": [dataclasses.asdict(f) for f in report.findings]}, indent=1))
    else:
        print(report.text())
    return EXIT_OK if report.conforms else EXIT_DATA


def _query(args) -> int:
    from .sparql import format_result, named_queries, parse_params
    if args.list or not args.query:
        for name, desc in named_queries().items():
            print(f"{name:22} {desc}")
        return EXIT_OK
    from .api import query
    from .sparql import DEFAULT_LIMIT
    limit = DEFAULT_LIMIT if args.limit is None else (args.limit or None)
    remote = {k: v for k, v in _remote(args).items() if k != "timeout"}  # passed as the query's own
    result = query(args.query, parse_params(args.param), store=args.store, endpoint=args.endpoint,
                   timeout=args.timeout, allow_update=args.allow_update, allow_service=args.allow_service,
                   limit=limit, offset=args.offset, **remote)
    print(format_result(result, args.format))
    if result.more:  # on stderr, so that CSV and JSON on stdout stay clean
        shown = f"rows {result.offset + 1}–{result.offset + len(result.rows)}"
        of = f" of {result.total:,}" if result.total is not None else ""
        print(f"kg: {shown}{of} shown; more with --offset {result.offset + len(result.rows)}, "
              f"or --limit 0 for all", file=sys.stderr)
    elif args.offset and not result.rows and result.boolean is None:
        of = f" (it has {result.total:,})" if result.total is not None else ""
        print(f"kg: no rows after row {args.offset} of the answer{of}", file=sys.stderr)
    return EXIT_OK


def _export(args) -> int:
    from .api import to_networkx
    from .network import write
    text = write(to_networkx(store=args.store, kind=args.graph), args.output, args.format)
    if text is not None:
        print(text)
    return EXIT_OK


# -- analysis and pictures: kg analyze, kg report --

def _analysis_commands(cmd, store_opts) -> None:
    c = cmd("analyze", "Most-quoted speakers, central actors, communities and actor-place ties; "
            "tables here, CSV and GraphML/GEXF networks with -o.",
            "kg analyze --store kg-store -o analysis/   # analysis/*.csv, actors.graphml, actors.gexf, …")
    c.add_argument("--format", choices=["table", "csv"], default="table", help="how to print the tables")
    c.add_argument("--table", choices=["speakers", "central", "communities", "ties", "all"], default="all",
                   help="print only this table (default all)")
    c.add_argument("--top", type=int, default=15, help="rows per table in the terminal (default 15; CSV files hold all)")
    c.add_argument("-o", "--output", type=Path, metavar="DIR",
                   help="also write every table as CSV and the networks as GraphML and GEXF into DIR")
    store_opts(c)
    c.set_defaults(run=_analyze)

    c = cmd("report", "Write a self-contained HTML report: highlighted articles, estimates timeline, map, "
            "actor network.", "kg report --store kg-store -o report.html")
    c.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="where to write (default report.html)")
    c.add_argument("--title", default="kg report", help="the page title")
    store_opts(c)
    c.set_defaults(run=_report)


def _analyze(args) -> int:
    from .api import analyze
    from .analysis import write_outputs
    result = analyze(store=args.store)
    tables = [t for t in result.tables() if args.table in ("all", t.name)]
    if args.format == "csv":
        print("\n".join((f"# {t.name}\n" if len(tables) > 1 else "") + t.csv() for t in tables), end="")
    else:
        print(f"{result.articles} article(s)"
              + (f", {result.copies} syndicated cop{'y' if result.copies == 1 else 'ies'} left out" if result.copies else "")
              + f"; {result.network.number_of_nodes()} named actors, {result.network.number_of_edges()} co-mention ties"
              + (f"; modularity {result.modularity:.3f}" if result.modularity is not None else "") + "\n")
        print("\n\n".join(t.text(args.top) for t in tables))
    if args.output:
        written = write_outputs(result, args.output)
        print(f"wrote {len(written)} files into {args.output}: {', '.join(p.name for p in written)}", file=sys.stderr)
    return EXIT_OK


def _report(args) -> int:
    from .api import report
    path = report(store=args.store, output=args.output, title=args.title)
    print(f"wrote {path}")
    return EXIT_OK


# -- end of analysis and pictures --


# -- one graph across articles: kg estimates, kg conflicts, kg explain --

def _corpus_commands(cmd, store_opts) -> None:
    c = cmd("estimates", "Estimates of one quantity across articles, in time order: speaker, hedge, "
            "value or range, article and date (syndicated copies counted once).",
            'kg estimates "ISIS fighters" --where Syria --format table')
    c.add_argument("what", help='what is counted, and optionally whose, as an article would say it: "ISIS fighters", "US troops"')
    c.add_argument("--where", help="only estimates for this place (its name; places inside it are not included)")
    c.add_argument("--format", choices=["table", "csv", "json"], default="table")
    store_opts(c)
    c.set_defaults(run=_estimates)

    c = cmd("conflicts", "Contradictions flagged in the graph: estimates of the same quantity, for about the "
            "same time (at most 31 days apart), whose ranges do not overlap.",
            "kg conflicts --store kg-store --format json")
    c.add_argument("--format", choices=["table", "csv", "json"], default="table")
    store_opts(c)
    c.set_defaults(run=_conflicts)

    c = cmd("explain", "How an actor was resolved: every mention merged into it across the articles, and the "
            "rule that merged it (alias table, title, surname, acronym, capital, corpus surname).",
            'kg explain "Mr Jeffrey"        # or: kg explain ISIS, kg explain Washington')
    c.add_argument("actor", help="a name or alias of the actor, as an article writes it (any case)")
    c.add_argument("--json", action="store_true", help="print the explanation as JSON")
    store_opts(c)
    c.set_defaults(run=_explain)


def _rows_out(columns: list[str], rows: list[list], fmt: str) -> str:
    from pyoxigraph import Literal

    from .sparql import format_result
    from .store import Result
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1)
    terms = [tuple(None if v is None else Literal(str(v)) for v in r) for r in rows]
    return format_result(Result(columns, terms), fmt)


def _estimates(args) -> int:
    from .api import estimates
    rows = estimates(args.what, where=args.where, store=args.store, endpoint=args.endpoint, **_remote(args))
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    cols = ["time", "speaker", "hedge", "estimate", "counts", "owner", "place", "article", "published", "source"]
    print(_rows_out(cols, [[r.time, r.speaker_label, r.qualifier, r.shown(), r.counts, r.owner_label, r.place_label,
                            r.article, r.published, r.source] for r in rows], args.format))
    return EXIT_OK


def _conflicts(args) -> int:
    from .api import conflicts
    found = conflicts(store=args.store, endpoint=args.endpoint, **_remote(args))
    if args.format == "json":
        print(json.dumps([{"quantity": c.quantity, "days_apart": c.days, "contradiction": c.iri,
                           "estimates": [c.a.as_dict(), c.b.as_dict()]} for c in found], ensure_ascii=False, indent=1))
        return EXIT_OK
    cols = ["quantity", "days", "estimate_1", "speaker_1", "article_1", "time_1",
            "estimate_2", "speaker_2", "article_2", "time_2"]
    print(_rows_out(cols, [[c.quantity, c.days, c.a.shown(), c.a.speaker_label, c.a.article, c.a.time,
                            c.b.shown(), c.b.speaker_label, c.b.article, c.b.time] for c in found], args.format))
    return EXIT_OK


def _explain(args) -> int:
    from .api import explain
    found = explain(args.actor, store=args.store, endpoint=args.endpoint, **_remote(args))
    if args.json:
        print(json.dumps([e.as_dict() for e in found], ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(e.text() for e in found))
    return EXIT_OK


# -- end of one graph across articles --


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .heap import for_builds
    for_builds()
    try:
        return args.run(args)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
