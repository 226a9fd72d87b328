"""The base of drafter's file models: unknown keys are errors; fields read under their official Chinese labels."""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationInfo


def _strict(info: ValidationInfo | None) -> bool:
    # Figures files written by people are strict; documents read by the importer are not (defects become findings).
    return not (info and info.context and info.context.get("lenient"))


class Model(BaseModel):
    """Base of drafter's file models: unknown keys are errors, Chinese aliases and English names both accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False, defer_build=True)


def _field(label: str, *more: str, default: Any = None, description: str | None = None, **kw: Any) -> Any:
    """A field read under its official label (and accepted short forms), written under the label."""
    if "default_factory" not in kw:
        kw["default"] = default
    return Field(
        validation_alias=AliasChoices(label, *more),
        serialization_alias=label,
        description=description or label,
        **kw,
    )
