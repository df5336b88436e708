"""Wagtail admin views of billing: the revenue report (fees, subscriptions, features per month)."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from storefront.billing.selectors import revenue_report

REPORT_PERMISSION = "billing.view_ledgerentry"


def can_see_revenue(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(REPORT_PERMISSION))


def _int_param(value: str | None, *, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise ValueError(value)
    return int(value)


class RevenueReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per month of a year: commissions (after refunds), subscription and featured-listing income."""

    template_name = "billing/admin/revenue_report.html"
    page_title = "Revenue report"
    header_icon = "table"
    # The slim header names the page after its last breadcrumb (Wagtail's default list
    # ends with "Home", which made the report's header read "Home").
    breadcrumbs_items = [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": "Revenue report"}]
    _bad_input = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_revenue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        currency = request.GET.get("currency") or settings.OSCAR_DEFAULT_CURRENCY
        try:
            year = _int_param(request.GET.get("year"), low=2000, high=2999)
            if len(currency) != 3 or not currency.isalpha():
                raise ValueError(currency)
        except ValueError:
            response = self.render_to_response(self.get_context_data(
                error="Give a year such as 2026 and a three-letter currency code.",
                report=revenue_report(currency=settings.OSCAR_DEFAULT_CURRENCY)))
            response.status_code = 400
            return response
        return self.render_to_response(self.get_context_data(report=revenue_report(year=year,
                                                                                   currency=currency.upper())))
