"""kg report: a self-contained page, escaped, and rendered for real in headless Chromium.

Chromium is Debian's ``chromium`` package (``.ci/ensure-debian`` installs it; ``make test``
runs that first). Without it these tests fail, saying so: they never skip silently.
"""
import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.cli import main
from kg.facts import Actor, Article, Facts, Span
from kg.htmlreport import Mark, collect, highlight, render

from corpusfixture import build_store

HOSTILE_TEXT = ("Kara Diaz of the Delta Guard said <script>document.documentElement.setAttribute('data-pwned','1')"
                "</script> and <img src=x onerror=\"document.title='pwned'\"> were found in the camp & \"more\".")
HOSTILE_TITLE = "<script>document.title='pwned'</script> Camp </style></title> report"
SCREENSHOT_COPY = Path("/tmp/kg-report.png")


def _hostile() -> Facts:
    t = HOSTILE_TEXT
    script = t.index("<script>")
    return Facts(Article(id="camp <b>", text=t, title=HOSTILE_TITLE, date=dt.date(2023, 4, 12),
                         source='<i onmouseover="x">Wire</i>', url="javascript:alert(1)"),
                 (Actor("person:kara-diaz", "Kara Diaz", "Person", (Span(0, 9),)),
                  Actor("org:delta-guard", "Delta Guard", "Group", (Span(t.index("Delta"), t.index("Delta") + 11),)),
                  # a mention whose span covers markup in the text
                  Actor("org:script", "<script>x</script>", "Organization", (Span(script, script + 8),))),
                 extractor="kg test")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("report") / "store", extra=(_hostile(),))


@pytest.fixture(scope="module")
def page(store):
    return render(collect(store))


def test_highlights_split_overlapping_marks_into_flat_spans():
    text = "Ana said 300 left."
    marks = [Mark(0, 17, "st", "Statement"), Mark(0, 3, "ac", "Actor: Ana"), Mark(9, 12, "es", "Estimate: 300")]
    assert highlight(text, marks) == (
        '<span class="st ac" title="Statement\nActor: Ana">Ana</span>'
        '<span class="st" title="Statement"> said </span>'
        '<span class="st es" title="Statement\nEstimate: 300">300</span>'
        '<span class="st" title="Statement"> left</span>.')


def test_everything_from_the_graph_is_escaped(page):
    assert page.count("<script") == 1  # the report's own script only
    assert "<img" not in page and "<i onmouseover" not in page and "</style></title>" not in page
    assert "document.documentElement.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)&lt;/script&gt;" in page
    assert 'title="Actor: &lt;script&gt;x&lt;/script&gt; (Organization)">&lt;script&gt;</span>' in page
    assert 'href="javascript' not in page


def test_page_fetches_nothing(page):
    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    for attr in re.findall(r'\s(?:src|href|action|srcset)\s*=\s*"([^"]*)"', page):
        assert attr.startswith("#"), attr
    assert "@import" not in page and "url(" not in page


def test_every_fact_is_highlighted_once(page, store):
    corpus = collect(store)
    river1 = next(v for v in corpus.articles if v.id == "river-1")
    kinds = sorted(m.kind for m in river1.marks)
    # 3 actors, 1 place, 2 estimates, 2 statements and their 2 cues
    assert kinds == ["ac", "ac", "ac", "cue", "cue", "es", "es", "pl", "st", "st"]
    copy = next(v for v in corpus.articles if v.id == "river-2-copy")
    assert copy.copy_of == "river-2" and "copy of river-2" in page
    # the timeline leaves the copy's estimate out; rises and falls too
    assert len(corpus.points) == 4


def test_article_built_without_its_text_lists_its_evidence(tmp_path):
    from pyoxigraph import RdfFormat, serialize
    from kg.rdf import to_quads
    from kg.store import LocalStore
    facts = _hostile()
    quads = [q for q in to_quads(facts) if not q.predicate.value.endswith("#isString")]
    store = LocalStore(tmp_path / "s")
    store.put_graph(quads[0].graph_name, serialize(quads, format=RdfFormat.N_QUADS))
    html = render(collect(store))
    assert "The graph holds no text for this article" in html and "Actor: Kara Diaz (Person)" in html


# ---------------------------------------------------------------------------- headless Chromium

def _chromium() -> str:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.fail("chromium is not installed: the report tests need Debian's chromium package. "
                    "Run sh .ci/ensure-debian chromium chromium (apt-get install chromium); make test does this for you.")
    return exe


def _run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
           *args, page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _console(stderr: str) -> list[str]:
    """Messages the page wrote to the console: errors, CSP refusals, uncaught exceptions."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def report_file(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "report.html"
    where = str(store.path)
    store.close()
    assert main(["report", "--store", where, "-o", str(path), "--title", "River corpus"]) == 0
    return path


def test_report_renders_in_chromium_without_console_errors(report_file, tmp_path):
    done = _run_chromium(tmp_path, report_file, "--dump-dom")
    assert _console(done.stderr) == []
    dom = done.stdout
    assert re.search(r"<html[^>]*data-script=\"ran\"", dom), "the page's script did not run (CSP hash?)"
    assert not re.search(r"<(html|body)[^>]*data-pwned", dom) and "<title>River corpus</title>" in dom
    for kind, least in (("ac", 10), ("pl", 4), ("es", 4), ("st", 6), ("cue", 6)):
        n = len(re.findall(rf'<span class="[^"]*\b{kind}\b[^"]*" title="', dom))
        assert n >= least, (kind, n)
    assert "\nEstimate: 300–500 person · of fighters · claimed by Mira Sand\">between 300 and 500</span>" in dom
    timeline = re.search(r'<svg id="timeline".*?</svg>', dom, re.S).group()
    assert timeline.count('<g class="est">') == 4 and "person" in timeline
    assert len(re.findall(r'<g class="place city">', dom)) == 2
    network = re.search(r'<svg id="network".*?</svg>', dom, re.S).group()
    assert network.count('<g class="node">') == 7 and ">Mira Sand</text>" in network  # 5 + 2 in the hostile article
    assert ">&lt;script&gt;x&lt;/script&gt;</text>" in network


def test_report_screenshot(report_file, tmp_path):
    shot = tmp_path / "report.png"
    done = _run_chromium(tmp_path, report_file, f"--screenshot={shot}", "--window-size=1200,2000",
                         "--hide-scrollbars")
    assert _console(done.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page compresses to a few kB
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 2000)
    try:
        shutil.copyfile(shot, SCREENSHOT_COPY)  # for a human to look at
    except OSError:
        pass


def test_report_of_a_real_build(tmp_path, capsys):
    article = tmp_path / "dam.txt"
    article.write_text("Title: Dam talks <b>resume</b>\nDate: 2023-05-02\n\n"
                       "Engineers of the Northern Water Board said about 1,200 families left Talvik on Monday, "
                       "board spokesman Ivo Brandt said. \"We need <script>alert(1)</script> two more weeks,\" "
                       "Mr Brandt said.\n")
    store, out = tmp_path / "store", tmp_path / "r.html"
    assert main(["build", str(article), "--store", str(store)]) == 0
    assert main(["report", "--store", str(store), "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    page = out.read_text()
    assert "Dam talks &lt;b&gt;resume&lt;/b&gt;" in page and "<b>" not in page
    assert "&lt;script&gt;alert(" in page and page.count("<script") == 1
    assert re.search(r'<span class="[^"]*\bac\b[^"]*" title="Actor: Ivo Brandt \(Person\)">Ivo Brandt</span>', page)
    assert re.search(r'<span class="[^"]*\bes\b[^"]*" title="Estimate: about 1,200', page)
    done = _run_chromium(tmp_path, out, "--dump-dom")
    assert _console(done.stderr) == [] and 'data-script="ran"' in done.stdout


def test_map_labels_never_overlap_and_crowded_ones_are_left_out():
    from kg.htmlreport import Place, map_svg
    # twelve places a few kilometres apart crowd one spot; one far away has room
    crowd = [Place(f"Town {i}", 33.0 + i * 0.01, 44.0 + i * 0.01, "city", {f"a{j}" for j in range(12 - i)})
             for i in range(12)]
    svg = map_svg(crowd + [Place("Far Port", -20.0, 120.0, "city", {"a1"})])
    boxes = []
    for x, y, name in re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)">([^<]+)</text>', svg):
        if name.startswith(("Town", "Far")):
            boxes.append((float(x), float(y) - 10, float(x) + 6.2 * len(name), float(y) + 2))
    names = re.findall(r'<text x="[\d.-]+" y="[\d.-]+">((?:Town|Far)[^<]*)</text>', svg)
    assert "Town 0" in names and "Far Port" in names and len(names) < 13
    assert svg.count("<circle") >= 13  # every place keeps its dot
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
