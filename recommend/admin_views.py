"""Wagtail admin view of the recommender: the "Recommendations" report of the last trainings.

Per training: when, how many events, which model was chosen and why, and its validation
NDCG@10 / Recall@10 / coverage against popularity and random picks, with a small chart
(drawn on the server as SVG, no script) of NDCG@10 over time.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.dateparse import parse_datetime
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from recommend.store import trainings_recent

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 560, 160, 24
SERIES = (("chosen", "Served model"), ("popularity", "Popularity"), ("random", "Random"))


def can_see_recommendations(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("recommend.view_artworkcolour"))


def chart_series(trainings: list[dict]) -> dict:
    """SVG polyline points of validation NDCG@10 per series, oldest training on the left."""
    ordered = list(reversed(trainings))
    values = [t.get("results", {}).get(name, {}).get("ndcg") for t in ordered for name, _ in SERIES]
    top = max([v for v in values if v is not None] or [0.0]) or 1.0
    width, height = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
    step = width / max(len(ordered) - 1, 1)
    lines = []
    for name, label in SERIES:
        points = []
        for i, training in enumerate(ordered):
            value = training.get("results", {}).get(name, {}).get("ndcg")
            if value is not None:
                x = CHART_PAD + i * step
                y = CHART_PAD + height * (1 - value / top)
                points.append(f"{x:.1f},{y:.1f}")
        lines.append({"name": name, "label": label, "points": " ".join(points)})
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "top": top, "lines": lines, "pad": CHART_PAD,
            "bottom": CHART_HEIGHT - CHART_PAD}


class RecommendationsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "recommend/admin/report.html"
    page_title = "Recommendations"
    header_icon = "pick"
    breadcrumbs_items = [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": "Recommendations"}]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_recommendations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        trainings = trainings_recent(limit=30)
        for training in trainings:
            training["when"] = parse_datetime(training.get("trained_at") or "")
            results = training.get("results", {})
            chosen, popularity = results.get("chosen", {}), results.get("popularity", {})
            ndcg, base = chosen.get("ndcg"), popularity.get("ndcg")
            training["ratio"] = ndcg / base if ndcg is not None and base else None
        context.update(trainings=trainings, chart=chart_series(trainings) if len(trainings) > 1 else None)
        return context
