"""The review as one self-contained HTML page: a sortable summary, counts by rule, each report with its findings
marked in place.

Nothing is fetched: styles and the small script are inline, fonts are the reader's own, and a
Content-Security-Policy forbids any request, so the page can be mailed or put on an intranet as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from drafter.figures import labels as L
from drafter.findings import Finding, Rule, Severity, sort_findings, summarize
from drafter.render.compose import report_title
from drafter.report import Report
from drafter.review.areas import AREAS, SEVERITY_NAMES, area_counts
from drafter.review.places import CellKey, KeyedGrid, Part, Place, keyed_grids, place_findings, report_parts
from drafter.review.reviewed import Reviewed

_PART_NAMES = {"一": "第一部分", "二": "第二部分", "三": "第三部分", "四": "第四部分", "五": "第五部分",
               "六": "第六部分"}


@dataclass(frozen=True, slots=True)
class Context:
    """What the page says about how the review was made, so that it can be reproduced."""

    version: str
    date: str
    command: str
    single: bool = False


# ------------------------------------------------------------------------------------------- one report


def report_fragment(reviewed: Reviewed, report: Report) -> str:
    """One report's section: its heading and counts, the list of findings, and its text with each finding marked."""
    r = reviewed.index
    ordered = sort_findings(reviewed.findings)
    grids = keyed_grids(report.figures, ordered) if report.figures is not None else {}
    places = place_findings(report, ordered, grids)
    title = report_title(report)
    out = [_report_head(reviewed, title)]
    out.append(_finding_list(reviewed, ordered, places))
    out.append('<div class="doc">')
    out.append(_document(report, title, ordered, places, grids, r))
    out.append("</div></section>")
    return "\n".join(out)


def unreadable_fragment(reviewed: Reviewed) -> str:
    """The section of a report that could not be read: its name and why."""
    return (_report_head(reviewed, reviewed.file) +
            f'<p class="unreadable"><strong>无法读取：</strong>{escape(reviewed.error or "")}</p></section>')


def _report_head(reviewed: Reviewed, title: str) -> str:
    r = reviewed.index
    counts = summarize(reviewed.findings)
    facts = [escape(reviewed.file)]
    for value in (reviewed.agency, f"{reviewed.year} 年度" if reviewed.year else None, reviewed.kind, reviewed.level):
        if value:
            facts.append(escape(str(value)))
    badge = (f'<span class="badge e">{counts["error"]} 个错误</span><span class="badge w">{counts["warning"]} 个警告'
             f'</span><span class="badge i">{counts["info"]} 个提示</span>')
    if reviewed.error:
        badge = '<span class="badge e">无法读取</span>'
    if reviewed.ignored:
        badge += f'<span class="badge g">已忽略 {len(reviewed.ignored)} 个</span>'
    return (f'<section class="report" id="r{r}"><header class="report-head">'
            f'<h2>{escape(title)}</h2><p class="facts">{" · ".join(facts)}</p><p>{badge}'
            f'<a class="back" href="#s{r}">↑ 返回汇总</a></p></header>')


def _where(finding: Finding) -> str:
    if finding.location:
        return finding.location
    if finding.section:
        return _PART_NAMES.get(finding.section, finding.section)
    return "全文"


def _finding_list(reviewed: Reviewed, ordered: list[Finding], places: list[Place]) -> str:
    r = reviewed.index
    if not ordered:
        items = ['<p class="clean">✓ 未发现问题</p>']
    else:
        items = ['<ol class="findings">']
        for k, (finding, place) in enumerate(zip(ordered, places, strict=True)):
            sev = str(finding.severity)
            hint = "" if place.exact else '<span class="approx">（原文位置未能精确定位，标在所在部分）</span>'
            items.append(f'<li id="l{r}-{k}" class="sev-{sev}"><a class="to" href="#f{r}-{k}">'
                         f'<span class="sev">{SEVERITY_NAMES[finding.severity]}</span> <code>{escape(finding.rule)}'
                         f'</code> {escape(_where(finding))}</a> {escape(finding.message)}{hint}</li>')
        items.append("</ol>")
    if reviewed.ignored:
        items.append(f'<details class="ignored"><summary>已忽略 {len(reviewed.ignored)} 个问题（忽略清单）</summary><ul>')
        for finding, entry in reviewed.ignored:
            reason = f"（{escape(entry.reason)}）" if entry.reason else ""
            source = escape(entry.origin or "--ignore")
            items.append(f"<li><code>{escape(finding.rule)}</code> {escape(_where(finding))}："
                         f"{escape(finding.message)} <span class=\"by\">← {escape(entry.describe())}{reason}，"
                         f"见 {source}</span></li>")
        items.append("</ul></details>")
    return "\n".join(items)


def _note(finding: Finding, r: int, k: int) -> str:
    sev = str(finding.severity)
    extra = ""
    if finding.expected is not None or finding.actual is not None:
        bits = []
        if finding.expected is not None:
            bits.append(f"应为 {escape(str(finding.expected))}")
        if finding.actual is not None and finding.actual != "":
            bits.append(f"实为 {escape(str(finding.actual))}")
        extra = f'<span class="ea">{"，".join(bits)}</span>' if bits else ""
    return (f'<div class="note sev-{sev}" id="n{r}-{k}"><a class="up" href="#l{r}-{k}" title="回到问题清单">'
            f'<span class="sev">{SEVERITY_NAMES[finding.severity]}</span> <code>{escape(finding.rule)}</code></a>'
            f' {escape(finding.message)}{extra}</div>')


def _worst(findings: list[Finding]) -> str:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return str(min((f.severity for f in findings), key=lambda s: order[s]))


def _document(report: Report, title: str, ordered: list[Finding], places: list[Place],
              grids: dict[str, KeyedGrid], r: int) -> str:
    by_text: dict[tuple[str | None, int], list[int]] = {}
    by_heading: dict[str | None, list[int]] = {}
    by_cells: dict[str, list[int]] = {}
    cell_marks: dict[CellKey, list[int]] = {}
    related: dict[CellKey, list[int]] = {}
    on_title: list[int] = []
    for k, place in enumerate(places):
        if place.kind == "text":
            by_text.setdefault((place.part, place.paragraph), []).append(k)
        elif place.kind in ("heading", "missing"):
            by_heading.setdefault(place.part, []).append(k)
        elif place.kind == "cells":
            by_cells.setdefault(place.part or "", []).append(k)
        else:
            on_title.append(k)
        for key in place.cells:
            cell_marks.setdefault(key, []).append(k)
        for key in place.related:
            related.setdefault(key, []).append(k)
    out = [_marked_block("h1", "doc-title", title, on_title, ordered, r)]
    parts = report_parts(report)
    present = {p.numeral for p in parts}
    # A part the report lacks is shown where it belongs when a finding or a table goes there.
    missing = [n for n in L.SECTION_NUMERALS if n not in present and (n in by_heading or n in grids)]
    order = {n: i for i, n in enumerate(L.SECTION_NUMERALS)}
    sequence: list[Part | str] = []
    for part in parts:
        while missing and part.numeral is not None and order[missing[0]] < order[part.numeral]:
            sequence.append(missing.pop(0))
        sequence.append(part)
    sequence += missing
    for item in sequence:
        if isinstance(item, str):
            heading = f"{item}、{L.SECTION_TITLES[item]}（报告中没有这一部分的标题）"
            out.append(_marked_block("h3", "part absent", heading, by_heading.get(item, []), ordered, r))
            numeral = item
        else:
            if item.heading is not None:
                out.append(_marked_block("h3", "part", item.heading, by_heading.get(item.numeral, []), ordered, r))
            for index, paragraph in enumerate(item.paragraphs):
                ks = by_text.get((item.numeral, index), [])
                out.append(_paragraph(paragraph, ks, places, ordered, r))
            numeral = item.numeral or ""
        if numeral in grids:
            out.append(_table(grids[numeral], by_cells.get(numeral, []), cell_marks, related, places, ordered, r))
    return "\n".join(out)


def _anchors(ks: list[int], r: int) -> tuple[str, str]:
    """The id attribute for the first finding and empty anchors for the others placed at the same spot."""
    if not ks:
        return "", ""
    first = f' id="f{r}-{ks[0]}"'
    more = "".join(f'<span class="anchor" id="f{r}-{k}"></span>' for k in ks[1:])
    return first, more


def _marked_block(tag: str, cls: str, text: str, ks: list[int], ordered: list[Finding], r: int) -> str:
    if not ks:
        return f'<{tag} class="{cls}">{escape(text)}</{tag}>'
    ident, more = _anchors(ks, r)
    sev = _worst([ordered[k] for k in ks])
    notes = "".join(_note(ordered[k], r, k) for k in ks)
    return (f'<div class="row"><{tag} class="{cls}"><mark class="m sev-{sev}"{ident}>{more}{escape(text)}</mark>'
            f'</{tag}><aside>{notes}</aside></div>')


def _paragraph(text: str, ks: list[int], places: list[Place], ordered: list[Finding], r: int) -> str:
    if not ks:
        return f"<p>{escape(text)}</p>"
    # Cut the paragraph at every start and end of a marked span; each piece knows which findings cover it.
    bounds = sorted({0, len(text)} | {places[k].start for k in ks} | {places[k].end for k in ks})
    pieces = []
    started: set[int] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        covering = [k for k in ks if places[k].start <= a and b <= places[k].end]
        chunk = escape(text[a:b])
        if not covering:
            pieces.append(chunk)
            continue
        opening = [k for k in covering if k not in started]
        started.update(opening)
        ident, more = _anchors(opening, r)
        refs = " ".join(f"f{r}-{k}" for k in covering)
        sev = _worst([ordered[k] for k in covering])
        pieces.append(f'<mark class="m sev-{sev}"{ident} data-f="{refs}">{more}{chunk}</mark>')
    notes = "".join(_note(ordered[k], r, k) for k in ks)
    return f'<div class="row"><p>{"".join(pieces)}</p><aside>{notes}</aside></div>'


def _table(keyed: KeyedGrid, ks: list[int], cell_marks: dict[CellKey, list[int]],
           related: dict[CellKey, list[int]], places: list[Place], ordered: list[Finding], r: int) -> str:
    grid = keyed.grid
    # The first cell (in printed order) of each finding placed on this table carries its anchor.
    first_cell: dict[int, CellKey] = {}
    for key_line in keyed.keys:
        for key in key_line:
            if key is None:
                continue
            for k in cell_marks.get(key, []):
                if places[k].kind == "cells" and k in ks:
                    first_cell.setdefault(k, key)
    anchors_at: dict[CellKey, list[int]] = {}
    for k, key in first_cell.items():
        anchors_at.setdefault(key, []).append(k)
    cls = {"表二": "t2", "表三": "t3", "表四": "t4"}.get(keyed.table, "")
    out = [f'<div class="table-wrap"><table class="grid {cls}" aria-label="{escape(keyed.table)}">']
    for row_index, (line, keys) in enumerate(zip(grid.rows, keyed.keys, strict=True)):
        cells = []
        for cell, key in zip(line, keys, strict=True):
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            classes = ["left"] if cell.header and str(cell.align) == "left" else []
            inner = escape(cell.text)
            marks = cell_marks.get(key, []) if key is not None else []
            if marks:
                classes += ["m", "cell", f"sev-{_worst([ordered[k] for k in marks])}"]
                here = sorted(anchors_at.get(key, [])) if key is not None else []
                ident, more = _anchors(here, r)
                attrs += ident
                attrs += f' data-f="{" ".join(f"f{r}-{k}" for k in marks)}"'
                titles = "；".join(ordered[k].message for k in marks)
                attrs += f' title="{escape(titles)}"'
                inner = more + inner
            elif key is not None and key in related:
                classes.append("rel")
                attrs += f' data-rel="{" ".join(f"f{r}-{k}" for k in related[key])}"'
            if classes:
                attrs += f' class="{" ".join(classes)}"'
            tag = "th" if cell.header else "td"
            cells.append(f"<{tag}{attrs}>{inner}</{tag}>")
        head = row_index < grid.header_rows
        out.append(("<tr class=\"head\">" if head else "<tr>") + "".join(cells) + "</tr>")
    out.append("</table></div>")
    if ks:
        out.append('<div class="table-notes">' + "".join(_note(ordered[k], r, k) for k in ks) + "</div>")
    return "\n".join(out)


# ------------------------------------------------------------------------------------------- the batch


def _summary(results: list[Reviewed]) -> str:
    head = ['<th data-type="num" class="num">序号</th>', '<th data-type="text">报告</th>', '<th data-type="text">机关</th>',
            '<th data-type="num">年度</th>', '<th data-type="text">机关类型</th>',
            '<th data-type="num" class="num">错误</th>', '<th data-type="num" class="num">警告</th>']
    head += [f'<th data-type="num" class="num" title="错误 / 警告">{name}</th>' for _, name in AREAS]
    head.append('<th data-type="text">说明</th>')
    rows = []
    for res in results:
        r = res.index
        counts = summarize(res.findings)
        rules = " ".join(sorted({f.rule for f in res.findings}))
        status = "unreadable" if res.error else ("error" if counts["error"] else ("warning" if counts["warning"]
                                                                                   else "clean"))
        name = res.file.replace("\\", "/").rsplit("/", 1)[-1]
        cells = [f'<td class="num" data-v="{r + 1}">{r + 1}</td>',
                 f'<td><a href="#r{r}" title="{escape(res.file)}">{escape(name)}</a></td>',
                 f"<td>{escape(res.agency or '')}</td>",
                 f'<td data-v="{res.year or 0}">{res.year or ""}</td>',
                 f"<td>{escape(res.kind or '')}</td>"]
        if res.error:
            cells += ['<td class="num" data-v="-1">—</td>', '<td class="num" data-v="-1">—</td>']
            cells += ['<td class="num" data-v="-1">—</td>' for _ in AREAS]
            cells.append(f'<td class="why">无法读取：{escape(res.error)}</td>')
        else:
            cells += [f'<td class="num e" data-v="{counts["error"]}">{counts["error"]}</td>',
                      f'<td class="num w" data-v="{counts["warning"]}">{counts["warning"]}</td>']
            by_area = area_counts(res.findings)
            for area, _ in AREAS:
                e, w = by_area.get(area, (0, 0))
                text = "" if not (e or w) else f'<span class="e">{e}</span> / <span class="w">{w}</span>'
                cells.append(f'<td class="num" data-v="{e * 100000 + w}">{text}</td>')
            worst = sort_findings(res.findings)
            note = escape(_short(worst[0].message, 60)) if worst else "未发现问题"
            if res.ignored:
                note += f"（已忽略 {len(res.ignored)} 个）"
            cells.append(f"<td>{note}</td>")
        rows.append(f'<tr id="s{r}" data-status="{status}" data-rules="{escape(rules)}">' + "".join(cells) + "</tr>")
    controls = ('<div class="controls"><label>筛选：<input id="filter" type="search" placeholder="机关、文件名或规则"></label>'
                '<label>显示：<select id="only"><option value="">全部报告</option><option value="error">有错误的</option>'
                '<option value="warning">只有警告的</option><option value="clean">未发现问题的</option>'
                '<option value="unreadable">无法读取的</option></select></label>'
                '<span id="rule-filter" hidden>规则：<code></code> <button type="button" id="clear-rule">清除</button>'
                '</span><span id="shown"></span></div>')
    return (f'<section id="summary-section"><h2>汇总（{len(results)} 份报告）</h2>{controls}'
            '<p class="tip">点击表头排序（再点一次倒序）；各类问题一栏为“错误 / 警告”。</p>'
            f'<div class="table-wrap"><table id="summary"><thead><tr>{"".join(head)}</tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table></div></section>")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chart(results: list[Reviewed]) -> str:
    errors: Counter[Rule] = Counter()
    warnings: Counter[Rule] = Counter()
    reports: Counter[Rule] = Counter()
    for res in results:
        for rule in {f.rule for f in res.findings}:
            reports[rule] += 1
        for f in res.findings:
            if f.severity is Severity.ERROR:
                errors[f.rule] += 1
            elif f.severity is Severity.WARNING:
                warnings[f.rule] += 1
    rules = sorted(set(errors) | set(warnings), key=lambda x: (-(errors[x] + warnings[x]), x))
    if not rules:
        return '<section id="chart-section"><h2>各规则问题数</h2><p class="clean">✓ 未发现问题</p></section>'
    top = max(errors[x] + warnings[x] for x in rules)
    label_w, bar_w, row_h = 190, 420, 22
    height = row_h * len(rules) + 30
    parts = [f'<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 150}" height="{height}"'
             f' viewBox="0 0 {label_w + bar_w + 150} {height}" role="img" aria-label="各规则问题数">']
    for i, rule in enumerate(rules):
        y = 10 + i * row_h
        e_w = bar_w * errors[rule] / top
        w_w = bar_w * warnings[rule] / top
        parts.append(f'<g class="bar" data-rule="{escape(rule)}" tabindex="0"><title>{escape(rule)}：'
                     f'{errors[rule]} 个错误，{warnings[rule]} 个警告，涉及 {reports[rule]} 份报告（点击筛选）</title>'
                     f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(rule)}</text>'
                     f'<rect class="e" x="{label_w}" y="{y + 3}" width="{e_w:.1f}" height="{row_h - 6}"/>'
                     f'<rect class="w" x="{label_w + e_w:.1f}" y="{y + 3}" width="{w_w:.1f}" height="{row_h - 6}"/>'
                     f'<text x="{label_w + e_w + w_w + 6:.1f}" y="{y + 15}">{errors[rule]} / {warnings[rule]}'
                     f'（{reports[rule]} 份）</text></g>')
    parts.append("</svg>")
    legend = ('<p class="legend"><span class="key e"></span>错误 <span class="key w"></span>警告；'
              '数字为“错误 / 警告（涉及报告数）”，点击一条可在汇总中只显示有该问题的报告。</p>')
    return f'<section id="chart-section"><h2>各规则问题数</h2>{legend}{"".join(parts)}</section>'


def review_page(results: list[Reviewed], context: Context) -> str:
    """The whole review: header with how it was made, summary, chart, then each report's section."""
    counts = summarize(f for res in results for f in res.findings)
    unreadable = sum(1 for res in results if res.error)
    if context.single and len(results) == 1:
        heading = f"审核结果：{results[0].title or results[0].file}"
    else:
        heading = f"政府信息公开工作年度报告审核结果（{len(results)} 份）"
    stats = (f"共 {len(results)} 份报告，{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示"
             + (f"，{unreadable} 份无法读取" if unreadable else "") + "。")
    header = (f'<header class="page-head"><h1>{escape(heading)}</h1><p class="stats">{stats}</p>'
              f'<dl class="how"><dt>审核工具</dt><dd>drafter {escape(context.version)}</dd>'
              f"<dt>审核时间</dt><dd>{escape(context.date)}</dd>"
              f"<dt>命令与选项</dt><dd><code>{escape(context.command)}</code></dd></dl></header>")
    body = [header]
    if not context.single:
        body += [_summary(results), _chart(results)]
    for res in results:
        body.append(res.fragment or (unreadable_fragment(res) if res.error else ""))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            f'script-src \'unsafe-inline\'; img-src data:">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")


_CSS = """
body { font-family: "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
       font-size: 15px; line-height: 1.6; color: #1a1a1a; margin: 0 auto; padding: 0 24px 48px; max-width: 1280px; }
h1 { font-size: 24px; margin: 24px 0 8px; } h2 { font-size: 19px; margin: 28px 0 8px; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.how { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; color: #444; font-size: 13px; }
.how dt { font-weight: bold; } .how dd { margin: 0; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; margin: 8px 0; }
.controls input { width: 16em; padding: 3px 6px; } .tip { color: #666; font-size: 13px; margin: 4px 0; }
.table-wrap { overflow-x: auto; }
#summary { border-collapse: collapse; font-size: 14px; min-width: 100%; }
#summary th, #summary td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
#summary th { background: #eef2f7; cursor: pointer; user-select: none; white-space: nowrap; position: sticky; top: 0; }
#summary th[aria-sort="ascending"]::after { content: " ▲"; } #summary th[aria-sort="descending"]::after { content: " ▼"; }
#summary tr[data-status="unreadable"] { background: #fdecea; }
td.num { text-align: right; white-space: nowrap; } td.why { color: #a00; }
span.e, td.e { color: #b00020; } span.w, td.w { color: #9a6700; }
#chart text { font-size: 12px; fill: #222; font-family: Consolas, "DejaVu Sans Mono", "Noto Sans CJK SC", sans-serif; }
#chart rect.e, .key.e { fill: #d93025; background: #d93025; } #chart rect.w, .key.w { fill: #f2a900; background: #f2a900; }
#chart .bar { cursor: pointer; } #chart .bar:hover text, #chart .bar:focus text { font-weight: bold; }
.key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 8px; vertical-align: -1px; }
.report { border-top: 3px solid #3b5b8a; margin-top: 36px; padding-top: 4px; }
/* A batch of hundreds of reports: the browser lays out only the reports on screen. */
.report { content-visibility: auto; contain-intrinsic-size: auto 2400px; }
.report-head h2 { margin: 8px 0 2px; } .facts { color: #555; margin: 0; font-size: 13px; }
.badge { display: inline-block; border-radius: 3px; padding: 0 6px; margin-right: 6px; font-size: 13px; }
.badge.e { background: #fde7e9; color: #b00020; } .badge.w { background: #fff4d6; color: #7a5200; }
.badge.i { background: #e6f0ff; color: #174ea6; } .badge.g { background: #eee; color: #555; }
.back { font-size: 13px; margin-left: 8px; }
ol.findings { font-size: 14px; padding-left: 2em; } ol.findings li { margin: 2px 0; }
ol.findings .sev, .note .sev { font-weight: bold; }
.sev-error .sev { color: #b00020; } .sev-warning .sev { color: #9a6700; } .sev-info .sev { color: #174ea6; }
.approx { color: #777; font-size: 12px; } .clean { color: #137333; } .unreadable { color: #a00; }
details.ignored { color: #555; font-size: 13px; } .by { color: #777; }
.doc { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16px;
       line-height: 1.9; background: #fcfcfa; border: 1px solid #e3e3e3; padding: 8px 20px 20px; margin-top: 12px; }
.doc h1.doc-title { text-align: center; font-size: 21px; }
.doc h3.absent { color: #777; font-style: italic; }
.doc h3.part { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16px; margin: 14px 0 4px; }
.doc p { margin: 0 0 4px; text-indent: 2em; text-align: justify; }
.doc > p, .doc > h3, .doc > h1 { margin-right: 316px; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; align-items: start; }
.row > h1, .row > h3 { margin-right: 0; }
aside, .table-notes { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; font-size: 13px;
        line-height: 1.5; }
.note { border-left: 4px solid #999; background: #fff; padding: 3px 8px; margin: 2px 0 6px; box-shadow: 0 1px 2px #0002; }
.note.sev-error { border-color: #d93025; } .note.sev-warning { border-color: #f2a900; } .note.sev-info { border-color: #4285f4; }
.note .ea { display: block; color: #555; }
.table-notes { max-width: 760px; margin: 4px 0 12px; }
mark.m { padding: 1px 0; border-radius: 2px; scroll-margin-top: 40vh; }
mark.sev-error { background: #ffd6d9; box-shadow: inset 0 -2px #d93025; }
mark.sev-warning { background: #fff0bf; box-shadow: inset 0 -2px #f2a900; }
mark.sev-info { background: #dde9ff; box-shadow: inset 0 -2px #4285f4; }
.anchor { scroll-margin-top: 40vh; }
table.grid { border-collapse: collapse; margin: 8px 0; font-size: 12.5px; line-height: 1.35;
        font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; }
table.grid th, table.grid td { border: 1px solid #555; padding: 2px 4px; text-align: center; font-weight: normal; }
table.grid th.left { text-align: left; } table.grid td { min-width: 2.6em; }
table.grid .cell { scroll-margin-top: 40vh; } table.grid .cell.sev-error { background: #ffd6d9; outline: 2px solid #d93025; }
table.grid .cell.sev-warning { background: #fff0bf; outline: 2px solid #f2a900; }
table.grid .cell.sev-info { background: #dde9ff; }
table.grid .rel { background: #f3f6fb; outline: 1px dashed #6b7a90; }
:target { animation: flash 1.6s ease-out 1; }
@keyframes flash { from { box-shadow: 0 0 0 4px #3b82f6; } to { box-shadow: 0 0 0 0 #3b82f600; } }
@media (max-width: 900px) { .row { grid-template-columns: 1fr; } .doc > p, .doc > h3, .doc > h1 { margin-right: 0; } }
@media print { .controls, .tip, .back { display: none; } .report { break-before: page; } body { max-width: none; } }
"""

# Sorting and filtering of the summary, and the chart's rule filter; plain DOM, no library.
_SCRIPT = """
(function () {
  var table = document.getElementById('summary');
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rule = '';
  function key(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-v');
    if (numeric) { return v === null ? (parseFloat(cell.textContent) || 0) : parseFloat(v); }
    return cell.textContent.trim();
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'num';
      var dir = th.getAttribute('aria-sort') === 'descending' ? 1 : (th.getAttribute('aria-sort') === 'ascending' ? -1 : (numeric ? -1 : 1));
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, i, numeric), y = key(b, i, numeric);
        var c = numeric ? x - y : x.localeCompare(y, 'zh-Hans-CN');
        return c !== 0 ? c * dir : key(a, 0, true) - key(b, 0, true);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var filter = document.getElementById('filter');
  var only = document.getElementById('only');
  var shown = document.getElementById('shown');
  var ruleBox = document.getElementById('rule-filter');
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var status = only.value;
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0 || row.getAttribute('data-rules').indexOf(q) >= 0)
        && (!status || row.getAttribute('data-status') === status)
        && (!rule || (' ' + row.getAttribute('data-rules') + ' ').indexOf(' ' + rule + ' ') >= 0);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = '显示 ' + n + ' / ' + body.rows.length + ' 份';
    ruleBox.hidden = !rule;
    ruleBox.querySelector('code').textContent = rule;
  }
  filter.addEventListener('input', apply);
  only.addEventListener('change', apply);
  document.getElementById('clear-rule').addEventListener('click', function () { rule = ''; apply(); });
  Array.prototype.forEach.call(document.querySelectorAll('#chart .bar'), function (bar) {
    function pick() { rule = bar.getAttribute('data-rule'); apply(); table.scrollIntoView(); }
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', function (e) { if (e.key === 'Enter') { pick(); } });
  });
  apply();
})();
"""
