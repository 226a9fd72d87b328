"""The ``fake_llm`` fixture: a running fake chat-completions server (see ``fakeserver.py``).

Register it in a test module with ``pytest_plugins = ["conftest_llm"]``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakeserver import FakeLLMServer


@pytest.fixture
def fake_llm() -> Iterator[FakeLLMServer]:
    """A running fake chat-completions server on 127.0.0.1, closed after the test."""
    server = FakeLLMServer().start()
    try:
        yield server
    finally:
        server.close()
