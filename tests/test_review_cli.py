"""``drafter check --report``: the review as XLSX and CSV, batches with unreadable files, --summary, -j, --ignore."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SEED, invoke, read_terminal

REPORTS = sorted(p for p in CORPUS.glob("*.txt") if ".source-page" not in p.name)
SEVERITY = {"错误": "error", "警告": "warning", "提示": "info"}
KEYS = ("rule", "severity", "section", "location", "message", "quote", "expected", "actual")


def _blank(value: object) -> object:
    return None if value == "" else value


def _json_findings(doc: dict) -> list[tuple]:
    rows = []
    for entry in doc["reports"]:
        for f in entry["findings"]:
            rows.append((entry["file"],) + tuple(_blank(f.get(k)) for k in KEYS))
    return rows


def _sheet_findings(rows: list[tuple]) -> list[tuple]:
    out = []
    for row in rows:
        # A read-only sheet drops a row's trailing empty cells.
        padded = tuple(row) + (None,) * (11 - len(row))
        file, _agency, _year, rule, sev, section, location, message, quote, expected, actual = padded
        out.append((file, rule, SEVERITY[sev], section, location, message, quote, _blank(expected), _blank(actual)))
    return out


def _batch(tmp_path: Path, count: int, *, broken: int = 0) -> list[str]:
    """``count`` report files copied from the corpus, every ``broken``-th one unreadable in a different way."""
    paths = []
    bad_kinds = [b"\x00\x01\x02 not a report \xff\xfe" * 50, b"", "这只是一段话，不是年度报告。".encode()]
    for i in range(count):
        target = tmp_path / f"{i:04d}.txt"
        if broken and i % broken == broken - 1:
            target.write_bytes(bad_kinds[(i // broken) % len(bad_kinds)])
        else:
            shutil.copyfile(REPORTS[i % len(REPORTS)], target)
        paths.append(str(target))
    return paths


def test_xlsx_holds_exactly_the_findings_of_json(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    files = [str(p) for p in REPORTS] + [str(SEED)]
    out = tmp_path / "审核结果.xlsx"
    written = invoke("check", *files, "--report", str(out))
    assert written.returncode == 1, written.stderr
    assert "Traceback" not in written.stderr and "已写入审核结果" in written.stderr
    doc = json.loads(invoke("check", *files, "--format", "json").stdout)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[:2] == ["汇总", "问题清单"]
    sheet = book["问题清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("文件", "机关", "年度", "规则", "严重程度", "部分", "位置", "说明", "原文", "应为", "实为")
    assert _sheet_findings(rows[1:]) == _json_findings(doc)
    assert len(rows) - 1 == doc["summary"]["error"] + doc["summary"]["warning"] + doc["summary"]["info"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert [r[0] for r in summary[1:]] == files
    header = summary[0]
    for entry, row in zip(doc["reports"], summary[1:], strict=True):
        assert row[header.index("错误")] == entry["summary"]["error"]
        assert row[header.index("警告")] == entry["summary"]["warning"]
    # Per-area errors add up to the report's errors.
    areas = [i for i, name in enumerate(header) if name.endswith("错误") and name != "错误"]
    assert len(areas) == 6
    for row in summary[1:]:
        assert sum(row[i] for i in areas) == row[header.index("错误")]


def test_xlsx_has_frozen_headers_and_filters(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    invoke("check", *map(str, REPORTS[:3]), "--report", str(out))
    book = load_workbook(out)
    for name in ("汇总", "问题清单"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    about = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True)}
    assert about["审核工具"].startswith("drafter ") and "--report" in about["命令与选项"]


def test_csv_is_utf8_with_bom_and_has_the_same_rows(tmp_path: Path) -> None:
    files = [str(p) for p in REPORTS[:4]]
    out = tmp_path / "审核.csv"
    result = invoke("check", *files, "--report", str(out))
    assert result.returncode in (0, 1), result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    doc = json.loads(invoke("check", *files, "--format", "json").stdout)
    assert len(rows) - 1 == sum(len(r["findings"]) for r in doc["reports"])
    assert [r[3] for r in rows[1:]] == [f["rule"] for r in doc["reports"] for f in r["findings"]]
    summary = tmp_path / "审核（汇总）.csv"
    assert summary.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(list(csv.reader(summary.read_text(encoding="utf-8-sig").splitlines()))) == len(files) + 1


def test_batch_with_unreadable_files_has_a_row_for_every_file(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "reports"
    folder.mkdir()
    paths = _batch(folder, 60, broken=7)
    paths.append(str(folder / "不存在.docx"))
    out = tmp_path / "batch.xlsx"
    result = invoke("check", *paths, "--report", str(out), "-j", "2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    rows = list(load_workbook(out, read_only=True)["汇总"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == paths
    unreadable = [r for r in rows[1:] if str(r[-1]).startswith("无法读取")]
    assert len(unreadable) == 60 // 7 + 1
    assert any("不存在" in str(r[-1]) or "找不到" in str(r[-1]) for r in unreadable)
    doc = json.loads(invoke("check", *paths, "--format", "json", "-j", "2").stdout)
    assert [r["file"] for r in doc["reports"]] == paths
    assert doc["summary"]["reports"] == 61 and doc["summary"]["unreadable"] == len(unreadable)


def test_jobs_do_not_change_the_findings(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 30)
    one = json.loads(invoke("check", *paths, "--format", "json", "-j", "1").stdout)
    two = json.loads(invoke("check", *paths, "--format", "json", "-j", "2").stdout)
    assert one == two


def test_summary_prints_only_the_table() -> None:
    result = invoke("check", *map(str, REPORTS[:3]), "--summary", env={"COLUMNS": "120"})
    assert result.returncode in (0, 1)
    assert "汇总" in result.stdout and "共 3 份报告" in result.stdout
    assert "原文：" not in result.stdout  # no per-finding detail
    assert result.stdout.count("\n") < 40


def test_report_format_must_be_known(tmp_path: Path) -> None:
    result = invoke("check", str(REPORTS[0]), "--report", str(tmp_path / "r.pdf"))
    assert result.returncode == 2 and "--report-format" in result.stderr
    result = invoke("check", str(REPORTS[0]), "--report", str(tmp_path / "r.html"), "--report-format", "xlsx")
    assert result.returncode == 2 and "不一致" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_onto_an_input_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "报告.html"
    copy.write_text(REPORTS[0].read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    result = invoke("check", str(copy), "--report", str(copy))
    assert result.returncode == 2 and "输入文件" in result.stderr
    assert copy.read_bytes() == before


# ------------------------------------------------------------------------------------------- --ignore


def _rules(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


def test_ignore_option_silences_one_rule_or_one_location(tmp_path: Path) -> None:
    report = CORPUS / "suqian-city-2024.txt"
    plain = json.loads(invoke("check", str(report), "--format", "json").stdout)["findings"]
    assert any(f["rule"] == "prose.table_mismatch" for f in plain)
    without = invoke("check", str(report), "--format", "json", "--ignore", "quality.government")
    assert "quality.government" not in _rules(without)
    located = [f for f in plain if f["rule"] == "prose.table_mismatch"]
    first = located[0]["location"]
    one = json.loads(invoke("check", str(report), "--format", "json", "--ignore",
                             f"prose.table_mismatch:{first}").stdout)["findings"]
    assert len(one) == len(plain) - sum(1 for f in located if f["location"] == first)


def test_ignore_file_next_to_the_report(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    shutil.copyfile(CORPUS / "pingtan-2022.txt", report)
    before = invoke("check", str(report), "--format", "json")
    assert before.returncode == 1 and "structure.section" in _rules(before)
    (tmp_path / "报告.drafter-ignore").write_text(
        "# 本报告已知的误报\nstructure.section：四   # 标题已在发布稿中更正\nprose.table_mismatch  ＃ 口径已在正文说明\n",
        encoding="utf-8")
    after = invoke("check", str(report), "--format", "json")
    assert after.returncode == 0, after.stdout
    assert _rules(after) == [r for r in _rules(before) if r not in ("structure.section", "prose.table_mismatch")]
    text = invoke("check", str(report))
    assert "已按忽略清单略去 2 个问题" in text.stdout


def test_a_bad_ignore_line_is_named(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    shutil.copyfile(CORPUS / "pingtan-2022.txt", report)
    (tmp_path / "报告.drafter-ignore").write_text("quality.government\n表三/一/总计\n", encoding="utf-8")
    result = invoke("check", str(report))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "报告.drafter-ignore" in result.stderr and "第 2 行" in result.stderr
    bad = invoke("check", str(report), "--ignore", "prose.table_mismatch:")
    assert bad.returncode == 2 and "冒号后缺少位置" in bad.stderr


def test_ignored_findings_are_listed_in_the_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    invoke("check", str(CORPUS / "pingtan-2023.txt"), str(CORPUS / "pingtan-2024.txt"), "--report", str(out),
            "--ignore", "quality.government")
    book = load_workbook(out, read_only=True)
    findings = list(book["问题清单"].iter_rows(values_only=True))
    assert all(row[3] != "quality.government" for row in findings[1:])
    ignored = list(book["已忽略"].iter_rows(values_only=True))
    assert len(ignored) == 3 and {row[3] for row in ignored[1:]} == {"quality.government"}


@pytest.mark.parametrize("entry", ["quality.*", "prose.table_mismatch:表三/*", "structure.section:四"])
def test_ignore_entries_parse(entry: str) -> None:
    from drafter.review.ignore import parse_entry

    parsed = parse_entry(entry)
    assert parsed.describe() == entry


def test_progress_is_shown_on_a_terminal_and_never_in_a_pipe(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    paths = _batch(tmp_path, 30)
    quiet = invoke("check", *paths, "--summary")
    assert "━" not in quiet.stderr and "审核" not in quiet.stderr
    # stderr on a terminal (a pseudo-terminal here), stdout to a pipe: the bar goes to stderr only.
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "drafter", "check", *paths, "--summary", "-j", "2"],
                               stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    seen = read_terminal(leader)
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert process.returncode in (0, 1)
    assert "审核" in text and "/30" in text and ".txt" in text
    assert "/30" not in stdout.decode("utf-8") and "汇总" in stdout.decode("utf-8")


def test_a_table_finding_marks_its_cell_and_the_cells_it_added_up(tmp_path: Path) -> None:
    import re

    out = tmp_path / "洪泽.html"
    invoke("check", str(CORPUS / "huaian-hongze-2023.txt"), "--report", str(out))
    page = out.read_text(encoding="utf-8")
    # 表四 行政复议 总计 0 (stated) against 10+1+0+0: the 总计 cell is the finding's anchor, its four parts related.
    anchor = re.search(r'<td id="f0-(\d+)" data-f="[^"]*" title="表四 行政复议 总计为 0[^"]*" class="m cell sev-error">0'
                       r"</td>", page)
    assert anchor is not None
    related = re.findall(rf'<td data-rel="[^"]*f0-{anchor.group(1)}[^"]*" class="rel">(\d+)</td>', page)
    assert related[:4] == ["10", "1", "0", "0"]
