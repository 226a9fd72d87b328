"""The LLM layer's own cost against a local chat-completions server (tests/fakeserver.py) that answers instantly,
and its concurrency against one that takes 1 s per call.

Run: python benchmarks/bench_llm.py [--runs N]. Prints medians; see benchmarks/README-llm.md for recorded numbers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import FAKE_KEY, FakeLLMServer, answer  # noqa: E402

from drafter.llm import build_client, complete  # noqa: E402
from drafter.llm.cache import Cache  # noqa: E402
from drafter.llm.calllog import CallLog  # noqa: E402
from drafter.llm.settings import LLMSettings  # noqa: E402

BODY = "（一）主动公开\n本年度主动公开政府信息120条。" * 20  # ~600 characters, ~200 streamed deltas
MESSAGES = [{"role": "system", "content": "你是公文写作助手。"}, {"role": "user", "content": "写总体情况。" * 200}]

ONE_CALL = """
import sys, time
t0 = time.perf_counter()
from drafter.llm.settings import LLMSettings
from drafter.llm import build_client, complete
s = LLMSettings(model="bench", base_url=sys.argv[1], api_key=sys.argv[2])
t1 = time.perf_counter()
client = build_client(s)
t2 = time.perf_counter()
complete(client, s, [{"role": "user", "content": "hi"}])
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def median_of(runs: int, func) -> float:
    """The median wall time of ``runs`` calls (the best one, when BENCH_STAT=min: steadier on a busy machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times) if os.environ.get("BENCH_STAT") == "min" else statistics.median(times)


def bench_overhead(server: FakeLLMServer, runs: int) -> None:
    settings = LLMSettings(model="bench", base_url=server.url, api_key=FAKE_KEY)
    client = build_client(settings)
    server.always(answer(BODY), times=runs * 4 + 10)
    complete(client, settings, MESSAGES)  # warm the connection
    raw_plain = median_of(runs, lambda: client.chat.completions.create(model="bench", messages=MESSAGES))

    def raw_stream() -> None:
        for _ in client.chat.completions.create(model="bench", messages=MESSAGES, stream=True,
                                                stream_options={"include_usage": True}):
            pass

    raw_streamed = median_of(runs, raw_stream)
    plain = median_of(runs, lambda: complete(client, settings, MESSAGES, stream=False))
    streamed = median_of(runs, lambda: complete(client, settings, MESSAGES, on_token=lambda _: None))
    stat = "best" if os.environ.get("BENCH_STAT") == "min" else "median"
    print(f"per call, instant server ({stat} of {runs}):")
    print(f"  openai client alone, plain      {ms(raw_plain)}")
    print(f"  complete(), plain               {ms(plain)}   (+{ms(plain - raw_plain).strip()})")
    print(f"  openai client alone, streamed   {ms(raw_streamed)}")
    print(f"  complete(), streamed            {ms(streamed)}   (+{ms(streamed - raw_streamed).strip()})")

    with tempfile.TemporaryDirectory() as home:
        cache, log = Cache.in_home(Path(home)), CallLog.in_home(Path(home))
        complete(client, settings, MESSAGES, cache=cache, log=log)
        before = len(server.requests)
        hit = median_of(runs, lambda: complete(client, settings, MESSAGES, cache=cache, log=log))
        logged = median_of(runs, lambda: log.record(model="bench", outcome="ok", latency=0.1))
        print(f"  cache hit (with log)            {ms(hit)}   requests made: {len(server.requests) - before}")
        print(f"  one call-log record             {ms(logged)}")


def bench_process(server: FakeLLMServer, runs: int) -> None:
    server.reset().always(answer(BODY), times=runs + 2)
    rows = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        out = subprocess.run([sys.executable, "-c", ONE_CALL, server.url, FAKE_KEY], capture_output=True,
                             text=True, check=True).stdout
        total = time.perf_counter() - start
        rows.append([*map(float, out.split()), total, _children_cpu() - cpu])
    best = os.environ.get("BENCH_STAT") == "min"
    imports, build, call, total, cpu = ((min if best else statistics.median)(col) for col in zip(*rows, strict=True))
    print(f"whole process, one streamed call to an instant server ({'best' if best else 'median'} of {runs}):")
    print(f"  import drafter.llm.settings + llm     {ms(imports)}")
    print(f"  build_client (imports openai)   {ms(build)}")
    print(f"  first complete()                {ms(call)}")
    print(f"  process wall time               {ms(total)}")
    print(f"  process CPU time (user+sys)     {ms(cpu)}")


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def bench_concurrency(server: FakeLLMServer) -> None:
    settings = LLMSettings(model="bench", base_url=server.url, api_key=FAKE_KEY)
    client = build_client(settings)
    server.reset().always(answer(BODY, delay=1.0), times=4)
    for workers in (1, 2):
        start = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda _: complete(client, settings, MESSAGES), range(2)))
        print(f"two 1-second calls, {workers} thread(s)       {ms(time.perf_counter() - start)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    server = FakeLLMServer().start()
    try:
        bench_overhead(server, runs)
        bench_process(server, max(5, runs // 2))
        bench_concurrency(server)
    finally:
        server.close()


if __name__ == "__main__":
    main()
