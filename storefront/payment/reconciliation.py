"""What `manage.py reconcile_payments` runs besides the payments' own catch-up: steps and checks.

Payments sit on the lowest floor and never import the apps above them that move or book
money (billing's fee ledger, payouts' transfers). Those register here from their
AppConfig.ready():
- a *step* acts (sends the transfers an outage left behind) and returns lines to print;
- a *check* only reads: it returns the disagreements it finds between its books and the
  payments. The command prints them and exits non-zero if there is any.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Disagreement:
    """One thing the books and the payments disagree on, for a person to look into."""

    check: str  # the registered check that found it, e.g. "ledger"
    subject: str  # what it is about, e.g. "order 100042" or "payment 17"
    message: str


ReconciliationCheck = Callable[[], Iterable[Disagreement]]
ReconciliationStep = Callable[[], list[str]]
_checks: dict[str, ReconciliationCheck] = {}
_steps: dict[str, ReconciliationStep] = {}


def reconciliation_step_register(*, name: str, step: ReconciliationStep) -> None:
    """Add (or replace, by name) a step: called with no arguments, it acts and returns the lines to print."""
    _steps[name] = step


def reconciliation_steps_run() -> list[str]:
    """Run every registered step, in the order they were registered; their lines, one after the other."""
    return [line for step in _steps.values() for line in step()]


def reconciliation_check_register(*, name: str, check: ReconciliationCheck) -> None:
    """Add (or replace, by name) a check: called with no arguments, it returns its disagreements."""
    _checks[name] = check


def reconciliation_check_names() -> list[str]:
    return list(_checks)


def disagreement_list() -> list[Disagreement]:
    """Every registered check's disagreements, check by check in the order they were registered."""
    return [disagreement for check in _checks.values() for disagreement in check()]
