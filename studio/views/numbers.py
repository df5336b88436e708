"""Studio page `/studio/numbers/`: the artist's own numbers per work and per month, charts, and the CSV export."""
from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from artists.web import artist_required
from studio.numbers import artist_numbers, bar_chart_svg

CHARTS = (("views", "Views"), ("favourites", "Favourites"), ("cart_adds", "Cart adds"), ("sales", "Sales"),
          ("earnings", "Earnings after commission"))


@artist_required
def numbers(request, artist):
    data = artist_numbers(artist=artist)
    labels = [month.strftime("%b") for month in data.months]
    charts = [{"key": key, "title": title, "total": data.total(key),
               # Our own SVG: numbers and escaped labels only.
               "svg": mark_safe(bar_chart_svg(values=data.by_month[key], labels=labels,  # noqa: S308
                                              title=f"{title} per month"))}
              for key, title in CHARTS]
    return render(request, "studio/numbers.html", {"artist": artist, "numbers": data, "charts": charts})


@artist_required
def numbers_csv(request, artist):
    data = artist_numbers(artist=artist)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="artiqo-my-numbers.csv"'
    writer = csv.writer(response)
    writer.writerow(["artwork_id", "title", "views", "favourites", "cart_adds", "sales", "view_to_sale",
                     f"earnings_after_commission{' ' + data.currency if data.currency else ''}"])
    for work in data.works:
        writer.writerow([work.artwork_id, work.title, work.views, work.favourites, work.cart_adds, work.sales,
                         "" if work.conversion is None else f"{work.conversion:.4f}", f"{work.earnings:.2f}"])
    writer.writerow([])
    writer.writerow(["month", "views", "favourites", "cart_adds", "sales", "", "earnings_after_commission"])
    for n, month in enumerate(data.months):
        writer.writerow([month.strftime("%Y-%m"), *(data.by_month[key][n] for key in
                                                    ("views", "favourites", "cart_adds", "sales")),
                         "", f"{data.by_month['earnings'][n]:.2f}"])
    return response
