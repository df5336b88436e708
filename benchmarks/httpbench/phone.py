"""Entry pages on a phone on a slow network: Chromium at 390 px, 1.6 Mbps down, 150 ms round
trip, CPU slowed 4x; bytes transferred and Largest Contentful Paint of each page.

Every load starts from an empty cache (a new browser context), as a first visit does. The
throttling is Chrome DevTools' own (Network.emulateNetworkConditions,
Emulation.setCPUThrottlingRate), the same as Lighthouse's "simulated slow 4G" phone.
Playwright drives Debian's Chromium, as the browser tests do (ARTIQO_E2E_CHROMIUM).
"""
from __future__ import annotations

import os
import statistics
from dataclasses import dataclass

CHROMIUM = os.environ.get("ARTIQO_E2E_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 390, "height": 844}
DEVICE_SCALE = 2
DOWN_BYTES_PER_S = 1.6e6 / 8
UP_BYTES_PER_S = 0.75e6 / 8
LATENCY_MS = 150
CPU_SLOWDOWN = 4
LCP_TARGET_MS = 1500

# The latest LCP candidate, kept where the page's own scripts cannot overwrite it.
LCP_OBSERVER = """
window.__benchLcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__benchLcp = entry.startTime;
    window.__benchLcpElement = entry.element ? (entry.element.tagName + (entry.url ? ' ' + entry.url : '')) : '';
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""


@dataclass
class PageLoad:
    transferred: int  # bytes on the wire, headers included
    requests: int
    lcp_ms: float
    lcp_element: str


@dataclass
class PhoneRow:
    label: str
    url: str
    loads: list[PageLoad]

    @property
    def lcp_ms(self) -> float:
        return statistics.median(load.lcp_ms for load in self.loads)

    @property
    def kilobytes(self) -> float:
        return statistics.median(load.transferred for load in self.loads) / 1000


def page_load(browser, url: str) -> PageLoad:
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=DEVICE_SCALE, is_mobile=True,
                                  has_touch=True)
    try:
        page = context.new_page()
        page.add_init_script(LCP_OBSERVER)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S,
        })
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        sizes: dict[str, float] = {}
        cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"],
                                                                          event["encodedDataLength"]))
        page.goto(url, wait_until="load", timeout=120_000)
        # LCP is final once the page is loaded and quiet; lazy images below the fold stay unloaded.
        page.wait_for_load_state("networkidle", timeout=120_000)
        lcp = page.evaluate("window.__benchLcp")
        element = page.evaluate("window.__benchLcpElement || ''")
        return PageLoad(transferred=int(sum(sizes.values())), requests=len(sizes), lcp_ms=lcp, lcp_element=element)
    finally:
        context.close()


def phone_measure(base_url: str, pages: dict[str, str], *, loads: int = 3) -> list[PhoneRow]:
    """Each page `loads` times, interleaved, from a cold cache; the table takes the medians."""
    from playwright.sync_api import sync_playwright

    rows = [PhoneRow(label, url, []) for label, url in pages.items()]
    with sync_playwright() as playwright:
        # --no-sandbox: the benchmark may run as root, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for row in rows:  # warm-up: the server's first render of each page is not the phone's problem
                page_load(browser, base_url + row.url)
            for _ in range(loads):
                for row in rows:
                    row.loads.append(page_load(browser, base_url + row.url))
        finally:
            browser.close()
    return rows


def phone_table(rows: list[PhoneRow]) -> str:
    lines = [f"Phone on a slow network (Chromium {VIEWPORT['width']} px at {DEVICE_SCALE}x, "
             f"{DOWN_BYTES_PER_S * 8 / 1e6:.1f} Mbps down, {LATENCY_MS} ms RTT, CPU {CPU_SLOWDOWN}x slower; "
             f"median of {len(rows[0].loads) if rows else 0} cold loads):",
             "",
             "| page | transferred KB | requests | LCP s | LCP ≤ 1.5 s | LCP element |",
             "|---|---:|---:|---:|---|---|"]
    for row in rows:
        requests = statistics.median(load.requests for load in row.loads)
        tag, _, source = row.loads[-1].lcp_element.partition(" ")
        element = f"{tag} {source.rsplit('/', 1)[-1][-28:]}" if source else tag
        lines.append(f"| {row.label} `{row.url}` | {row.kilobytes:.0f} | {requests:.0f} | {row.lcp_ms / 1000:.2f} | "
                     f"{'met' if row.lcp_ms <= LCP_TARGET_MS else 'MISSED'} | {element} |")
    return "\n".join(lines)
