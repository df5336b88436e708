"""The recommender in the CMS: Reports → Recommendations (the last trainings and their figures)."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from recommend.admin_views import RecommendationsReportView, can_see_recommendations


@hooks.register("register_admin_urls")
def register_recommendations_report_url():
    return [path("recommendations/", RecommendationsReportView.as_view(), name="recommend_report")]


class RecommendationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_recommendations(request.user)


@hooks.register("register_reports_menu_item")
def register_recommendations_menu_item():
    return RecommendationsMenuItem("Recommendations", reverse("recommend_report"), icon_name="pick", order=900)
