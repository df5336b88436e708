"""Whole pages kept for visitors, with the few per-request parts filled in on each request.

An artwork's page is the same for every visitor who is not signed in and carries no state
of their own (no session, no cart, no messages): the same work, the same reviews, the same
"Log in" link. Only three things differ between two such visitors: the CSP nonce, the CSRF
token of the cart form, and the "because you looked at ..." picks read from their cookie.
So the page is rendered once per catalogue version with a mark in place of each of those
(a *hole*), kept in the cache like any versioned read (artiqo.core.cache: a sale, a price,
an edit show on the next request), and on every request the holes are filled for the
request at hand: a string replace and the picks' own cached HTML instead of the page's
template, which was about 60 % of a warm artwork page's time (cProfile). Measured on
`make run`'s SQLite shop, production settings, 2,000 cookieless requests in one process:
3.4 ms a page before, 0.93 ms after (the bare JSON view: 1.0-1.4 ms); over HTTP
(`make bench-http --sqlite`) 0.47x the bare view before, 0.99x after.

Holes:
- the nonce: the recording request's nonce, wherever the template put it, is replaced by a
  mark after the page is rendered (a random 22-character value: it cannot occur by chance);
- the CSRF token: the page is rendered with the mark as `csrf_token`, so `{% csrf_token %}`
  and the tags that pass it on write the mark; each request's own token replaces it;
- any other per-visitor part: a template tag calls `page_hole(request=..., name=..., args=...)`,
  which answers the part itself on a normal render and a numbered mark while a kept page
  is recorded; the page keeps (name, args) beside its HTML and each request fills the part
  by calling the function registered under that name (`page_hole_register`, from an app's
  `ready()`, so a page served from the cache can fill holes of tags it never loaded).

The marks carry a value derived from SECRET_KEY: text a user typed into a work's title or
description can never be one, so it is never replaced by someone's token.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac

from artiqo.core.cache import versioned_get_or_set

# name -> fill(request, *args) -> str
_fills: dict[str, Callable[..., str]] = {}
# The request attribute that holds a recording page's holes while it renders.
_RECORDING = "_artiqo_page_holes"


@lru_cache(maxsize=4)
def _mark_prefix(secret: str) -> str:
    return "artiqo-hole-" + salted_hmac("artiqo.core.pages", "hole", secret=secret).hexdigest()[:20]


def _mark(what: str) -> str:
    return f"{_mark_prefix(settings.SECRET_KEY)}:{what};"


@lru_cache(maxsize=4)
def _mark_pattern(prefix: str) -> re.Pattern:
    return re.compile(re.escape(prefix) + r":(\w+);")


def page_hole_register(name: str, fill: Callable[..., str]) -> None:
    """Make `fill(request, *args)` the filler of the holes called `name` (idempotent)."""
    _fills[name] = fill


def page_hole(*, request, name: str, args: tuple = ()) -> str:
    """A per-visitor part of a page: its text now, or a mark filled on each request if the page is kept."""
    holes = getattr(request, _RECORDING, None) if request is not None else None
    if holes is None:
        return _fills[name](request, *args)
    holes.append((name, tuple(args)))
    return _mark(str(len(holes) - 1))


def visitor_page_cacheable(request, *, own_cookies: Iterable[str] = ()) -> bool:
    """Whether `request` sees the page every visitor sees: a plain GET, no account, no state of its own.

    A visitor's state lives in cookies (the session holds messages and a pending cart add,
    the cart cookie a cart): any cookie but the CSRF one and the page's `own_cookies` (which
    its holes read) makes the page theirs alone. A query string is theirs too.
    """
    if request.method not in ("GET", "HEAD") or request.GET or getattr(request, "is_preview", False):
        return False
    allowed = {settings.CSRF_COOKIE_NAME, *own_cookies}
    if any(name not in allowed for name in request.COOKIES):
        return False
    return not request.user.is_authenticated


def visitor_page_html(*, request, parts: tuple, render: Callable[[str], str]) -> str:
    """The page for this visitor: `render(csrf_token)` recorded once per catalogue version, holes filled now.

    `parts` name the page (with the host and path, which its links carry); `render` renders
    it for `request` with the given CSRF token. Only for a request `visitor_page_cacheable` allows.
    """
    def record() -> tuple[str, list]:
        holes: list[tuple[str, tuple]] = []
        setattr(request, _RECORDING, holes)
        try:
            html = render(_mark("csrf"))
        finally:
            delattr(request, _RECORDING)
        nonce = getattr(request, "_csp_nonce", None)
        return (html.replace(nonce, _mark("nonce")) if nonce else html), holes

    html, holes = versioned_get_or_set("visitor-page", request.get_host(), request.get_full_path(), *parts,
                                       compute=record)
    return _holes_fill(request, html, holes)


def _holes_fill(request, html: str, holes: list[tuple[str, tuple]]) -> str:
    filled: dict[str, Any] = {}

    def fill(match: re.Match) -> str:
        what = match.group(1)
        if what not in filled:
            if what == "csrf":
                filled[what] = get_token(request)  # and the cookie it must match
            elif what == "nonce":
                filled[what] = str(request.csp_nonce)  # and the CSP header that allows it
            else:
                name, args = holes[int(what)]
                filled[what] = _fills[name](request, *args)
        return filled[what]

    return _mark_pattern(_mark_prefix(settings.SECRET_KEY)).sub(fill, html)
