"""A SQLite log of every LLM call: time, model, service host, tokens, latency, outcome, cached. Never a key,
never a prompt or an answer.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT,
    host TEXT,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    latency_ms INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL,
    cached INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 1
)
"""
_COLUMNS = ("time", "model", "provider", "host", "prompt_tokens", "completion_tokens", "latency_ms", "outcome",
            "cached", "attempts")


class CallLog:
    """Append and read call records; one short-lived connection per operation, so threads may share it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    @classmethod
    def in_home(cls, home: Path) -> CallLog:
        """The log in drafter's home directory (``drafter_home(env)``)."""
        return cls(Path(home) / "logs.db")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        # A log line lost in a power cut is no loss; an fsync per call on a busy disk costs more than the call.
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute(_SCHEMA)
        return connection

    def record(self, *, model: str, outcome: str, provider: str | None = None, host: str | None = None,
               prompt_tokens: int = 0, completion_tokens: int = 0, latency: float = 0.0, cached: bool = False,
               attempts: int = 1, time: datetime | None = None) -> None:
        """Add one call; a log that cannot be written never fails the call it records."""
        when = (time or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        row = (when, model, provider, host, int(prompt_tokens), int(completion_tokens), round(latency * 1000),
               outcome, int(cached), int(attempts))
        try:
            with self._lock, self._connect() as connection:
                connection.execute(f"INSERT INTO calls ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * 10)})", row)
            connection.close()
        except (sqlite3.Error, OSError):  # e.g. DRAFTER_HOME is a file, or a read-only folder
            return

    def latest(self, n: int = 20) -> list[dict[str, Any]]:
        """The ``n`` most recent calls, newest first."""
        if not self.path.is_file():
            return []
        try:
            with self._lock:
                connection = self._connect()
                try:
                    connection.row_factory = sqlite3.Row
                    rows = connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM calls ORDER BY id DESC LIMIT ?",
                                              (max(0, n),)).fetchall()
                finally:
                    connection.close()
        except (sqlite3.Error, OSError):
            raise InputError("调用记录文件已损坏或无法读取", path=self.path,
                             hint="可删除该文件，drafter 会在下次调用大模型时重新建立") from None
        return [{**dict(row), "cached": bool(row["cached"])} for row in rows]
