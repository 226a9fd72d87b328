"""The answer inside a model's reply: reasoning blocks dropped (also while streaming), fences and chatter removed."""

from __future__ import annotations

import re

_OPEN = ("<think>", "<thinking>", "<reasoning>")
_CLOSE = ("</think>", "</thinking>", "</reasoning>")
_LONGEST = max(len(t) for t in _OPEN + _CLOSE)
_BLOCK = re.compile(r"<(think|thinking|reasoning)>.*?(?:</\1>|\Z)", re.S | re.I)
_LONE_CLOSE = re.compile(r"^.*?</(?:think|thinking|reasoning)>", re.S | re.I)
_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
_FENCE_LINE = re.compile(r"^[ \t]*(```|~~~)[\w+-]*[ \t]*$\n?", re.M)
# An opening line that talks to the user instead of drafting: “好的，以下是……：”, “根据您提供的材料，……如下：”.
_LEAD = re.compile(r"^(?:好的|当然|明白|收到|没问题|(?:根据|按照|遵照|依据)(?:您|你)|以下是|下面是|这是|为您|我已|我将)"
                   r"[^\n《》]{0,80}$")
_TRAIL = re.compile(r"^(?:如需|如果需要|如有需要|若需|希望|以上(?:内容|草稿|文字|是)|注[:：]|说明[:：]|（注|\(注)[^\n]*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S)


class ThinkFilter:
    """Feed streamed text; get back only what lies outside ``<think>…</think>``, leading whitespace dropped."""

    def __init__(self) -> None:
        self._buf = ""
        self._in_think = False
        self._started = False

    def feed(self, chunk: str) -> str:
        self._buf += chunk
        out: list[str] = []
        while self._buf:
            lower = self._buf.lower()
            if self._in_think:
                hit = _first(lower, _CLOSE)
                if hit is None:
                    self._buf = self._buf[-(_LONGEST - 1):]  # a closing tag may straddle the next chunk
                    break
                at, tag = hit
                self._buf = self._buf[at + len(tag):]
                self._in_think = False
                continue
            hit = _first(lower, _OPEN)
            if hit is not None:
                at, tag = hit
                out.append(self._buf[:at])
                self._buf = self._buf[at + len(tag):]
                self._in_think = True
                continue
            cut = lower.rfind("<")
            if cut >= 0 and any(t.startswith(lower[cut:]) for t in _OPEN) and len(lower) - cut < _LONGEST:
                out.append(self._buf[:cut])
                self._buf = self._buf[cut:]
            else:
                out.append(self._buf)
                self._buf = ""
            break
        return self._emit("".join(out))

    def flush(self) -> str:
        """What is left at the end of the stream (an unclosed reasoning block is dropped)."""
        rest = "" if self._in_think else self._buf
        self._buf = ""
        return self._emit(rest)

    def _emit(self, text: str) -> str:
        if not self._started:
            text = text.lstrip()
            self._started = bool(text)
        return text


def _first(text: str, tags: tuple[str, ...]) -> tuple[int, str] | None:
    hits = [(text.find(t), t) for t in tags if t in text]
    return min(hits) if hits else None


def strip_reasoning(text: str) -> str:
    """``text`` without ``<think>…</think>`` blocks, or anything before a lone ``</think>``."""
    text = _BLOCK.sub("", text)
    text = _LONE_CLOSE.sub("", text, count=1)
    return text.strip()


def clean_answer(text: str) -> str:
    """The body of a model's answer: no reasoning, no Markdown fences or bold, no “好的，以下是……” chatter."""
    text = strip_reasoning(text.replace("\r\n", "\n"))
    text = _unfence(text)
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _LEAD.match(lines[0].strip())) and len(lines) > 1:
        lines.pop(0)
    while lines and (not lines[-1].strip() or _TRAIL.match(lines[-1].strip())) and len(lines) > 1:
        lines.pop()
    text = "\n".join(lines)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _unfence(text: str) -> str:
    """The inside of a fenced block that holds most of the text; otherwise the text with fence lines removed."""
    blocks = list(_FENCE.finditer(text))
    if len(blocks) == 1:
        inside = blocks[0].group(2)
        if len(inside.strip()) >= 0.5 * len(text.strip()):
            return inside.strip()
    return _FENCE_LINE.sub("", text)
