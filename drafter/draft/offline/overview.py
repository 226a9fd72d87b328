"""Part 一、总体情况 by the offline engine: a lead paragraph and the five sub-parts, numbers from the sheet."""

from __future__ import annotations

from drafter.draft.factsheet import FactSheet
from drafter.draft.offline.phrases import Writer, join_list, notes_sentence
from drafter.figures import Notes
from drafter.numbers import find_quantities, format_figure

PLACEHOLDER = "【待补充：{}】"


def draft_overview(sheet: FactSheet, notes: Notes, *, variant: int = 0) -> str:
    """The body of part 一 (sub-headings on their own lines, paragraphs separated by blank lines)."""
    w = Writer(sheet, variant)
    blocks = [w.say("overview.lead", aim=w.say("overview.aim"))]
    subparts = [
        ("（一）主动公开", _proactive(w, sheet, notes)),
        ("（二）依申请公开", _on_request(w, sheet, notes)),
        ("（三）政府信息管理", _management(w, sheet, notes)),
        ("（四）政府信息公开平台建设", _platforms(w, sheet, notes)),
        ("（五）监督保障", _oversight(w, sheet, notes)),
    ]
    for heading, paragraphs in subparts:
        blocks.append(heading)
        blocks.extend(p for p in paragraphs if p)
    return "\n\n".join(blocks)


def _stated(notes: list[str], value: float | int | None, units: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """True when one of the clerk's points already states this figure (so the prose states it once)."""
    if value is None:
        return False
    return any(any(word in note for word in words) and
               any(q.value == value and q.unit in units for q in find_quantities(note)) for note in notes)


def _count(value: float | int, unit: str) -> str:
    return f"{format_figure(value)}{unit}"


def _proactive(w: Writer, sheet: FactSheet, notes: Notes) -> list[str]:
    we = sheet.self_name
    # Name the channel only as the figures give it; without one, say nothing more specific than “公开渠道”.
    named = [name for name, n in sheet.channels.items() if n]
    channel = named[0] if len(named) == 1 else ("、".join(named) + "等渠道" if named else "政府信息公开渠道")
    total = sheet.value("proactive.total")
    total_text = _count(total, "条") if total is not None else PLACEHOLDER.format("全年主动公开政府信息条数") + "条"
    cats = [(name, n) for name, n in sheet.categories.items() if n]
    parts = "、".join(f"{name}{n}条" for name, n in cats)
    if cats and total is not None and sum(n for _, n in cats) == total:
        first = w.say("overview.proactive.total_exact", channel=channel, total=total_text, parts=parts)
    elif cats and (total is None or sum(n for _, n in cats) < total):
        first = w.say("overview.proactive.total_partial", channel=channel, total=total_text, parts=parts)
    else:
        first = w.say("overview.proactive.total_plain", channel=channel, total=total_text)
    sentences = [first]
    channels = [(name, n) for name, n in sheet.channels.items() if n]
    if len(channels) > 1:
        sentences.append(w.say("overview.proactive.channels",
                               parts="，".join(f"通过{name}发布{n}条" for name, n in channels)))
    interp = sheet.value("interpretations")
    if interp and not _stated(notes.proactive, interp, ("条", "篇"), ("解读",)):
        sentences.append(w.say("overview.proactive.interpretations", count=_count(interp, "条")))
    sentences.extend(_table2(w, sheet))
    # A point that restates the year's total (“全年主动公开信息133条”) is said by the first sentence already.
    points = [n for n in notes.proactive if not _stated([n], total, ("条",), ("公开",))]
    return ["".join(sentences), notes_sentence(we, points)]


_TABLE2_KEYS = ("t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force", "t2.normative.issued",
                "t2.normative.repealed", "t2.normative.in_force", "t2.licensing", "t2.punishment",
                "t2.enforcement", "t2.fees")


def _table2(w: Writer, sheet: FactSheet) -> list[str]:
    if all(sheet.value(key) == 0 for key in _TABLE2_KEYS):
        return [w.say("overview.proactive.table2_none")]
    out: list[str] = []
    for key, name in (("rules", "规章"), ("normative", "行政规范性文件")):
        issued = sheet.value(f"t2.{key}.issued")
        if not issued:
            continue
        repealed = sheet.value(f"t2.{key}.repealed")
        in_force = sheet.value(f"t2.{key}.in_force")
        if in_force is None:
            continue
        out.append(w.say("overview.proactive.regulations_issued", repeat=len(out), name=name,
                         issued=_count(issued, "件"),
                         repealed=f"、废止{_count(repealed, '件')}" if repealed else "",
                         in_force=_count(in_force, "件")))
    if not sheet.value("t2.normative.issued") and sheet.has("t2.normative.issued"):
        in_force = sheet.value("t2.normative.in_force")
        clause = f"，现行有效行政规范性文件{_count(in_force, '件')}" if in_force else ""
        out.append(w.say("overview.proactive.regulations_none", in_force_clause=clause))
    decisions = [(name, sheet.value(f"t2.{key}"))
                 for key, name in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("enforcement", "行政强制"))]
    given = [(name, v) for name, v in decisions if v]
    if given:
        out.append(w.say("overview.proactive.decisions",
                         parts="、".join(f"{name}处理决定{_count(v, '件')}" for name, v in given)))
    elif all(v == 0 for _, v in decisions):
        out.append(w.say("overview.proactive.decisions_none", names=join_list([n for n, _ in decisions])))
    fees = sheet.value("t2.fees")
    if fees:
        out.append(w.say("overview.proactive.fees", amount=_count(fees, "万元")))
    return out


_GROUPS = (("public", "予以公开"), ("partial", "部分公开"), ("withheld", "不予公开"), ("unable", "无法提供"),
           ("not_processed", "不予处理"), ("other", "其他处理"))


def _on_request(w: Writer, sheet: FactSheet, notes: Notes) -> list[str]:
    we = sheet.self_name
    paragraphs = [notes_sentence(we, notes.on_request) or w.say("overview.on_request.procedure")]
    new, carried = sheet.value("t3.new"), sheet.value("t3.carried")
    if new is None:
        numbers = PLACEHOLDER.format("本年收到政府信息公开申请件数（表三“一、本年新收”）") + "。"
    elif not new and not carried:
        numbers = w.say("overview.on_request.none")
    else:
        numbers = _received(w, sheet, new, carried) + _results(w, sheet)
    paragraphs.append(numbers + _cases(w, sheet))
    return paragraphs


def _received(w: Writer, sheet: FactSheet, new: float, carried: float | None) -> str:
    natural, legal = sheet.value("t3.new.natural"), sheet.value("t3.new.legal")
    applicants = ""
    if new and natural is not None and legal is not None:
        if legal == 0:
            applicants = "，均为自然人申请"
        elif natural == 0:
            applicants = "，均为法人或其他组织申请"
        else:
            applicants = f"，其中自然人申请{_count(natural, '件')}、法人或其他组织申请{_count(legal, '件')}"
    # The carry-over in a clause of its own: after “其中…” it would read as one of the parts.
    carried_text = f"；上年结转申请{_count(carried, '件')}" if carried else ("；无上年结转申请" if new else "")
    if not new:
        return (f"{sheet.year}年，{sheet.self_name}未收到新的政府信息公开申请，"
                f"办理上年结转申请{_count(carried or 0, '件')}。")
    return w.say("overview.on_request.received", new=_count(new, "件"), applicants=applicants,
                 carried=carried_text)


def _results(w: Writer, sheet: FactSheet) -> str:
    total = sheet.value("t3.total")
    if not total:
        return ""
    parts = [f"{words}{_count(v, '件')}" for key, words in _GROUPS if (v := sheet.value(f"t3.{key}"))]
    nxt = sheet.value("t3.next")
    next_text = f"；结转下年度继续办理{_count(nxt, '件')}" if nxt else ""
    text = w.say("overview.on_request.results", total=_count(total, "件"), parts="、".join(parts), next=next_text)
    # The reasons inside the largest refusal group, when it has more than one.
    best = None
    for _key, words in _GROUPS[2:]:
        rows = [(f.label.split("（", 1)[1].rstrip("）"), f.value) for k, f in sheet.facts.items()
                if k.startswith("t3.row.") and f.label.startswith(words)]
        if len(rows) > 1 and (best is None or sum(v for _, v in rows) > sum(v for _, v in best[1])):
            best = (words, rows)
    if best:
        text += w.say("overview.on_request.detail", group=best[0],
                      parts="、".join(f"{label}{_count(v, '件')}" for label, v in best[1]))
    return text


_CASE_COLUMNS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))


def _case_parts(sheet: FactSheet, prefix: str, total: float) -> str:
    parts = [(label, v) for attr, label in _CASE_COLUMNS if (v := sheet.value(f"{prefix}.{attr}"))]
    if len(parts) == 1 and parts[0][1] == total:
        return f"，均为{parts[0][0]}"
    return "，其中" + "、".join(f"{label}{_count(v, '件')}" for label, v in parts) if parts else ""


def _outcomes(sheet: FactSheet, prefix: str) -> str:
    return "、".join(f"{label}{_count(v, '件')}" for attr, label in _CASE_COLUMNS
                    if (v := sheet.value(f"{prefix}.{attr}")))


def _suit_blocks(sheet: FactSheet, suits: float) -> str:
    """The outcomes of each kind of suit next to it: each count then matches one cell of 表四."""
    blocks = [(name, total, _outcomes(sheet, f"t4.{key}")) for key, name in (("direct", "未经复议直接起诉"),
                                                                              ("after", "复议后起诉"))
              if (total := sheet.value(f"t4.{key}.total"))]
    if not blocks:
        return _case_parts(sheet, "t4.suits", suits)
    if len(blocks) == 1:
        name, _, outcomes = blocks[0]
        return f"，均为{name}" + (f"，其中{outcomes}" if outcomes else "")
    return "。其中，" + "；".join(f"{name}{_count(total, '件')}" + (f"，{outcomes}" if outcomes else "")
                               for name, total, outcomes in blocks)


def _cases(w: Writer, sheet: FactSheet) -> str:
    review, suits = sheet.value("t4.review.total"), sheet.value("t4.suits.total")
    if review is None or suits is None:
        return ""
    if not review and not suits:
        return w.say("overview.on_request.cases_none")
    text = (w.say("overview.on_request.review", total=_count(review, "件"),
                  parts=_case_parts(sheet, "t4.review", review))
            if review else w.say("overview.on_request.review_none"))
    if suits:
        text += w.say("overview.on_request.suits", total=_count(suits, "件"), rest=_suit_blocks(sheet, suits))
    else:
        text += w.say("overview.on_request.suits_none")
    return text


def _management(w: Writer, sheet: FactSheet, notes: Notes) -> list[str]:
    we = sheet.self_name
    text = notes_sentence(we, notes.management) if notes.management else w.say("overview.management.generic")
    repealed = [(name, v) for key, name in (("rules", "规章"), ("normative", "行政规范性文件"))
                if (v := sheet.value(f"t2.{key}.repealed"))]
    if len(repealed) == 1:
        text += w.say("overview.management.repealed", name=repealed[0][0], count=_count(repealed[0][1], "件"))
    elif repealed:
        text += w.say("overview.management.repealed_both",
                      parts="、".join(f"{name}{_count(v, '件')}" for name, v in repealed))
    return [text]


def _platforms(w: Writer, sheet: FactSheet, notes: Notes) -> list[str]:
    we = sheet.self_name
    # A URL is no name to write in prose (and its digits would read as figures): name the site by its owner.
    # Where the clerk described the platforms, say only that; the general sentence about the portal column is
    # for a clerk who wrote nothing, and an own website is named only when the metadata gives one.
    if _owns_site(sheet):
        text = w.say("overview.platforms.website", site=f"{sheet.agency}网站")
    elif notes.platforms:
        text = ""
    else:
        text = w.say("overview.platforms.portal")
    fresh = [name for name in sheet.new_columns if not any(name.strip("“”\"") in n for n in notes.platforms)]
    if fresh:
        text += w.say("overview.platforms.new_columns", names="、".join(fresh))
    return [t for t in (text, notes_sentence(we, notes.platforms)) if t]


def _oversight(w: Writer, sheet: FactSheet, notes: Notes) -> list[str]:
    we = sheet.self_name
    text = notes_sentence(we, notes.oversight) if notes.oversight else w.say("overview.oversight.generic")
    sessions, trainees = sheet.value("training.sessions"), sheet.value("training.trainees")
    if sessions and not _stated(notes.oversight, sessions, ("次", "期", "场"), ("培训",)):
        text += w.say("overview.oversight.training", count=_count(sessions, "次"),
                      trainees=f"、{_count(trainees, '人次')}参训" if trainees else "")
    accountability = sheet.value("accountability")
    if any("责任追究" in n or "追责" in n for n in notes.oversight):
        pass  # the clerk's own point says it
    elif accountability == 0:
        text += w.say("overview.oversight.accountability_none")
    elif accountability:
        text += w.say("overview.oversight.accountability", count=_count(accountability, "次"))
    paragraphs = [text]
    if sheet.is_government:
        intro = w.say("overview.oversight.assessment_intro")
        if notes.assessment:
            body = notes_sentence("", notes.assessment)
        else:
            body = PLACEHOLDER.format("本年度政务公开工作考核、社会评议结果及责任追究情况") + "。"
        paragraphs.append(intro + body)
    return paragraphs


def _owns_site(sheet: FactSheet) -> bool:
    """True when the unit's website is its own (not a column of the government portal)."""
    site = (sheet.website or "").lower()
    return bool(site) and not any(word in site for word in ("门户", "专栏"))
