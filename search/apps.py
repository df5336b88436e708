"""The forked Oscar search app: Artiqo's search page at /shop/search/ (URL name search:search)."""
import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import receivers
        from search.views import SearchView

        receivers.connect()
        self.search_view = SearchView

    def get_urls(self):
        return self.post_process_urls([path("", self.search_view.as_view(), name="search")])
