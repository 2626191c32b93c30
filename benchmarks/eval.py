"""Score `kg extract` on the public gold data in ../shared/eval (dev files) and check the seed article.

Each task is one `prepare → kg extract → score` pipeline, as ../shared/eval/README.md shows.
Prints one table of every measure next to its goal (and, with --json, the raw numbers).

    python benchmarks/eval.py --shared ../shared [--only newsquant,conll] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = [sys.executable, "-m", "kg.cli"]


def sh(cmd: list[str], out: Path | None = None) -> str:
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1):  # kg extract exits 1 when some articles were skipped
        sys.exit(f"failed ({res.returncode}): {' '.join(cmd)}\n{res.stderr[-2000:]}")
    if out is not None:
        out.write_text(res.stdout)
    return res.stdout


def run_task(name: str, scorer: Path, prepare: list[str], score: list[str], tmp: Path) -> tuple[dict, float, int]:
    inputs, preds = tmp / f"{name}.in.jsonl", tmp / f"{name}.pred.jsonl"
    sh([sys.executable, str(scorer), *prepare], inputs)
    n = sum(1 for _ in inputs.open())
    t0 = time.perf_counter()
    sh([*KG, "extract", str(inputs), "-o", str(preds)])
    seconds = time.perf_counter() - t0
    return json.loads(sh([sys.executable, str(scorer), *score, str(preds), "--json"])), seconds, n


def dig(d, *path):
    for p in path:
        d = d[p]
    return d


def seed_checks(shared: Path, tmp: Path) -> list[tuple[str, bool, str]]:
    """The acceptance checks issue 2 names for the seed article."""
    seed = shared / "seeds" / "isis-syria-2019-03.txt"
    rec = json.loads(sh([*KG, "extract", str(seed)]).splitlines()[0])
    text = seed.read_text()
    actors = {a["id"]: a for a in rec["actors"]}
    stmts = {s["id"]: s for s in rec["statements"]}
    ests = rec["estimates"]

    def est(pred):
        return next((e for e in ests if pred(e)), None)

    def speaker(e):
        s = stmts.get(e.get("statement") or "")
        return actors.get(s["speaker"], {}).get("name") if s else None

    out = []
    e = est(lambda e: e["min"] == 15000 and e["max"] == 20000)
    out.append(("range 15,000-20,000 said by James Jeffrey", bool(e and speaker(e) == "James Jeffrey"),
                f"speaker={speaker(e) if e else None}"))
    e = est(lambda e: "few hundred" in text[e["span"][0]:e["span"][1]])
    out.append(('"a few hundred" fighters', bool(e and "fighter" in (e.get("about") or "")), json.dumps(e)[:120]))
    e = est(lambda e: e["qualifier"] == "lessThan" and e["max"] == 1 and e["unit"] == "square kilometre")
    out.append(("less than a square kilometre", e is not None, ""))
    e = est(lambda e: e["unit"] == "dollar" and (e["value"] or 0) == 2e9 and e["qualifier"] == "approximately")
    out.append(("about $2 billion (2018)", bool(e and e.get("time") == "2018"), f"time={e and e.get('time')}"))
    out.append(("$700bn", est(lambda e: e["unit"] == "dollar" and (e["value"] or 0) == 7e11) is not None, ""))
    isis = [a for a in rec["actors"] if {"ISIS", "Daesh"} <= {text[s:e] for s, e in a["mentions"]}]
    out.append(("one actor with ISIS and Daesh", len(isis) == 1, ""))
    points = {"Mosul": (36.335, 43.119, 50), "Raqqa": (35.950, 39.009, 50), "Syria": (35.0, 38.0, 300),
              "Iraq": (33.0, 44.0, 300), "Baghouz": (34.45, 40.94, 300), "Al Tanf": (33.50, 38.66, 300)}
    for name, (lat, lon, limit) in points.items():
        loc = next((l for l in rec["locations"] if l["name"] == name or
                    any(text[s:e] == name for s, e in l["mentions"])), None)
        km = _km(lat, lon, loc["lat"], loc["lon"]) if loc and loc["lat"] is not None else math.inf
        out.append((f"{name} within {limit} km", km <= limit, f"{km:.0f} km"))
    return out


def _km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--only", help="comma-separated tasks: newsquant,conll,polnear,gwn,lgl,seed")
    ap.add_argument("--json", type=Path, help="also write the raw scores here")
    args = ap.parse_args()
    ev = args.shared / "eval"
    if not ev.is_dir():
        sys.exit(f"no evaluation data at {ev}: pass --shared DIR")
    only = set(args.only.split(",")) if args.only else {"newsquant", "conll", "polnear", "gwn", "lgl", "seed"}
    s1, s2 = ev / "score.py", ev / "score_b.py"
    tmp = Path(tempfile.mkdtemp(prefix="kg-eval-"))
    rows, raw = [], {}

    def add(task, measure, value, goal, best):
        rows.append((task, measure, value, goal, best))

    if "newsquant" in only:
        gold = str(ev / "newsquant" / "dev.json")
        d, sec, n = run_task("newsquant", s1, ["newsquant", "prepare", gold], ["newsquant", "score", gold], tmp)
        raw["newsquant"] = d
        st = d["scores"]["strict"]
        for m, goal, best in (("value", 93, "CQE 92.0"), ("value+unit", 88, "CQE 85.6"),
                              ("value+change", 90, "CQE 88.1"), ("value+concept_partial", 80, "CQE 76.1")):
            add("NewsQuant", f"{m} F1 (strict)", st[m]["F1"], goal, best)
    if "conll" in only:
        gold = str(ev / "conll2003" / "dev.conll")
        d, sec, n = run_task("conll", s1, ["conll", "prepare", gold], ["conll", "score", gold], tmp)
        raw["conll"] = d
        add("CoNLL-2003", "PER+ORG+LOC micro F1", d["micro"]["PER+ORG+LOC"]["F1"], 80, "spaCy md 66.4")
    if "polnear" in only:
        gold = str(ev / "polnear" / "dev")
        d, sec, n = run_task("polnear", s2, ["polnear", "prepare", gold], ["polnear", "score", gold], tmp)
        raw["polnear"] = d
        add("PolNeAR", "attribution detection F1", d["all"]["detection"]["f1"], 0.75, "verb+subject 0.453")
        add("PolNeAR", "source (speaker span) F1", d["all"]["source_span"]["f1"], 0.70, "0.467")
        add("PolNeAR", "direct-quote F1", d["quotes_declared_direct"]["detection"]["f1"], 0.85, "textacy 0.595")
    for key, file in (("gwn", "GWN.xml"), ("lgl", "lgl.xml")):
        if key in only:
            gold = str(ev / "geoparsing" / file)
            d, sec, n = run_task(key, s2, ["geo", "prepare", gold], ["geo", "score", gold], tmp)
            raw[key] = d
            add(file, "toponym exact F1", d["recognition_exact"]["f1"], 0.83, "Google NLP 0.832 (GWN)")
            if key == "lgl":
                add(file, "acc@161km strict", d["resolution_exact_strict"]["acc161"] or 0.0, 0.80, "spaCy sm+gnc 0.315")
    print(f"\n{'data':12} {'measure':30} {'kg':>7} {'goal':>6}  {'best existing':24} met")
    for task, measure, value, goal, best in rows:
        print(f"{task:12} {measure:30} {value:7.3f} {goal:6} {best:24} {'yes' if value >= goal else 'no'}")
    if "seed" in only:
        print("\nSeed article checks (issue 2):")
        for name, ok, note in seed_checks(args.shared, tmp):
            print(f"  {'PASS' if ok else 'FAIL'}  {name}  {note}")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
