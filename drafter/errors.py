"""The one hierarchy of drafter's exceptions.

Every error carries its context (file, key path, line, attempts …) and a Chinese message with how to fix it.
The CLI turns them into exit codes: ``InputError`` → 2, ``LLMError`` → 3.
"""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """Root of drafter's errors; ``message`` is a complete Chinese sentence for the user."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.path}：{self.message}" if self.path else self.message
        return f"{text}（{self.hint}）" if self.hint else text


class InputError(DrafterError):
    """Raised when an input file cannot be used: missing, unreadable, too large, not a report, not valid YAML."""


class FiguresError(InputError):
    """Raised when a figures file is readable but does not fit the figures model (a typo'd key, text in a number cell).

    ``problems`` lists one ``(key_path, message)`` per defect, so that all of them can be shown at once.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, problems: list[tuple[str, str]] | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, path=path, hint=hint)
        self.problems = problems or []

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        lines = [head] + [f"  · {loc}：{msg}" if loc else f"  · {msg}" for loc, msg in self.problems]
        return "\n".join(lines)


class ImportFailed(InputError):
    """Raised when a document is readable but holds no annual report (a 工作总结, an empty page, a scanned PDF)."""


class LLMError(DrafterError):
    """Raised when the LLM service fails after retries: unreachable, auth, balance, rate limit, refusal, garbage.

    ``cause`` is a short stable code (``no_key``, ``auth``, ``balance``, ``rate_limit``, ``moderation``, ``timeout``,
    ``connection``, ``truncated``, ``empty``, ``server``); ``attempts`` how many calls were made.
    """

    exit_code = 3
    part: str | None = None  # the report part whose call failed (“一”, “五”), when drafting
    parts: tuple[str, ...] = ()  # every part that failed
    finished: tuple[str, ...] = ()  # the parts that were drafted (their answers are cached)

    def __init__(self, message: str, *, cause: str, hint: str | None = None, attempts: int = 1,
                 last_reply: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.cause = cause
        self.attempts = attempts
        self.last_reply = last_reply
