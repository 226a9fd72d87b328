"""Departmental reports of one county for the aggregate tests: random, balanced tables in every reader's format."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from drafter.figures import Figures
from drafter.figures import labels as L
from drafter.figures.labels import SECTION_TITLES
from drafter.render import render_report
from drafter.report import Report, Section, SourceKind

DEPARTMENTS = ("发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
               "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
               "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局")
TOWNS = ("城关镇", "河口镇", "青石乡", "东街街道", "西湖街道", "南山镇")
FORMATS = ("yaml", "md", "html", "docx")
COUNTY = "测试县"


def agency_name(n: int) -> str:
    """The n-th unit of the county: departments first, then 乡镇/街道, then numbered offices."""
    names = [f"{COUNTY}{d}" for d in DEPARTMENTS] + [f"{COUNTY}{t}人民政府" for t in TOWNS]
    return names[n] if n < len(names) else f"{COUNTY}第{n}办公室"


def figures_data(seed: int, *, year: int = 2024, agency: str | None = None) -> dict:
    """A balanced figures file with applicants in every column (each column's 一+二 = 三（七）+四)."""
    rng = random.Random(seed)
    columns = [label for _, label in L.T3_APPLICANT_COLUMNS]
    result_rows = [row for row in L.TABLE3_ROWS if row.id.startswith("三") and row.id != "三（七）"]
    table3: dict = {L.T3_NEW: {}, L.T3_CARRIED: {}, L.T3_NEXT: {}, L.T3_RESULTS: {}}
    results: dict[str, dict[str, int]] = {row.id: {} for row in result_rows}
    for i, column in enumerate(columns):
        busy = i == 0 or rng.random() < 0.4
        new = rng.randint(0, 40 if i == 0 else 6) if busy else 0
        carried = rng.randint(0, 3) if busy else 0
        forward = rng.randint(0, min(2, new + carried))
        done = new + carried - forward
        table3[L.T3_NEW][column] = new
        table3[L.T3_CARRIED][column] = carried
        table3[L.T3_NEXT][column] = forward
        for row in result_rows:
            results[row.id][column] = 0
        for _ in range(done):
            row = rng.choice(result_rows[:4] if rng.random() < 0.8 else result_rows)
            results[row.id][column] += 1
    for row in result_rows:
        node = table3[L.T3_RESULTS]
        if row.id[-1].isdigit():
            node = node.setdefault(L.T3_GROUPS[row.id[:-1]], {})
        node[row.label] = results[row.id]
    review = [rng.randint(0, 2), rng.randint(0, 1), rng.randint(0, 1), rng.randint(0, 1)]
    direct = [rng.randint(0, 1), rng.randint(0, 1), 0, rng.randint(0, 1)]
    after = [rng.randint(0, 1), 0, 0, 0]
    issued = rng.randint(0, 5)
    return {
        "基本信息": {"机关全称": agency or agency_name(seed), "报告年度": year, "机关类型": "政府部门"},
        "表二": {
            "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
            "行政规范性文件": {"本年制发件数": issued, "本年废止件数": rng.randint(0, 2),
                          "现行有效件数": issued + rng.randint(3, 40)},
            "行政许可": {"本年处理决定数量": rng.randint(0, 500)},
            "行政处罚": {"本年处理决定数量": rng.randint(0, 120)},
            "行政强制": {"本年处理决定数量": rng.randint(0, 10)},
            "行政事业性收费": {"本年收费金额": round(rng.uniform(0, 30), 2)},
        },
        "表三": table3,
        "表四": {"行政复议": review, "行政诉讼": {"未经复议直接起诉": direct, "复议后起诉": after}},
        "正文数据": {"主动公开信息总数": rng.randint(20, 900)},
    }


def report_of(figures: Figures) -> Report:
    """A six-part report around the figures (the prose is short: aggregation reads only the tables)."""
    year = figures.meta.year
    texts = {n: f"{year}年，本机关依法做好政府信息公开工作。" for n in SECTION_TITLES}
    return Report(kind=SourceKind.MARKDOWN, figures=figures,
                  sections=[Section(n, SECTION_TITLES[n], texts[n]) for n in SECTION_TITLES],
                  title=f"{figures.meta.agency}{year}年政府信息公开工作年度报告")


def write_source(folder: Path, seed: int, fmt: str, *, year: int = 2024, agency: str | None = None,
                 data: dict | None = None) -> Path:
    """One departmental source in the given format (yaml, md, html, docx); the file's path."""
    data = data or figures_data(seed, year=year, agency=agency)
    name = f"{seed:02d}-{data['基本信息']['机关全称']}"
    if fmt == "yaml":
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path
    report = report_of(Figures.model_validate(data))
    rendered = render_report(report, fmt)
    path = folder / f"{name}.{'txt' if fmt == 'md' else fmt}"
    if isinstance(rendered, bytes):
        path.write_bytes(rendered)
    else:
        path.write_text(rendered, encoding="utf-8")
    return path


def county(folder: Path, count: int, *, year: int = 2024) -> list[Path]:
    """``count`` sources of one county and year, cycling through the formats."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_source(folder, n, FORMATS[n % len(FORMATS)], year=year) for n in range(count)]
