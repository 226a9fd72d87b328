"""The flat ``--format cells`` form both ways: figures → cells → figures keeps every cell (value and raw)."""

from __future__ import annotations

import pytest

from drafter.errors import InputError
from drafter.figures import Figures
from drafter.figures.flat import from_cells, to_cells
from drafter.read import read_report
from tests.conftest import CORPUS, SEED


@pytest.mark.parametrize("path", [SEED, CORPUS / "shanghai-gov-office-2019.txt", CORPUS / "huaian-hongze-2023.txt"],
                         ids=lambda p: p.stem)
def test_cells_round_trip(path) -> None:
    figures = read_report(path, path.read_bytes()).figures
    cells = to_cells(figures)
    data = from_cells(cells)
    data["基本信息"] = {"机关全称": figures.meta.agency, "报告年度": figures.meta.year,
                        "表格式样": figures.meta.format, "来源": "cells"}
    again = Figures.model_validate(data, context={"lenient": True})
    assert to_cells(again) == cells


def test_cells_name_rows_and_columns_as_the_contract_says() -> None:
    figures = read_report(SEED, SEED.read_bytes()).figures
    keys = {(c["table"], c["row"], c["column"]) for c in to_cells(figures)}
    assert ("表三", "三（四）1", "自然人") in keys
    assert ("表四", "行政诉讼/复议后起诉", "尚未审结") in keys
    assert ("表二", "行政事业性收费", "本年收费金额") in keys


@pytest.mark.parametrize("bad", [
    [{"table": "表三", "row": "三（九）", "column": "自然人", "value": 1, "raw": "1"}],
    [{"table": "表五", "row": "一", "column": "自然人", "value": 1, "raw": "1"}],
    [{"row": "一"}],
])
def test_unknown_cells_are_input_errors(bad) -> None:
    with pytest.raises(InputError):
        from_cells(bad)
