"""Messages for invalid options: each check names the option, the value given and what is valid."""

from __future__ import annotations

from collections.abc import Collection


def check_choice(name: str, value: object, valid: Collection[object]) -> None:
    """Raise ValueError naming the valid values when `value` is not one of them."""
    if value not in valid:
        raise ValueError(f"{name}={value!r} is not valid; choose one of {list(valid)}")


def check_top(top: int | None) -> None:
    """Raise ValueError unless `top` is None (all rows) or a count of at least 1."""
    if top is not None and top < 1:
        raise ValueError(f"top={top!r} must be None (all) or >= 1")


def check_positive(name: str, value: int) -> None:
    """Raise ValueError unless the count option `name` is at least 1."""
    if value < 1:
        raise ValueError(f"{name}={value!r} must be >= 1")
