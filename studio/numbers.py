"""The artist's own numbers: views, favourites, cart adds, sales and earnings per work and per month.

Reads only (a selector module): views from `ArtworkViewDay` (counted in the cache, flushed by
`manage.py flush_artwork_views`, the artist's own visits left out), favourites from the hearts
buyers gave (collectors), cart adds from basket lines, sales from the order lines of paid orders, earnings from the fee
ledger (price minus Artiqo's commission, less refunds). Charts are drawn here as SVG.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.html import escape
from oscar.core.loading import get_model

from collectors.models import Favourite
from storefront.billing.models import LedgerEntry, LedgerKind
from storefront.order import statuses

ArtworkViewDay = get_model("catalogue", "ArtworkViewDay")
BasketLine = get_model("basket", "Line")
OrderLine = get_model("order", "Line")
Product = get_model("catalogue", "Product")

def _favourites(*, artist, since: datetime.date) -> list[tuple[int, datetime.date, int]]:
    """(artwork_id, month (date, first day), hearts given that month) for the artist's works."""
    rows = (Favourite.objects.filter(product__artist=artist, date_created__date__gte=since)
            .annotate(month=TruncMonth("date_created")).values("product_id", "month")
            .annotate(n=Count("pk")).order_by())
    return [(row["product_id"], _as_date(row["month"]), row["n"]) for row in rows]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _months(today: datetime.date, count: int) -> list[datetime.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


METRICS = ("views", "favourites", "cart_adds", "sales")
CENT = Decimal("0.01")


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"


@dataclass
class WorkNumbers:
    artwork_id: int
    title: str
    views: int = 0
    favourites: int = 0
    cart_adds: int = 0
    sales: int = 0
    earnings: Decimal = Decimal("0.00")

    @property
    def conversion(self) -> float | None:
        """Sales per view, as a share (None before any view)."""
        return self.sales / self.views if self.views else None

    @property
    def conversion_percent(self) -> str:
        return _percent(self.conversion)


@dataclass
class ArtistNumbers:
    months: list[datetime.date]
    works: list[WorkNumbers]
    by_month: dict[str, list] = field(default_factory=dict)  # metric → one value per month
    currency: str = ""

    def total(self, metric: str):
        return sum((getattr(work, metric) for work in self.works), start=Decimal("0.00") if metric == "earnings" else 0)

    @property
    def conversion(self) -> float | None:
        views = self.total("views")
        return self.total("sales") / views if views else None

    @property
    def conversion_percent(self) -> str:
        return _percent(self.conversion)


def artist_numbers(*, artist, months: int = 12, today: datetime.date | None = None) -> ArtistNumbers:
    """Every number of the artist's works over the last `months` months (this one included)."""
    today = today or timezone.localdate()
    month_list = _months(today, months)
    since = month_list[0]
    index = {month: n for n, month in enumerate(month_list)}
    works = {pk: WorkNumbers(artwork_id=pk, title=title) for pk, title in
             Product.objects.filter(artist=artist).order_by("-date_created", "-pk").values_list("pk", "title")}
    by_month = {metric: [0] * len(month_list) for metric in METRICS}
    by_month["earnings"] = [Decimal("0.00")] * len(month_list)

    def add(metric: str, artwork_id, month, value) -> None:
        work = works.get(artwork_id)
        if work is not None:
            setattr(work, metric, getattr(work, metric) + value)
        slot = index.get(_as_date(month))
        if slot is not None:
            by_month[metric][slot] += value

    for row in (ArtworkViewDay.objects.filter(artwork__artist=artist, day__gte=since)
                .annotate(month=TruncMonth("day")).values("artwork_id", "month").annotate(n=Sum("views")).order_by()):
        add("views", row["artwork_id"], row["month"], row["n"])
    for artwork_id, month, n in _favourites(artist=artist, since=since):
        add("favourites", artwork_id, month, n)
    for row in (BasketLine.objects.filter(product__artist=artist, date_created__date__gte=since)
                .annotate(month=TruncMonth("date_created")).values("product_id", "month")
                .annotate(n=Count("pk")).order_by()):
        add("cart_adds", row["product_id"], row["month"], row["n"])
    for row in (OrderLine.objects.filter(product__artist=artist, order__status__in=statuses.SOLD,
                                         order__date_placed__date__gte=since)
                .annotate(month=TruncMonth("order__date_placed")).values("product_id", "month")
                .annotate(n=Sum("quantity")).order_by()):
        add("sales", row["product_id"], row["month"], row["n"])
    currency = ""
    for row in (LedgerEntry.objects.filter(artist=artist, kind__in=(LedgerKind.SALE, LedgerKind.REFUND),
                                           booked_at__date__gte=since)
                .annotate(month=TruncMonth("booked_at")).values("line__product_id", "month", "currency")
                .annotate(net=Sum("artist_net")).order_by()):
        currency = currency or row["currency"]
        add("earnings", row["line__product_id"], row["month"], row["net"])
    # SQLite sums decimals as floats: back to cents.
    for work in works.values():
        work.earnings = Decimal(work.earnings).quantize(CENT)
    by_month["earnings"] = [Decimal(value).quantize(CENT) for value in by_month["earnings"]]
    ordered = sorted(works.values(), key=lambda w: (-w.sales, -w.views, w.title))
    return ArtistNumbers(months=month_list, works=ordered, by_month=by_month, currency=currency)


def bar_chart_svg(*, values, labels, title: str, width: int = 640, height: int = 180) -> str:
    """A bar chart as inline SVG (no script, no third party): one bar per value, labelled below."""
    values = [float(v) for v in values]
    top = max(values, default=0) or 1
    left, bottom, pad = 8, 28, 4
    slot = (width - left * 2) / max(len(values), 1)
    bars = []
    for n, (value, label) in enumerate(zip(values, labels, strict=True)):
        h = (height - bottom - 16) * value / top
        x = left + n * slot + pad / 2
        y = height - bottom - h
        shown = f"{value:g}" if value else ""
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot - pad:.1f}" height="{h:.1f}" rx="2"><title>'
            f'{escape(label)}: {value:g}</title></rect>'
            f'<text x="{x + (slot - pad) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" class="chart-value">'
            f'{shown}</text>'
            f'<text x="{x + (slot - pad) / 2:.1f}" y="{height - 10}" text-anchor="middle" class="chart-label">'
            f'{escape(label)}</text>')
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>')
