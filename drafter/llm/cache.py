"""An on-disk cache of model answers, keyed by sha256 of (model, messages, parameters); it never holds a key.

One JSON file per answer under ``directory/ab/abcdef….json``; writes are atomic, so threads and processes can
share it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE_VERSION = 1


class Cache:
    """Answers by request; ``get`` returns None for a miss or an unreadable entry."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @classmethod
    def in_home(cls, home: Path) -> Cache:
        """The cache in drafter's home directory (``drafter_home(env)``)."""
        return cls(Path(home) / "cache" / "llm")

    @staticmethod
    def key_for(model: str, messages: list[dict[str, Any]], params: dict[str, Any]) -> str:
        """A stable key for a request: the same model, messages and parameters give the same key."""
        payload = json.dumps({"v": CACHE_VERSION, "model": model, "messages": messages, "params": params},
                             ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        value = entry.get("value") if isinstance(entry, dict) else None
        return value if isinstance(value, str) else None

    def put(self, key: str, value: str) -> None:
        """Store an answer; a cache that cannot be written is skipped silently (it only saves time)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"value": value, "created": time.time()}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            return

    def clear(self) -> int:
        """Remove every entry; returns how many were removed."""
        removed = 0
        for path in self.directory.glob("*/*.json"):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
        return removed
