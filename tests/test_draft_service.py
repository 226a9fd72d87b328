"""``drafter draft`` against a service that is slow, single-slot or failing, through the fake server: parts
requested --parallel at a time, a failed part named and the finished one kept, batches that lose nothing,
JSON errors, outputs checked before any call, Ctrl-C, and the models a server says it serves."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import EXAMPLE_FIGURES, EXAMPLE_PART_1, ROOT, read_terminal, run_cli
from fakeserver import FAKE_KEY, answer, provider_error, status

pytest_plugins = ["conftest_llm"]

GOOD_1 = EXAMPLE_PART_1
GOOD_5 = ("（一）存在的主要问题\n一是主动公开的深度和广度还不够，政策解读形式较为单一。"
          "二是依申请公开渠道的知晓度不高，全年未收到政府信息公开申请。\n"
          "（二）改进措施\n一是拓宽公开渠道，丰富政策解读形式，做好群众关注热点的回应。"
          "二是在政府信息公开专栏醒目位置更新政府信息公开指南，方便公众依法申请。")
PART_1, PART_5 = "总体情况", "存在的主要问题"  # words that route a request to one part's script
REFUSED = status(400, {"error": {"message": "invalid parameter", "type": "invalid_request_error"}})


def draft(server, *args, figures=(str(EXAMPLE_FIGURES),), env=None):
    full_env = {"OPENAI_API_KEY": FAKE_KEY, **(env or {})}
    return run_cli("draft", *figures, "-m", "fake-model", "--base-url", server.url, "--max-repairs", "0", *args,
                   env=full_env)


# 3. --parallel: how many parts are requested at once.

def test_a_server_of_ones_own_gets_one_part_at_a_time_and_the_other_waits(fake_llm):
    fake_llm.route(PART_1, answer(GOOD_1, delay=0.3)).route(PART_5, answer(GOOD_5, delay=0.3))
    result = draft(fake_llm, "--section", "all")
    assert result.returncode == 0, result.stderr
    assert fake_llm.most_at_once == 1 and len(fake_llm.requests) == 2
    assert "等待中" in result.stderr and "同时只请求 1 个部分" in result.stderr


def test_parallel_2_requests_both_parts_at_once(fake_llm):
    fake_llm.route(PART_1, answer(GOOD_1, delay=0.5)).route(PART_5, answer(GOOD_5, delay=0.5))
    result = draft(fake_llm, "--section", "all", "--parallel", "2")
    assert result.returncode == 0, result.stderr
    assert fake_llm.most_at_once == 2 and "等待中" not in result.stderr


def test_parallel_from_the_config_file(fake_llm, isolated_env):
    (isolated_env / "config.toml").write_text("parallel = 2\n", encoding="utf-8")
    fake_llm.route(PART_1, answer(GOOD_1, delay=0.5)).route(PART_5, answer(GOOD_5, delay=0.5))
    result = draft(fake_llm, "--section", "all")
    assert result.returncode == 0, result.stderr
    assert fake_llm.most_at_once == 2
    shown = run_cli("config", "show")
    assert "parallel = 2" in shown.stdout


def test_parallel_limits_the_whole_batch(fake_llm, tmp_path):
    files = [str(shutil.copyfile(EXAMPLE_FIGURES, tmp_path / f"{n}.yaml")) for n in "abc"]
    fake_llm.route(PART_1, *[answer(GOOD_1, delay=0.2)] * 3)
    result = draft(fake_llm, "--section", "overview", "-j", "3", "-o", str(tmp_path), "--no-cache", figures=files)
    assert result.returncode in (0, 1), result.stderr  # the full reports hold 五's placeholder
    assert fake_llm.most_at_once == 1 and len(fake_llm.requests) == 3


# 4. One part's failure keeps the other part's text; a batch keeps every finished draft.

def test_a_failed_part_is_named_and_the_finished_part_is_reused_without_a_call(fake_llm):
    fake_llm.route(PART_1, answer(GOOD_1)).route(PART_5, REFUSED)
    first = draft(fake_llm, "--section", "all", "--parallel", "2")
    assert first.returncode == 3
    assert "第五部分（存在的主要问题及改进情况）起草失败" in first.stderr
    assert "已完成的第一部分" in first.stderr and "缓存" in first.stderr
    fake_llm.reset()
    fake_llm.route(PART_5, answer(GOOD_5))
    second = draft(fake_llm, "--section", "all", "--format", "json")
    assert second.returncode == 0, second.stderr
    assert len(fake_llm.requests) == 1 and PART_5 in json.dumps(fake_llm.requests[0].body, ensure_ascii=False)
    assert "［一］使用缓存的回答，未调用大模型" in second.stderr
    assert json.loads(second.stdout)["sections"]["一"] == GOOD_1


def test_no_cache_still_keeps_the_finished_part_for_the_next_run(fake_llm):
    fake_llm.route(PART_1, answer(GOOD_1)).route(PART_5, REFUSED)
    assert draft(fake_llm, "--section", "all", "--no-cache").returncode == 3
    fake_llm.reset()
    fake_llm.route(PART_5, answer(GOOD_5))
    assert draft(fake_llm, "--section", "all").returncode == 0
    assert len(fake_llm.requests) == 1


def test_one_failed_call_in_a_batch_does_not_discard_the_others(fake_llm, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    files = [str(shutil.copyfile(EXAMPLE_FIGURES, tmp_path / f"{n}.yaml")) for n in ("a", "b", "c")]
    fake_llm.script(answer(GOOD_1), answer(GOOD_1), REFUSED)  # whichever report asks third fails
    result = draft(fake_llm, "--section", "overview", "-j", "3", "-o", str(out), "--parallel", "1", "--no-cache",
                   figures=files)
    assert result.returncode == 3, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2
    failed = [f for f in files if f"{os.path.basename(f)[0]}-draft.md" not in written]
    assert len(failed) == 1
    assert f"{failed[0]}：第一部分（总体情况）起草失败" in result.stderr
    assert "2 个已起草，1 个" in result.stderr


def test_a_batch_in_json_lists_drafts_and_errors(fake_llm, tmp_path):
    files = [str(shutil.copyfile(EXAMPLE_FIGURES, tmp_path / f"{n}.yaml")) for n in ("a", "b")]
    fake_llm.script(answer(GOOD_1), REFUSED)
    result = draft(fake_llm, "--section", "overview", "-j", "2", "--format", "json", "--no-cache", figures=files)
    assert result.returncode == 3
    doc = json.loads(result.stdout)
    assert len(doc["drafts"]) == 1 and len(doc["errors"]) == 1
    error = doc["errors"][0]
    assert error["file"] in files and error["part"] == "一" and error["cause"] == "bad_request"


# 11. --format json on a failed call: one JSON document with the error.

def test_json_output_on_a_failed_call(fake_llm):
    fake_llm.script(provider_error("deepseek_balance"))
    result = draft(fake_llm, "--section", "overview", "--format", "json")
    assert result.returncode == 3
    doc = json.loads(result.stdout)
    assert doc["error"]["cause"] == "balance" and doc["error"]["part"] == "一"
    assert "余额" in doc["error"]["message"] and doc["error"]["finished"] == []
    assert "余额" in result.stderr


# 12. Every output path is checked before the first call.

@pytest.mark.parametrize("where", ["missing/报告.md", "folder", "a-file.txt/报告.md"])
def test_an_output_that_cannot_be_written_is_refused_before_any_call(fake_llm, tmp_path, where):
    (tmp_path / "folder").mkdir()
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    result = draft(fake_llm, "-o", str(tmp_path / where))
    assert result.returncode == 2, result.stderr
    assert ("不存在" in result.stderr) or ("文件夹" in result.stderr)
    assert fake_llm.requests == [] and "Traceback" not in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into any folder")
def test_an_unwritable_folder_is_refused_before_any_call(fake_llm, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = draft(fake_llm, "-o", str(folder / "报告.md"))
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2 and "权限" in result.stderr and fake_llm.requests == []


# 10. Ctrl-C stops at once, with calls in flight.

def test_one_ctrl_c_stops_at_once_with_calls_in_flight(fake_llm, isolated_env):
    fake_llm.route(PART_1, answer(GOOD_1, delay=60)).route(PART_5, answer(GOOD_5, delay=60))
    env = {**os.environ, "OPENAI_API_KEY": FAKE_KEY, "DRAFTER_HOME": str(isolated_env)}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "draft", str(EXAMPLE_FIGURES), "-m", "fake-model",
                             "--base-url", fake_llm.url, "--parallel", "2"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):  # until both parts are being answered (a poll, not a timing assertion)
            if fake_llm.in_flight == 2 or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert fake_llm.in_flight == 2
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)  # the server would answer after 60 s
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "已中断" in err and "Traceback" not in err


# 8. The models a server of one's own says it serves.

def test_a_model_name_the_server_does_not_serve_is_noted(fake_llm):
    fake_llm.models = ["qwen2.5-coder-1.5b-instruct"]
    fake_llm.route(PART_1, answer(GOOD_1))
    result = draft(fake_llm, "--section", "overview")
    assert result.returncode == 0, result.stderr
    assert "qwen2.5-coder-1.5b-instruct" in result.stderr and "没有 “fake-model”" in result.stderr
    assert "本机服务" in result.stderr


def test_model_not_found_lists_the_served_models(fake_llm):
    fake_llm.models = ["llama3:8b", "qwen2.5:7b"]
    fake_llm.script(provider_error("model_not_found"))
    result = draft(fake_llm, "--section", "overview")
    assert result.returncode == 3
    assert "该服务提供的模型：llama3:8b、qwen2.5:7b" in result.stderr


# 14. The live view in a real (pseudo-)terminal of 80×24.

def test_the_live_view_in_an_80_by_24_terminal(fake_llm, isolated_env):
    import fcntl
    import pty
    import struct
    import termios

    bold = GOOD_1.replace("（一）主动公开", "**（一）主动公开**")
    fake_llm.route(PART_1, answer(bold, chunk_size=4, chunk_delay=0.01))
    fake_llm.route(PART_5, answer("## " + GOOD_5, chunk_size=4, chunk_delay=0.01))
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "OPENAI_API_KEY": FAKE_KEY, "DRAFTER_HOME": str(isolated_env), "TERM": "xterm",
           "COLUMNS": "80", "LINES": "24"}
    process = subprocess.Popen([sys.executable, "-m", "drafter", "draft", str(EXAMPLE_FIGURES), "-m", "fake-model",
                                "--base-url", fake_llm.url, "--max-repairs", "0"], cwd=ROOT, env=env,
                               stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    seen = read_terminal(leader)
    process.wait(timeout=60)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert process.returncode == 0, text
    assert "等待中" in text  # one part at a time on a server of one's own: the other one says it waits
    frames = text.split("\x1b[2K")  # rich redraws the live area line by line
    assert any("一、总体情况" in f for f in frames) and any("五、存在的主要问题" in f for f in frames)
    last_panel = text.rfind("╰")
    assert last_panel < text.find("［一］本次调用") and last_panel < text.find("［五］本次调用")  # notes after the view
    assert "**" not in text and "## " not in text
    assert "Traceback" not in text


def test_a_single_slot_server_that_interrupts_completes_a_two_part_draft(fake_llm):
    fake_llm.interrupt_on_new = True
    fake_llm.route(PART_1, *[answer(GOOD_1, chunk_size=2, chunk_delay=0.01)] * 3)
    fake_llm.route(PART_5, *[answer(GOOD_5, chunk_size=2, chunk_delay=0.01)] * 3)
    result = draft(fake_llm, "--section", "all", "--format", "json")  # the default: one part at a time
    assert result.returncode == 0, result.stderr
    assert fake_llm.interrupted == 0 and len(fake_llm.requests) == 2
    doc = json.loads(result.stdout)
    assert doc["sections"]["一"] == GOOD_1 and doc["sections"]["五"] == GOOD_5


def test_an_interrupted_part_is_retried_not_accepted(fake_llm):
    fake_llm.interrupt_on_new = True
    fake_llm.route(PART_1, *[answer(GOOD_1, chunk_size=2, chunk_delay=0.02)] * 8)
    fake_llm.route(PART_5, *[answer(GOOD_5, chunk_size=2, chunk_delay=0.02, delay=0.3)] * 8)
    result = draft(fake_llm, "--section", "all", "--format", "json", "--parallel", "2")
    assert fake_llm.interrupted >= 1  # part 五's request cut part 一's stream
    if result.returncode == 0:
        doc = json.loads(result.stdout)
        assert doc["sections"]["一"] == GOOD_1 and doc["sections"]["五"] == GOOD_5  # never the cut text
    else:
        assert result.returncode == 3 and "中断" in result.stderr


def test_a_hosted_providers_default_is_per_report_in_a_batch_and_an_explicit_one_is_the_total():
    from drafter.cli.draft import _batch_parallel
    from drafter.draft.drafting import LLMEngine
    from drafter.draft.prompts import load_prompts
    from drafter.llm.settings import LLMSettings

    def engine(url, parallel=None):
        return LLMEngine(None, LLMSettings(model="m", base_url=url, parallel=parallel), load_prompts())

    hosted, own, fixed = engine("https://api.deepseek.com"), engine("http://127.0.0.1:8080/v1"), \
        engine("https://api.deepseek.com", parallel=3)
    for e in (hosted, own, fixed):
        _batch_parallel(e, reports=10, jobs=4)
    assert (hosted.parallel, own.parallel, fixed.parallel) == (8, 1, 3)


def test_regenerate_in_json_reports_a_failed_call_and_leaves_the_file(fake_llm, tmp_path):
    from conftest import SEED

    report = tmp_path / "报告.txt"
    shutil.copyfile(SEED, report)
    before = report.read_bytes()
    fake_llm.script(provider_error("deepseek_balance"))
    result = run_cli("regenerate", "problems", str(report), "--figures", str(EXAMPLE_FIGURES), "-m", "fake-model",
                     "--base-url", fake_llm.url, "--format", "json", env={"OPENAI_API_KEY": FAKE_KEY})
    assert result.returncode == 3
    doc = json.loads(result.stdout)
    assert doc["error"]["cause"] == "balance" and doc["error"]["part"] == "五" and doc["error"]["replaced"] is False
    assert report.read_bytes() == before
