"""The clerk's season (issue 12): init, validate, draft, check and render agree on the files each other wrote."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from drafter.figures.file import figures_from_text, load_figures
from tests.conftest import EXAMPLE_FIGURES, ROOT, invoke

DATA = ROOT / "tests" / "data" / "season"


# ------------------------------------------------------------------------------------- the first minute


def test_bare_drafter_shows_help_and_exits_0() -> None:
    result = invoke()
    assert result.returncode == 0, result.stderr
    assert "用法：drafter" in result.stdout and "命令" in result.stdout
    assert "错误：" not in result.stdout + result.stderr


def test_regenerate_without_subcommand_shows_its_help() -> None:
    result = invoke("regenerate")
    assert result.returncode == 0
    assert "problems" in result.stdout
    assert "错误：" not in result.stdout + result.stderr and "。。" not in result.stdout + result.stderr


def test_init_quotes_postcode_and_phone(tmp_path: Path) -> None:
    out = tmp_path / "figures.yaml"
    assert invoke("init", "-o", str(out), "--agency", "某县审计局", "--year", "2025").returncode == 0
    text = out.read_text(encoding="utf-8")
    assert '邮编: ""' in text and '电话: ""' in text
    # A clerk fills the quoted postcode in; it stays text and validates.
    filled = text.replace('邮编: ""', '邮编: "010010"').replace('电话: ""', '电话: "0471-1234567"')
    out.write_text(filled, encoding="utf-8")
    assert load_figures(out).meta.contact.postcode == "010010"
    assert invoke("validate", str(out)).returncode == 0


def test_postcode_written_as_a_number_is_text(tmp_path: Path) -> None:
    base = "基本信息:\n  机关全称: 某县审计局\n  报告年度: 2025\n  联系方式:\n"
    plain = figures_from_text(base + "    邮编: 223100\n    电话: 05178888888\n")
    assert plain.meta.contact.postcode == "223100" and plain.meta.contact.phone == "05178888888"
    # YAML 1.1 reads 010010 as the octal 4104: the digits as written are kept.
    octal = figures_from_text(base + "    邮编: 010010\n    电话: 0107654321\n")
    assert octal.meta.contact.postcode == "010010" and octal.meta.contact.phone == "0107654321"


def test_a_lost_leading_zero_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "figures.json"
    path.write_text(json.dumps({"基本信息": {"机关全称": "某县审计局", "报告年度": 2025,
                                          "联系方式": {"邮编": 10010}}}, ensure_ascii=False), encoding="utf-8")
    result = invoke("validate", str(path), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    contact = [f for f in findings if f["rule"] == "meta.contact"]
    assert contact and contact[0]["severity"] == "warning" and "010010" in contact[0]["message"]
    assert "此处应为文字" not in result.stdout


def test_init_from_a_web_page_takes_the_agency_from_the_title(tmp_path: Path) -> None:
    out = tmp_path / "figures.yaml"
    result = invoke("init", "--from", str(DATA / "menu-page.html"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    figures = load_figures(out)
    assert figures.meta.agency == "某某新区" and figures.meta.year == 2025
    assert "政策文件库" not in out.read_text(encoding="utf-8")
    assert invoke("validate", str(out)).returncode == 0


def test_init_says_when_the_agency_is_a_guess(tmp_path: Path) -> None:
    page = (DATA / "menu-page.html").read_text(encoding="utf-8")
    page = page.replace("某某新区持续", "本区持续").replace("主办：某某新区管委会", "")
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    out = tmp_path / "figures.yaml"
    result = invoke("init", "--from", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "推断" in result.stderr and "请核对" in result.stderr
    assert "推断" in out.read_text(encoding="utf-8")


def test_init_writes_the_schema_line_of_the_installed_schema(tmp_path: Path) -> None:
    from urllib.parse import unquote, urlparse

    out = tmp_path / "figures.yaml"
    assert invoke("init", "-o", str(out), "--year", "2025").returncode == 0
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file:")
    schema = Path(unquote(urlparse(first.split("$schema=", 1)[1]).path))
    assert json.loads(schema.read_text(encoding="utf-8"))["properties"]["基本信息"]


def test_schema_ships_with_the_package() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "drafter.schemas" in config["packages"]
    assert config["package-dir"]["drafter.schemas"] == "schemas"
    assert "*.json" in config["package-data"]["drafter.schemas"]


# ------------------------------------------------------------------------------------- validate


def _example_with(tmp_path: Path, **facts: object) -> Path:
    data = yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))
    data["正文数据"].update(facts)
    path = tmp_path / "figures.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_validate_checks_the_proactive_categories_add_up(tmp_path: Path) -> None:
    path = _example_with(tmp_path, 主动公开分类={"政务动态": 100, "通知公告": 40})
    result = invoke("validate", str(path), "--format", "json")
    assert result.returncode == 1
    sums = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "facts.sum"]
    assert sums and sums[0]["expected"] == 133 and sums[0]["actual"] == 140
    good = _example_with(tmp_path, 主动公开分类={"政务动态": 93, "通知公告": 40})
    assert invoke("validate", str(good)).returncode == 0


# ------------------------------------------------------------------------------------- a draft that passes review


def test_example_draft_then_check_gives_no_error(tmp_path: Path) -> None:
    for name in ("报告.docx", "报告.md", "报告.html"):
        out = tmp_path / name
        drafted = invoke("draft", str(EXAMPLE_FIGURES), "-o", str(out))
        assert drafted.returncode == 0, drafted.stderr
        checked = invoke("check", str(out), "--format", "json")
        assert checked.returncode == 0, checked.stdout
        assert json.loads(checked.stdout)["summary"]["error"] == 0


def test_part_six_is_drafted_from_the_figures(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))
    data["正文数据"].update({"信息处理费": 120, "信息处理费件数": 2, "建议提案": 0})
    data["工作要点"]["其他事项"] = ["对照省政务公开工作要点逐项落实", "探索“一图读懂”解读方式创新"]
    path = tmp_path / "figures.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    doc = json.loads(invoke("draft", str(path), "--format", "json").stdout)
    six = doc["sections"]["六"]
    assert "收取信息处理费120元" in six and "2件" in six
    assert "工作要点" in six and "未承办人大代表建议和政协提案" in six and "创新" in six
    assert "【待补充" not in six and doc["summary"]["error"] == 0
    data["正文数据"]["信息处理费"] = 0
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "未收取信息处理费" in json.loads(invoke("draft", str(path), "--format", "json").stdout)["sections"]["六"]


def test_draft_and_check_agree_on_parts_not_drafted(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    drafted = invoke("draft", str(EXAMPLE_FIGURES), "--section", "overview", "-o", str(out), "--format", "json")
    checked = invoke("check", str(out), "--format", "json")
    assert drafted.returncode == checked.returncode == 1
    draft_errors = {(f["rule"], f.get("section")) for f in json.loads(drafted.stdout)["findings"]
                    if f["severity"] == "error"}
    check_errors = {(f["rule"], f.get("section")) for f in json.loads(checked.stdout)["findings"]
                    if f["severity"] == "error"}
    assert draft_errors == check_errors == {("prose.placeholder", "五"), ("prose.placeholder", "六")}


def test_a_fact_in_both_figures_and_points_is_stated_once(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE_FIGURES.read_text(encoding="utf-8"))
    data["正文数据"].update({"培训次数": 2, "政策解读": 3})
    data["工作要点"]["监督保障"].append("组织政务公开业务培训2次")
    data["工作要点"]["主动公开"].append("发布政策解读3篇")
    path = tmp_path / "figures.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    one = json.loads(invoke("draft", str(path), "--format", "json").stdout)["sections"]["一"]
    assert one.count("培训2次") + one.count("培训活动2次") <= 1 and one.count("2次") == 1
    import re

    assert len(re.findall(r"(?<!\d)3[篇条]", one)) == 1


# ------------------------------------------------------------------------------------- render


def test_render_prints_no_command_name_into_the_document(tmp_path: Path) -> None:
    text = invoke("render", str(EXAMPLE_FIGURES), "--to", "md").stdout
    assert "drafter" not in text and "未收取信息处理费" in text
    out = tmp_path / "报告.docx"
    assert invoke("render", str(EXAMPLE_FIGURES), "-o", str(out)).returncode == 0
    import docx

    assert not any("drafter" in p.text for p in docx.Document(str(out)).paragraphs)


def test_render_over_a_drafted_report_keeps_its_text_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert invoke("draft", str(EXAMPLE_FIGURES), "-o", str(out)).returncode == 0
    before = invoke("import", str(out), "--format", "json").stdout
    rendered = invoke("render", str(EXAMPLE_FIGURES), "-o", str(out))
    assert rendered.returncode == 0, rendered.stderr
    assert "保留" in rendered.stderr and "第一部分" in rendered.stderr
    after = invoke("import", str(out), "--format", "json").stdout
    assert json.loads(after)["sections"] == json.loads(before)["sections"]
    assert invoke("check", str(out)).returncode == 0


# ------------------------------------------------------------------------------------- docs


def test_every_rule_id_is_documented() -> None:
    import re

    from drafter.findings import Rule

    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z_.]+)`$", page, flags=re.MULTILINE))
    missing = sorted(rule.value for rule in Rule if rule.value not in documented)
    assert not missing, f"add to docs/rules.md (what it means, why evaluators care, what to do): {missing}"
    for block in page.split("\n### ")[1:]:
        assert all(word in block for word in ("**是什么**", "**为什么**", "**怎么办**")), block[:40]


def test_readme_names_the_rules_page_and_its_commands_are_true() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/rules.md" in readme and "pip download" in readme and "--no-index" in readme
    assert "drafter draft examples/linqing-kjj-2021/figures.yaml" in readme
    assert (ROOT / "examples" / "linqing-kjj-2021" / "figures.yaml").exists()


def test_stdin_and_stdout_dashes(tmp_path: Path) -> None:
    text = EXAMPLE_FIGURES.read_text(encoding="utf-8")
    assert invoke("validate", "-", input=text).returncode == 0
    drafted = invoke("draft", "-", "-o", "-", input=text)
    assert drafted.returncode == 0 and "一、总体情况" in drafted.stdout
    assert not (ROOT / "-").exists()
    assert invoke("init", "-o", "-", "--year", "2025").stdout.startswith("# yaml-language-server")
    assert "一、总体情况" in invoke("render", str(EXAMPLE_FIGURES), "--to", "md", "-o", "-").stdout


def test_quiet_keeps_results_and_errors_only(tmp_path: Path) -> None:
    out = tmp_path / "报告.md"
    loud = invoke("draft", str(EXAMPLE_FIGURES), "-o", str(out))
    quiet = invoke("-q", "draft", str(EXAMPLE_FIGURES), "-o", str(out))
    assert loud.stderr and quiet.returncode == 0 and quiet.stderr == ""
    failed = invoke("--quiet", "validate", str(tmp_path / "nothing.yaml"))
    assert failed.returncode == 2 and failed.stderr.startswith("错误")


def test_every_command_says_its_exit_codes() -> None:
    from drafter.cli import COMMANDS

    for name in COMMANDS:
        assert "退出码" in invoke(name, "-h").stdout, name


def test_config_path_and_show(tmp_path: Path) -> None:
    env = {"DRAFTER_HOME": str(tmp_path)}
    assert invoke("config", "path", env=env).stdout.strip() == str(tmp_path / "config.toml")
    (tmp_path / "config.toml").write_text('model = "deepseek"\napi_key = "sk-abcdef123456"\n', encoding="utf-8")
    shown = invoke("config", "show", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "deepseek" in shown.stdout and "sk-abcdef" not in shown.stdout and "3456" in shown.stdout
    assert "config.toml" in invoke("-h").stdout and "_DRAFTER_COMPLETE" in invoke("-h").stdout
