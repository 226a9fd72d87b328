"""The HTML review in a real browser (headless Chromium over the DevTools protocol): it loads with no console error
and no request, the summary sorts and filters, and every finding's link lands on its marked text.

Skipped when Chromium is not installed (``apt-get install -y chromium``); CI installs it (``.ci/run``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser import Browser, find_chromium
from tests.conftest import CORPUS, SEED, invoke

CHROMIUM = find_chromium()
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must have Chromium for the browser tests: .ci/run installs it (apt-get install -y chromium)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="没有安装 Chromium（apt-get install -y chromium），跳过浏览器测试")

REPORTS = [str(p) for p in sorted(CORPUS.glob("*.txt"))] + [str(SEED)]


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as b:
        yield b


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("review")
    missing = str(folder / "缺失的报告.docx")
    out = folder / "审核结果.html"
    result = invoke("check", *REPORTS, missing, "--report", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    doc = json.loads(invoke("check", *REPORTS, missing, "--format", "json").stdout)
    return out, doc


@pytest.fixture(scope="module")
def page(browser: Browser, review: tuple[Path, dict]) -> Browser:
    browser.open(review[0].as_uri())
    browser.settle(0.5)
    return browser


def test_page_loads_with_no_console_error_and_no_request(page: Browser, review: tuple[Path, dict]) -> None:
    assert page.console_errors() == []
    assert page.requests() == [review[0].as_uri()]
    assert page.run("document.querySelectorAll('script[src], link[rel=stylesheet], img[src^=http], iframe').length") == 0
    assert page.run("document.querySelectorAll('#summary tbody tr').length") == len(review[1]["reports"])
    assert page.run("document.querySelectorAll('#chart .bar').length") > 5


def _column(page: Browser, name: str) -> list[str]:
    return page.run(f"""(() => {{
        const heads = Array.from(document.querySelectorAll('#summary thead th')).map(th => th.textContent.trim());
        const i = heads.indexOf({json.dumps(name)});
        return Array.from(document.querySelectorAll('#summary tbody tr')).map(r => r.cells[i].getAttribute('data-v')
               ?? r.cells[i].textContent.trim());
    }})()""")


def _click(page: Browser, name: str) -> None:
    page.run(f"""Array.from(document.querySelectorAll('#summary thead th'))
                 .find(th => th.textContent.trim() === {json.dumps(name)}).click()""")


def test_summary_sorts_by_any_column(page: Browser) -> None:
    _click(page, "错误")
    errors = [float(v) for v in _column(page, "错误")]
    assert errors == sorted(errors, reverse=True) and errors[0] > 0
    _click(page, "错误")
    assert [float(v) for v in _column(page, "错误")] == sorted(errors)
    _click(page, "机关")
    agencies = _column(page, "机关")
    assert agencies == page.run(f"{json.dumps(agencies)}.slice().sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))")
    _click(page, "序号")
    _click(page, "序号")
    assert [float(v) for v in _column(page, "序号")] == list(range(1, len(errors) + 1))


def _set(page: Browser, element: str, value: str, event: str) -> None:
    page.run(f"{{ const e = document.getElementById('{element}'); e.value = {json.dumps(value)}; "
             f"e.dispatchEvent(new Event('{event}')); }}")


def test_summary_filters_by_text_status_and_rule(page: Browser) -> None:
    visible = "Array.from(document.querySelectorAll('#summary tbody tr')).filter(r => !r.hidden).length"
    total = page.run("document.querySelectorAll('#summary tbody tr').length")
    _set(page, "filter", "pingtan-2023", "input")
    assert page.run(visible) == 2
    _set(page, "filter", "", "input")
    _set(page, "only", "unreadable", "change")
    assert page.run(visible) == 1
    _set(page, "only", "", "change")
    page.run("document.querySelector('#chart .bar[data-rule=\"structure.section\"]')"
             ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert 0 < page.run(visible) < total
    page.run("document.getElementById('clear-rule').click()")
    assert page.run(visible) == total


def test_every_finding_link_lands_on_its_marked_text(page: Browser, review: tuple[Path, dict]) -> None:
    doc = review[1]
    landed = page.run("""(() => {
        const out = [];
        for (const link of document.querySelectorAll('ol.findings a.to')) {
            const id = link.getAttribute('href').slice(1);
            location.hash = '#' + id;
            const target = document.getElementById(id);
            const marked = target && target.closest('.m');
            const box = marked ? marked.getBoundingClientRect() : null;
            const text = Array.from(document.querySelectorAll('[data-f~="' + id + '"], mark#' + CSS.escape(id)))
                              .filter(e => e.tagName === 'MARK').map(e => e.textContent).join('');
            out.push({id, marked: !!marked, top: box && box.top, left: box && box.left, height: box && box.height,
                      text, exact: !link.parentElement.querySelector('.approx')});
        }
        return {items: out, height: innerHeight, width: innerWidth};
    })()""")
    items = landed["items"]
    expected = [(r, k, f) for r, entry in enumerate(doc["reports"]) for k, f in enumerate(entry["findings"])]
    assert [i["id"] for i in items] == [f"f{r}-{k}" for r, k, _ in expected]
    for item, (_r, _k, finding) in zip(items, expected, strict=True):
        assert item["marked"], item
        assert 0 <= item["top"] < landed["height"] and item["height"] > 0, item
        assert -1 <= item["left"] < landed["width"], item
        quote = finding.get("quote")
        if quote and item["text"] and finding.get("section") not in ("表二", "表三", "表四"):
            assert quote.rstrip("…").startswith(item["text"]) or item["text"].startswith(quote.rstrip("…")[:16]), item
    exact = sum(1 for i in items if i["exact"])
    assert exact == len(items), [i for i in items if not i["exact"]]


def test_summary_and_report_link_both_ways(page: Browser, review: tuple[Path, dict]) -> None:
    count = len(review[1]["reports"])
    result = page.run(f"""(() => {{
        const bad = [];
        for (let r = 0; r < {count}; r++) {{
            location.hash = '#r' + r;
            const section = document.getElementById('r' + r);
            const top = section.getBoundingClientRect().top;
            const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
            if (!(Math.abs(top) < 5 || (atEnd && top >= 0 && top < innerHeight))) bad.push(['r' + r, top]);
            const back = section.querySelector('a.back').getAttribute('href');
            if (back !== '#s' + r || !document.getElementById('s' + r)) bad.push(['s' + r, back]);
            if (document.querySelector('#s' + r + ' a').getAttribute('href') !== '#r' + r) bad.push(['link', r]);
        }}
        return bad;
    }})()""")
    assert result == []


def test_single_report_page_is_the_annotated_report(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "草稿审核.html"
    result = invoke("check", str(CORPUS / "pingtan-2023.txt"), "--report", str(out))
    assert result.returncode == 1
    browser.open(out.as_uri())
    browser.settle()
    assert browser.console_errors() == []
    assert browser.requests() == [out.as_uri()]
    assert browser.run("document.getElementById('summary')") is None
    assert browser.run("document.querySelectorAll('section.report').length") == 1
    marked = browser.run("Array.from(document.querySelectorAll('mark.sev-error')).map(m => m.textContent).join('')")
    assert "393件" in marked
