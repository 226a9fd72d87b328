"""Crawler page text whose table cells run together (“一、本年新收政府信息公开申请数量640020470”).

The labels are known, so the runs of digits between them can be found; a run is split into cells only where the
table's own arithmetic leaves exactly one way to do it (a 表三 row: six columns add up to 总计; a 表四 block: four
results add up to 总计; numbers have no leading zeros). Anything else becomes an ``import.uncertain`` finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.figures import labels as L
from drafter.findings import Finding
from drafter.read.assemble import uncertain
from drafter.read.blocks import Block, Paragraph, Table
from drafter.text import part_heading

_MARKER = "==================== 正文 ===================="
_HEADER = re.compile(r"^标题[:：]\s*(.+)$", re.MULTILINE)
_NUMERALS = L.SECTION_NUMERALS
_T3_BODIES = L.t3_printed_bodies()
_T2_ROWS = [row.label for row in L.TABLE2_ROWS] + list(L.T2_2019_ONLY_ROWS)
_NOT_DIGITS = re.compile(r"[^\d.\-]")
_LIMIT = 200_000  # splits examined per run, so that a long run cannot stall the import


def looks_run_together(text: str) -> bool:
    """True for crawler page text whose tables lost their cell boundaries."""
    if _MARKER in text[:5000]:
        return True
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest > 3000 and "本年新收政府信息公开申请数量" in text and " | " not in text and "\t" not in text


def read_run_together(text: str) -> tuple[list[Block], list[Finding]]:
    """Blocks (headings, prose, tables re-split where arithmetic allows) and findings for what could not be split."""
    title_match = _HEADER.search(text[:2000])
    body = text.split(_MARKER, 1)[1] if _MARKER in text else text
    body = re.sub(r"\s*\n\s*", "", body).strip()
    cuts = list(_headings(body))
    blocks: list[Block] = []
    findings: list[Finding] = []
    if title_match:
        blocks.append(Paragraph(title_match.group(1).strip(), level=1))
    start = cuts[0][0] if cuts else len(body)
    preface = _strip_page_furniture(body[:start])
    if preface:
        blocks.append(Paragraph(preface))
    for n, (_, numeral, title, end) in enumerate(cuts):
        stop = cuts[n + 1][0] if n + 1 < len(cuts) else len(body)
        part = body[end:stop].strip()
        blocks.append(Paragraph(f"{numeral}、{title}"))
        if numeral == "二":
            blocks.append(Table(_table2_rows(part, findings)))
        elif numeral == "三":
            blocks.append(Table(_table3_rows(part, findings)))
        elif numeral == "四":
            blocks.append(Table(_table4_rows(part, findings)))
        else:
            part = re.sub(r"\s*附件下载\s*$", "", part)
            blocks.extend(Paragraph(p) for p in _sub_paragraphs(part))
    return blocks, findings


def _strip_page_furniture(text: str) -> str:
    for mark in ("-->", "相关链接：", "文件下载"):
        if mark in text and "当前位置" in text[: text.rfind(mark)]:
            text = text[text.rfind(mark) + len(mark):]
    return text.strip()


def _sub_paragraphs(text: str) -> list[str]:
    # Re-break the prose at its own sub-headings “（一）…”, as the page showed them.
    pieces = re.split(r"(?=（[一二三四五六七八九十]）)", text)
    return [p.strip() for p in pieces if p.strip()]


def _headings(body: str) -> Iterator[tuple[int, str, str, int]]:
    """(position, numeral, title, end of the title) of each part's heading, in order."""
    pos = 0
    for numeral in _NUMERALS:
        for match in re.finditer(f"{numeral}、", body[pos:]):
            at = pos + match.start()
            window = body[at: at + 40]
            official = L.SECTION_TITLES[numeral]
            if window[2:].startswith(official):
                title = official
            else:
                end = re.search(r"(情况|事项)", window)
                title = window[2: end.end()] if end else ""
                if not title or part_heading(f"{numeral}、{title}", numeral) is None:
                    continue
            yield at, numeral, title, at + 2 + len(title)
            pos = at + 2 + len(title)
            break


# ---------------------------------------------------------------------------------------------- splitting runs


def splits(run: str, parts: int) -> Iterator[list[str]]:
    """Every way to cut a run of digits into ``parts`` numbers without leading zeros."""
    count = 0

    def rec(i: int, left: int, acc: list[str]) -> Iterator[list[str]]:
        nonlocal count
        count += 1
        if count > _LIMIT:
            return
        if left == 1:
            piece = run[i:]
            if piece and (piece == "0" or not piece.startswith("0")):
                yield acc + [piece]
            return
        for j in range(i + 1, len(run) - left + 2):
            piece = run[i:j]
            if piece != "0" and piece.startswith("0"):
                break
            yield from rec(j, left - 1, acc + [piece])

    if re.fullmatch(r"\d+", run):
        yield from rec(0, parts, [])


def split_row(run: str) -> list[list[str]]:
    """The ways a 表三 row's run splits into 6 numbers and their 总计."""
    spaced = run.split()
    if len(spaced) == 7 and all(re.fullmatch(r"\d+", t) for t in spaced) and \
            sum(map(int, spaced[:6])) == int(spaced[6]):
        return [spaced]
    flat = "".join(spaced)
    if len(flat) > 42:  # seven numbers of six digits each at most: longer runs are not one row
        return []
    return [s for s in splits(flat, 7) if sum(map(int, s[:6])) == int(s[6])]


def split_table4(run: str) -> list[list[str]]:
    """The ways 表四's run splits into three blocks of four results and their 总计."""
    spaced = run.split()
    if len(spaced) == 15 and all(re.fullmatch(r"\d+", t) for t in spaced):
        return [spaced]
    flat = "".join(spaced)
    if len(flat) > 60:
        return []
    out: list[list[str]] = []
    for first in range(5, len(flat) - 9):
        for second in range(first + 5, len(flat) - 4):
            blocks = [flat[:first], flat[first:second], flat[second:]]
            options = [[s for s in splits(b, 5) if sum(map(int, s[:4])) == int(s[4])] for b in blocks]
            if all(options):
                out.extend(a + b + c for a in options[0] for b in options[1] for c in options[2])
            if len(out) > 1:
                return out
    return out


# ---------------------------------------------------------------------------------------------- the tables


def _runs(part: str, bodies: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(row id, label as found, the text up to the next label) for each label found in order."""
    found: list[tuple[str, int, int]] = []
    pos = 0
    for row_id, body in bodies:
        pattern = re.escape(body).replace("“", "[“\"]?").replace("”", "[”\"]?")
        number = row_id[-1] if row_id[-1].isdigit() else None
        prefix = rf"(?:{number}\s*[.、．]\s*)?" if number else ""
        match = re.search(prefix + pattern, part[pos:])
        if not match:
            continue
        start, end = pos + match.start(), pos + match.end()
        if row_id == "三（二）":  # the long label of （二）, to its closing bracket
            close = part.find("）", end)
            if 0 <= close - end <= 30 and "区分处理" in part[end:close]:
                end = close + 1
        found.append((row_id, start, end))
        pos = end
    out = []
    for k, (row_id, start, end) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else len(part)
        out.append((row_id, part[start:end], part[end:stop]))
    return out


def _digits(text: str) -> str:
    # Keep digits and the spaces between them; drop group labels such as “（三）不予公开”, “三、本年度办理结果”.
    text = re.sub(r"[^\d\s.\-]", " ", text)
    return re.sub(r"\d{1,2}\s*[.、]\s*$", "", text.rstrip()).strip()


def _table3_rows(part: str, findings: list[Finding]) -> list[list[str | None]]:
    runs = _runs(part, list(_T3_BODIES))
    if "三（六）1" in [r for r, _, _ in runs]:
        runs = [r for r in runs if r[0] != "三（六）"]
    options: dict[str, list[list[str]]] = {}
    texts: dict[str, str] = {}
    for row_id, _, tail in runs:
        text = _digits(re.split(r"四、政府信息公开", tail)[0])
        texts[row_id] = text
        options[row_id] = split_row(text)
    _resolve_by_columns(options)
    rows: list[list[str | None]] = []
    for row_id, choices in options.items():
        if len(choices) == 1:
            rows.append([_t3_label(row_id), *choices[0]])
            continue
        text = texts[row_id]
        why = "没有一种拆分能使各列之和等于总计" if not choices else f"有 {len(choices)} 种拆分都符合本行总计和各列合计"
        findings.append(uncertain(
            f"表三“{L.t3_row_name(row_id)}”一行的数字在原文中连在一起（{text}），{why}，无法确定各列，未读入",
            f"{L.TABLE3}/{row_id}", quote=text, section=L.TABLE3))
    return rows


def _resolve_by_columns(options: dict[str, list[list[str]]]) -> None:
    """Narrow rows with several splits by the column arithmetic: Σ results = （七）, 一 + 二 = （七） + 四.

    A split survives only if some choice for the other open rows makes every column add up.
    """
    import itertools

    results = [r for r in options if r.startswith("三") and r != "三（七）"]
    equations = [(results, ["三（七）"]), (["一", "二"], ["三（七）", "四"])]
    changed = True
    while changed:
        changed = False
        for left, right in equations:
            rows = left + right
            if any(r not in options or not options[r] for r in rows):
                continue
            open_rows = [r for r in rows if len(options[r]) > 1]
            combos = 1
            for r in open_rows:
                combos *= len(options[r])
            if not open_rows or combos > 5000:
                continue
            alive: dict[str, list[list[str]]] = {r: [] for r in open_rows}
            for pick in itertools.product(*(options[r] for r in open_rows)):
                trial = {r: options[r][0] for r in rows} | dict(zip(open_rows, pick, strict=True))
                sums = [[sum(int(trial[r][c]) for r in side) for c in range(7)] for side in (left, right)]
                if sums[0] == sums[1]:
                    for r, choice in zip(open_rows, pick, strict=True):
                        if choice not in alive[r]:
                            alive[r].append(choice)
            for r in open_rows:
                if alive[r] and len(alive[r]) < len(options[r]):
                    options[r] = alive[r]
                    changed = True


def _t3_label(row_id: str) -> str:
    if row_id == "三（六）":
        return L.G_OTHER
    return L.TABLE3_ROW[row_id].label


def _table4_rows(part: str, findings: list[Finding]) -> list[list[str | None]]:
    tail = part.split("尚未审结总计")[-1]
    text = _digits(tail)
    options = split_table4(text)
    header: list[list[str | None]] = [[L.REVIEW, L.LITIGATION]]
    if len(options) == 1:
        return header + [list(options[0])]
    why = "没有一种拆分能使各项之和等于总计" if not options else f"有 {len(options)} 种拆分都符合总计"
    findings.append(uncertain(f"表四的数字在原文中连在一起（{text}），{why}，无法确定各格，未读入", L.TABLE4,
                              quote=text, section=L.TABLE4))
    return header


def _table2_rows(part: str, findings: list[Finding]) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    legacy = any(word in part for word in ("本年新制作数量", "上一年项目数量", "政府集中采购"))
    found: list[tuple[str, int, int]] = []
    for label in _T2_ROWS:
        for match in re.finditer(re.escape(label), part):
            if label == "规范性文件" and part[max(0, match.start() - 2): match.start()] == "行政":
                continue
            found.append((label, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    if legacy:
        rows.append(["信息内容", *L.T2_2019_COLUMNS["规章"]])
    for k, (label, _, end) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else len(part)
        tail = re.split(r"第二十条|信息内容|三、收到", part[end:stop])[0]
        text = tail.strip()
        width = len(L.T2_2019_COLUMNS.get(label, ())) if legacy else \
            next(len(r.columns) for r in L.TABLE2_ROWS if r.label == label)
        pieces = text.split()
        if width == 1 or (len(pieces) == width):
            values = [text] if width == 1 else pieces
        else:
            flat = "".join(pieces)
            options = list(splits(flat, width)) if re.fullmatch(r"\d+", flat) else []
            if len(options) != 1:
                table = L.LEGACY_TABLE2 if legacy else L.TABLE2
                findings.append(uncertain(
                    f"表二“{label}”一行的 {width} 个数在原文中连在一起（{flat}），表中没有能确定拆分的勾稽关系，未读入",
                    f"{table}/{label}", quote=flat, section=L.TABLE2))
                continue
            values = options[0]
        rows.append([label, *values])
    return rows
