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
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
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
        _allow_unknown_tokens(connection)
        return connection

    def record(self, *, model: str, outcome: str, provider: str | None = None, host: str | None = None,
               prompt_tokens: int | None = 0, completion_tokens: int | None = 0, latency: float = 0.0,
               cached: bool = False, attempts: int = 1, time: datetime | None = None) -> None:
        """Add one call; a log that cannot be written never fails the call it records.

        Tokens are None (NULL) when the service reported no usage: unknown, not 0.
        """
        when = (time or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        row = (when, model, provider, host, _tokens(prompt_tokens), _tokens(completion_tokens), round(latency * 1000),
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


def _tokens(value: int | None) -> int | None:
    return None if value is None else int(value)


def _allow_unknown_tokens(connection: sqlite3.Connection) -> None:
    """A log written before tokens could be unknown has NOT NULL token columns: rebuild the table once."""
    columns = {row[1]: row[3] for row in connection.execute("PRAGMA table_info(calls)")}
    if not columns.get("prompt_tokens"):
        return
    with connection:
        connection.execute("ALTER TABLE calls RENAME TO calls_old")
        connection.execute(_SCHEMA)
        connection.execute(f"INSERT INTO calls (id, {', '.join(_COLUMNS)}) SELECT id, {', '.join(_COLUMNS)} "
                           "FROM calls_old")
        connection.execute("DROP TABLE calls_old")
