"""Documents that come with sold order lines (certificates of authenticity), from the apps that make them.

The orders API and the buyer's order page show them; the app that issues them (artists, a floor
above) registers a provider from its AppConfig.ready(), so this floor never names it.
A provider takes the lines and returns, by line id, a list of `LineDocument`s.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class LineDocument:
    label: str            # e.g. "Certificate 7 of 50"
    download_path: str    # the PDF, for the buyer
    public_path: str      # the public page that confirms it


_providers: list[Callable[..., dict[int, list[LineDocument]]]] = []


def line_documents_provider_register(provider: Callable[..., dict[int, list[LineDocument]]]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def line_documents(*, lines: Iterable) -> dict[int, list[LineDocument]]:
    """Every registered document of these lines, by line id (lines without any are absent)."""
    lines = list(lines)
    documents: dict[int, list[LineDocument]] = {}
    if not lines:
        return documents
    for provider in _providers:
        for line_id, found in provider(lines=lines).items():
            documents.setdefault(line_id, []).extend(found)
    return documents
