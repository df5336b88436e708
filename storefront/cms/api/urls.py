"""URL map of Wagtail's read-only content API (/api/v2/): pages, images with renditions, documents.

artiqo.urls mounts `api_router.urls` at /api/v2/ (namespace `wagtailapi`), before the page catch-all.
"""
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from storefront.cms.api.views import RenditionImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", RenditionImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
