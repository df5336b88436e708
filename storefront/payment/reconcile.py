"""More steps of `manage.py reconcile_payments`, registered by apps on higher floors at start-up.

Payment (core floor) never imports them: payouts, for one, registers a step that sends
transfers an outage left behind and reports the ones that differ from the fee ledger.
A step takes no arguments and returns the lines to print.
"""
from __future__ import annotations

from typing import Callable

ReconcileStep = Callable[[], list[str]]
_steps: dict[str, ReconcileStep] = {}


def reconcile_step_register(*, name: str, step: ReconcileStep) -> None:
    registered = _steps.get(name)
    if registered is not None and registered is not step:
        raise ValueError(f"Reconcile step {name!r} is already registered: {registered!r}")
    _steps[name] = step


def reconcile_steps_run() -> list[str]:
    """Run every registered step, in the order they were registered; their lines, one after the other."""
    lines: list[str] = []
    for step in _steps.values():
        lines.extend(step())
    return lines
