"""The page walker's checks: what `test_every_page.py` asks of each page at each width.

`PageChecker.check(page, label)` looks at the page the browser shows (without reloading it)
at desktop and at phone width, screenshots both, and returns what is wrong: a document
answered with 4xx/5xx, a console or script error, a sideways scroll, a button or link-button
covered by another element, a form or chrome of another app, or a WCAG 2.1 A/AA violation
found by axe-core (node_modules/axe-core, installed by `make install-dev` from package-lock.json),
or a blank screen (no text of the main content on screen, or a screenshot of one colour).
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from tests.e2e.conftest import DESKTOP, PHONE

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Markup that only one app's chrome has: the shop (storefront, accounts, studio, checkout),
# Wagtail's admin and Oscar's dashboard. A page must show its own app's and no other's.
CHROMES = {
    "shop": "header.site-header",
    "wagtail": "body#wagtail",
    "dashboard": "nav.navbar-accounts",
    # The test gateway's hosted page stands for Stripe's: a page of the gateway, without the shop's header.
    "gateway": "body.gateway-page",
}


def chrome_for(path: str) -> str:
    """Which app's chrome a page at `path` belongs in."""
    if path.startswith("/cms/"):
        return "wagtail"
    if path.startswith("/shop/dashboard/"):
        return "dashboard"
    if path.startswith("/shop/test-gateway/"):
        return "gateway"
    return "shop"


# Overlaps inside chrome Artiqo does not own: (covered element, covering element). At phone
# width Wagtail's fixed menu toggle (its own markup and CSS, the same on any Wagtail site)
# lies over the top-left of its pages: the "Actions" dropdown of edit views, a panel's
# "Toggle section"; and its sticky editor footer lies over its minimap toggle. Only these
# Wagtail elements are excused, so anything else covering a button, in the CMS or the shop,
# is still caught.
FOREIGN_OVERLAPS = [("body#wagtail *", ".sidebar-nav-toggle--mobile"), ("#w-minimap-toggle", "body#wagtail *")]

# Visible buttons, submits and links styled as buttons, each of which must be the element
# found at its own centre once scrolled into view (nothing covers it).
_COVERED = """(foreign) => {
  const selector = 'button, input[type=submit], input[type=button], [role=button], a.button, a.btn, a.nav-pill';
  const out = [];
  // Clipped to nothing (a screen-reader-only submit, e.g. Wagtail's search forms): not there to be clicked.
  const clipped = (el) => {
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      const s = getComputedStyle(n);
      if ((s.clip && s.clip !== 'auto') || /inset\\(50%/.test(s.clipPath)) return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    // checkVisibility: not display:none, visibility:hidden, opacity 0 or inside a closed <details>.
    if (box.width < 2 || box.height < 2 || style.pointerEvents === 'none' || el.closest('[aria-hidden=true]')
        || !el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true})
        || clipped(el)) continue;
    el.scrollIntoView({block: 'center', inline: 'center'});
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || hit === el || el.contains(hit)) continue;
    // A label's own control counts as the control (a button inside a <label>).
    if (hit.tagName === 'LABEL' && hit.control === el) continue;
    if (foreign.some(([covered, covering]) => el.matches(covered) && hit.closest(covering))) continue;
    const name = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
    const who = (n) => n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
      + (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).join('.') : '');
    out.push(`"${name}" (${who(el)}) is covered by ${who(hit)}`);
  }
  window.scrollTo(0, 0);
  return out;
}"""

# Which chromes the page shows, and the forms that post to another app's area.
_CHROMES_AND_FORMS = """(chromes) => {
  const present = Object.entries(chromes).filter(([, sel]) => document.querySelector(sel)).map(([name]) => name);
  const forms = [...document.querySelectorAll('form')].map((f) => new URL(f.getAttribute('action') || location.href,
                                                                           location.href).pathname);
  return {present, forms};
}"""

# axe findings inside markup Artiqo does not own: (rule, selector of that markup). Wagtail's
# rich-text editor (Draftail, on DraftJS) renders a role="textbox" without its own name and,
# at phone width, a scrolling editor root; both are Wagtail's JavaScript widget, the same on
# any Wagtail site. Likewise the value inputs of StreamField blocks (`<field>-<n>-value`),
# which Wagtail's block widgets name through their own block headers. Only these rules,
# only inside that markup, are left out.
FOREIGN_AXE = [("aria-input-field-name", ".Draftail-Editor"), ("scrollable-region-focusable", ".Draftail-Editor"),
               ("label", '[id^="body-"][id$="-value"]')]

_AXE_RUN = """async ([options, foreign]) => {
  const result = await axe.run(document, options);
  const own = (rule, node) => !foreign.some(([id, selector]) => id === rule
    && document.querySelector(node.target.flat()[0])?.closest(selector));
  return {violations: result.violations.map((v) => ({...v, nodes: v.nodes.filter((n) => own(v.id, n))}))
                                       .filter((v) => v.nodes.length)};
}"""

_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getBoundingClientRect().width > 0)
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
}"""


# Shown from its start at the new width, as a user opening the page sees it. Two frames let the
# layout and the scripts that follow the width (Wagtail's sidebar) settle. Then every scroll
# container goes back to its start, at once: Wagtail's pages scroll inside <main> (its
# .content-wrapper, `scroll-behavior: smooth`), not the document, and the desktop checks (axe's
# colour-contrast pass, buttons scrolled into view) left it scrolled, which `window.scrollTo`
# does not undo: the phone shots of the CMS showed <main> 366px sideways (edit forms: blank) or
# 339px down.
_SETTLE = """async () => {
  const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await frames();
  for (const el of document.querySelectorAll('*')) {
    if (el.scrollTop || el.scrollLeft) el.scrollTo({left: 0, top: 0, behavior: 'instant'});
  }
  await frames();
}"""

# Some text of the page's main content (<main>, or Oscar dashboard's .page-content) that a user
# sees on screen: inside the viewport and not covered by another element (a menu overlay).
_SHOWN_TEXT = """() => {
  const region = document.querySelector('main') || document.querySelector('.page-content') || document.body;
  const texts = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1 || r.left < 0 || r.right > innerWidth + 1 || r.bottom <= 0
          || r.top >= innerHeight) continue;
      // The text's own element is on top there (not an ancestor clipping it, nor an overlay).
      const hit = document.elementFromPoint(r.left + r.width / 2, Math.max(0, Math.min(r.top + r.height / 2,
                                                                                      innerHeight - 1)));
      if (hit && el.contains(hit)) return text.slice(0, 40);
    }
  }
  return '';
}"""


def _blank(page, shot: bytes) -> list[str]:
    """Why the page, as shown now, looks blank to a user: no main-content text on screen, or one colour."""
    problems = []
    if not page.evaluate(_SHOWN_TEXT):
        problems.append("blank: no text of its main content is on screen (scrolled away, covered or not drawn)")
    if all(low == high for low, high in Image.open(BytesIO(shot)).convert("RGB").getextrema()):
        problems.append("blank: the screenshot is a single colour")
    return problems


class PageChecker:
    """Checks pages and saves their screenshots as `<folder>/<role>-NN-<label>-<desktop|phone>.png`."""

    def __init__(self, folder: Path, axe_options: dict):
        self.folder = folder
        self.axe_options = axe_options
        self.axe_source = AXE.read_text()
        self.count = 0
        self.problems: list[str] = []
        self._events: list[str] = []
        self._seen: set[tuple[str, str]] = set()

    def watch(self, page) -> None:
        """Collect console errors, script errors and failed documents as they happen."""
        page.on("console", lambda msg: msg.type == "error" and self._events.append(f"console error: {msg.text}"))
        page.on("pageerror", lambda exc: self._events.append(f"script error: {exc}"))
        page.on("response", lambda response: response.status >= 400 and self._events.append(
            f"HTTP {response.status}: {response.url}"))

    def visit(self, page, path: str, label: str, role: str) -> None:
        """Open `path` and check it."""
        response = page.goto(path)
        if response is not None and response.status >= 400:
            self._events.append(f"HTTP {response.status} for {path}")
        self.check(page, label, role, redirected=urlsplit(page.url).path != urlsplit(path).path)

    def check(self, page, label: str, role: str, *, redirected: bool = False) -> None:
        """Check the page as it is now, at desktop then phone width."""
        page.wait_for_load_state("load")
        if redirected and (role, page.url) in self._seen:
            # Redirected to a page already checked (e.g. a view the role may not use sends it to the dashboard).
            self.problems += [f"{role} {label}: {event}" for event in self._events]
            self._events.clear()
            return
        self._seen.add((role, page.url))
        self.count += 1
        slug = re.sub(r"[^\w.-]+", "-", label).strip("-")
        path = urlsplit(page.url).path
        where = f"{role} {label} ({path})"
        found: list[str] = self._events[:]
        self._events.clear()
        found += self._chrome_problems(page, path)
        # Injected through DevTools' evaluate, as the browser's own tools do: the site's CSP
        # (scripts only with the response's nonce) stops <script> tags added to the page, and
        # turning CSP off for the walk would hide the violations the walker must catch.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe_source)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.evaluate(_SETTLE)
            shot = page.screenshot(path=str(self.folder / f"{role}-{self.count:03d}-{slug}-{name}.png"),
                                   full_page=True)
            found += [f"{name}: {blank}" for blank in _blank(page, shot)]
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                found.append(f"{name}: scrolls sideways by {overflow}px: {page.evaluate(_WIDE)}")
            found += [f"{name}: {covered}" for covered in page.evaluate(_COVERED, FOREIGN_OVERLAPS)]
            found += [f"{name}: {violation}" for violation in self._axe(page)]
        page.set_viewport_size(DESKTOP)
        found += self._events
        self._events.clear()
        self.problems += [f"{where}: {problem}" for problem in found]
        # Written as they come, so a walk stopped half-way still tells what it found.
        with open(self.folder / "problems.txt", "a") as log:
            log.writelines(f"{where}: {problem}\n" for problem in found)

    def _chrome_problems(self, page, path: str) -> list[str]:
        expected = chrome_for(path)
        seen = page.evaluate(_CHROMES_AND_FORMS, CHROMES)
        problems = [f"shows {name}'s chrome" for name in seen["present"] if name != expected]
        if expected not in seen["present"]:
            problems.append(f"misses its own ({expected}) chrome")
        problems += [f"has a form posting to {action}, another app's" for action in seen["forms"]
                     if chrome_for(action) != expected]
        return problems

    def _axe(self, page) -> list[str]:
        result = page.evaluate(_AXE_RUN, [self.axe_options, FOREIGN_AXE])
        return [f"axe {violation['id']} ({violation['impact']}): {violation['help']}: "
                + "; ".join(_axe_node(node) for node in violation["nodes"][:6])
                for violation in result["violations"]]


def _axe_node(node: dict) -> str:
    """The element's selector and, when axe says one, why (colours and ratio for contrast)."""
    target = " ".join(part if isinstance(part, str) else " >>> ".join(part) for part in node["target"])
    why = next((check["message"] for check in node.get("any", []) + node.get("all", []) if check.get("message")), "")
    return f"{target} [{why}]" if why else target
