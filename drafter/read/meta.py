"""Metadata a report states in its head: publication date, contact details, website (only what is printed)."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Any

_DATE = re.compile(r"(?:发布(?:时间|日期)|成文日期|日期)[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
_ADDRESS = re.compile(r"(?:联系)?地址[:：]\s*([^，,；;）)。]{4,60})")
_POSTCODE = re.compile(r"邮(?:政编码|编)[:：]?\s*(\d{6})")
_PHONE = re.compile(r"(?:联系)?电话(?:/传真)?[:：]\s*((?:\d{3,4}[-－—])?\d{7,8}(?:[-－]\d{1,4})?)")
_EMAIL = re.compile(r"(?:电子)?邮箱[:：]\s*([\w.\-]+@[\w\-]+(?:\.[\w\-]+)+)")
_WEBSITE = re.compile(r"((?:https?://)?www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)", re.IGNORECASE)


def head_metadata(head: str, preface: str) -> dict[str, Any]:
    """基本信息 entries found in the page head and the preface (Chinese keys, as in a figures file)."""
    out: dict[str, Any] = {}
    match = _DATE.search(head)
    if match:
        with contextlib.suppress(ValueError):
            out["发布日期"] = date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    flat = re.sub(r"\s+", "", preface)  # lines wrapped inside an address or a phone number
    contact = {}
    for key, pattern in (("地址", _ADDRESS), ("邮编", _POSTCODE), ("电话", _PHONE), ("电子邮箱", _EMAIL)):
        found = pattern.search(flat)
        if found:
            contact[key] = found.group(1).strip()
    if contact:
        out["联系方式"] = contact
    site = _WEBSITE.search(flat)
    if site:
        out["网站"] = site.group(1)
    return out
