"""The books that must agree with the payments, checked by `manage.py reconcile_payments`.

Payments sit on the lowest floor and never import the apps above them that book money
(billing's fee ledger; later payouts' transfers). Each of those registers a check here
from its AppConfig.ready(): a function returning the disagreements it finds between its
books and the payments and orders. The command prints them and exits non-zero if any.
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
_checks: dict[str, ReconciliationCheck] = {}


def reconciliation_check_register(*, name: str, check: ReconciliationCheck) -> None:
    """Add (or replace, by name) a check: called with no arguments, it returns its disagreements."""
    _checks[name] = check


def reconciliation_check_names() -> list[str]:
    return list(_checks)


def disagreement_list() -> list[Disagreement]:
    """Every registered check's disagreements, check by check in the order they were registered."""
    return [disagreement for check in _checks.values() for disagreement in check()]
