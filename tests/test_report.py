"""The HTML stance report: quotes highlighted at their offsets, speaker tables, escaping, and the page
as a real browser (headless Chromium) renders it."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stancekit.predict import predict_article, speaker_summary
from stancekit.report import _paragraphs, render

ROOT = Path(__file__).resolve().parent.parent
FOUNDING_ARTICLE = ROOT.parent / "shared" / "seeds" / "arab_league_article.txt"
FOUNDING_TARGET = "Syria's readmission to the Arab League"
DEFAULT_MODEL = ROOT / "stancekit" / "models" / "default" / "config.json"
TARGET = "The Brackwater ferry levy"
# Fictional, one paragraph per line: four quotes by two named speakers.
FERRY_ARTICLE = """\
The island council of Brackwater voted on Thursday to charge visitors a levy on every ferry crossing.
"This levy is the only fair way to pay for the harbour repairs," said council leader Ingrid Halvorsen.
Harbour master Tomas Ekdahl disagreed. "It will empty our guest houses by the end of the summer," he said.
"Nobody has shown us a single figure on what the levy will raise," Ekdahl added.
Halvorsen said the levy would be reviewed after a year. "We will publish every krone it brings in," she said.
"""
RIVAL_ARTICLE = """\
The mainland port of Osterby says it will not follow Brackwater's example.
"Charging people to visit an island is a tax on families," said Osterby mayor Lena Sundqvist.
Brackwater council leader Ingrid Halvorsen rejected the criticism. "Osterby does not pay for our harbour," Halvorsen said.
"""
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--enable-logging=stderr", "--v=0",
]
# The report's stance colours: Okabe-Ito blue and vermillion, and a mid grey.
STANCE_COLOURS = {"support": (0, 114, 178), "oppose": (213, 94, 0), "neutral": (140, 140, 140)}


# ---------------------------------------------------------------- a small DOM from html.parser
@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants with this tag whose attributes (``class_`` for class) contain ``attrs``."""
        wanted = {key.rstrip("_"): value for key, value in attrs.items()}
        return [node for node in all_nodes(self) if node.tag == tag
                and all(value in (node.attrs.get(key) or "").split() for key, value in wanted.items())]

    def text(self, skip: tuple[str, ...] = ()) -> str:
        """The text inside, leaving out elements whose tag is in ``skip``."""
        return "".join(c if isinstance(c, str) else c.text(skip) for c in self.children
                       if isinstance(c, str) or c.tag not in skip)


class _TreeBuilder(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "link", "input", "source", "wbr", "area", "base", "col", "embed"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [Node("#document")]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while len(self.stack) > 1 and self.stack.pop().tag != tag:
            pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.stack[0]


def all_nodes(node: Node) -> list[Node]:
    return [n for child in node.children if isinstance(child, Node) for n in (child, *all_nodes(child))]


# ---------------------------------------------------------------- checks shared by the tests
def check_article(section: Node, text: str, records: list[dict]) -> None:
    """Marks are the quotes at their offsets, with speaker, label and scores; the text is intact."""
    marks = section.find_all("mark")
    quotes = sorted(records, key=lambda record: record["start"])
    assert len(marks) == len(records)
    assert [m.text() for m in marks] == [text[q["start"]:q["end"]] for q in quotes]
    assert [m.attrs["data-label"] for m in marks] == [q["label"] for q in quotes]
    assert [m.attrs["data-speaker"] for m in marks] == [q["speaker"] or "" for q in quotes]
    for mark, quote in zip(marks, quotes):
        assert f"{quote['scores']['support']:.2f}" in mark.attrs["title"]
    badges = [f"{q['speaker'] or 'unattributed'} · {q['label']} {q['scores'][q['label']]:.2f}" for q in quotes]
    assert [b.text() for b in section.find_all("sup", class_="badge")] == badges
    shown = " ".join(p.text(skip=("sup",)) for p in section.find_all("div", class_="text")[0].find_all("p"))
    assert shown.split() == text.split()


def speaker_rows(table: Node) -> list[tuple[str, int, str]]:
    return [(row.attrs["data-speaker"], int(row.find_all("td", class_="count")[0].text()), row.attrs["data-label"])
            for row in table.find_all("tbody")[0].find_all("tr")]


def expected_rows(records: list[dict]) -> list[tuple[str, int, str]]:
    return [(row["speaker"] or "", row["quotes"], row["label"]) for row in speaker_summary(records)]


def check_self_contained(html: str, page: Node) -> None:
    """No script, nothing fetched: no src, only in-page links, no URLs at all."""
    tags = {node.tag for node in all_nodes(page)}
    assert "<script" not in html.lower() and not tags & {"script", "img", "link", "iframe", "object", "embed"}
    assert "http://" not in html and "https://" not in html and "url(" not in html
    attrs = [(key, value) for node in all_nodes(page) for key, value in node.attrs.items()]
    assert not [key for key, _ in attrs if key == "src" or key.startswith("on")]
    assert all(value.startswith("#") for key, value in attrs if key == "href")


# ---------------------------------------------------------------- tests
def test_report_highlights_every_quote_and_summarises_speakers(smoke_detector, smoke_model_dir):
    html = render({"ferry.txt": FERRY_ARTICLE}, TARGET, smoke_detector, model_name="smoke-minilm")
    records = predict_article(smoke_detector, FERRY_ARTICLE, TARGET, article="ferry.txt")
    assert len(records) >= 3
    page = parse(html)

    check_article(page.find_all("article")[0], FERRY_ARTICLE, records)
    assert [p.text(skip=("sup",)) for p in page.find_all("p") if p.find_all("mark")] == [
        line for line in FERRY_ARTICLE.splitlines() if '"' in line]
    tables = page.find_all("table", class_="speakers")
    assert len(tables) == 1 and speaker_rows(tables[0]) == expected_rows(records)
    assert not page.find_all("nav")

    assert page.find_all("title")[0].text() == f"stancekit report — {TARGET}"
    assert TARGET in page.find_all("h1")[0].text()
    assert page.find_all("code", class_="model-name")[0].text() == "smoke-minilm"
    dev = json.loads((smoke_model_dir / "train_summary.json").read_text())["dev_calibrated"]
    scores = page.find_all("p", class_="model-scores")[0].text()
    assert f"dev calibrated macro-F1 {dev['macro_f1']:.2f}" in scores and f"({dev['n']} examples)" in scores
    assert "stancekit 0.1.0" in page.text()
    check_self_contained(html, page)


def test_report_escapes_article_text_and_target(smoke_detector):
    text = ('A post on the council site read <script>alert(1)</script> for an hour on Monday.\n'
            '"We will <b>never</b> sign this deal," said councillor Dana Whitfield.\n')
    target = 'Tax <cuts> & "reform"'
    html = render({"<odd>.txt": text}, target, smoke_detector)
    page = parse(html)

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;never&lt;/b&gt;" in html
    assert "&lt;odd&gt;.txt" in html and "Tax &lt;cuts&gt; &amp; &#34;reform&#34;" in html
    assert not {node.tag for node in all_nodes(page)} & {"script", "b", "odd", "cuts"}
    assert page.find_all("title")[0].text() == f"stancekit report — {target}"
    check_article(page.find_all("article")[0], text, predict_article(smoke_detector, text, target))
    check_self_contained(html, page)


def test_report_of_several_articles(smoke_detector):
    articles = {"ferry.txt": FERRY_ARTICLE, "rival.txt": RIVAL_ARTICLE}
    html = render(articles, TARGET, smoke_detector)
    page = parse(html)
    records = {name: predict_article(smoke_detector, text, TARGET, article=name) for name, text in articles.items()}

    overall = page.find_all("section", id="by-speaker")[0].find_all("table")[0]
    assert speaker_rows(overall) == expected_rows(records["ferry.txt"] + records["rival.txt"])
    assert "across all articles" in page.find_all("section", id="by-speaker")[0].text()

    links = page.find_all("nav")[0].find_all("a")
    sections = page.find_all("article")
    assert [a.text() for a in links] == [s.attrs["data-article"] for s in sections] == list(articles)
    assert [a.attrs["href"] for a in links] == [f"#{s.attrs['id']}" for s in sections]
    for section, (name, text) in zip(sections, articles.items()):
        assert section.find_all("h2")[0].text() == name
        assert speaker_rows(section.find_all("table")[0]) == expected_rows(records[name])
        check_article(section, text, records[name])
    check_self_contained(html, page)


def test_article_without_quotes_and_no_articles(smoke_detector):
    page = parse(render({"plain.txt": "The ferry left on time.\nNobody said anything.\n"}, TARGET, smoke_detector))
    assert not page.find_all("mark") and not page.find_all("table")
    assert "No quotes found" in page.text()
    with pytest.raises(ValueError, match="no articles"):
        render({}, TARGET, smoke_detector)


def test_paragraphs_split_at_blank_lines_and_cut_quotes_at_breaks():
    text = 'First line\nstill first, "A quote\n\nacross" two.\n\n\nThird "end"\n'
    across = {"start": text.index("A quote"), "end": text.index('" two')}
    end = {"start": text.index("end"), "end": text.index("end") + 3}
    assert _paragraphs(text, [end, across]) == [
        [('First line\nstill first, "', None), ("A quote", across)],
        [("across", across), ('" two.', None)],
        [('Third "', None), ("end", end), ('"\n', None)],
    ]
    assert _paragraphs("One\nTwo\n", []) == [[("One", None)], [("Two", None)]]


@pytest.fixture()
def founding_detector(request):
    """The packaged default model once it exists, else the session's smoke model."""
    if DEFAULT_MODEL.is_file():
        from stancekit import StanceDetector

        return StanceDetector.from_pretrained("default")
    return request.getfixturevalue("smoke_detector")


def _chromium(args: list[str], url: str, profile: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console, "\n".join(console)  # also where the Content-Security-Policy blocked a load
    return result


def test_founding_article_report_in_headless_chromium(founding_detector, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed: apt-get install chromium")
    image = pytest.importorskip("matplotlib.image", reason="the dev extras (matplotlib) read the screenshot")
    text = FOUNDING_ARTICLE.read_text(encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text(render({FOUNDING_ARTICLE.name: text}, FOUNDING_TARGET, founding_detector), encoding="utf-8")

    dom = parse(_chromium(["--dump-dom"], report.as_uri(), tmp_path / "profile-dom").stdout)
    assert dom.find_all("title")[0].text() == f"stancekit report — {FOUNDING_TARGET}"
    records = predict_article(founding_detector, text, FOUNDING_TARGET)
    check_article(dom.find_all("article")[0], text, records)

    screenshot = tmp_path / "report.png"
    _chromium([f"--screenshot={screenshot}", "--window-size=1280,2000"], report.as_uri(), tmp_path / "profile-png")
    pixels = image.imread(screenshot)
    assert pixels.shape[:2] == (2000, 1280)
    colours = {tuple(rgb) for rgb in (pixels[..., :3] * 255).round().astype(int).reshape(-1, 3)}
    assert len(colours) > 50  # text, highlights and bars: not a blank page
    assert set(STANCE_COLOURS.values()) <= colours  # the legend's stance underlines, as styled
