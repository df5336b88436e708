"""URL map of the catalogue API (products, artists), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import ID, api_path
from storefront.catalogue.api.views import ArtistDetailApi, ArtistListApi, ProductDetailApi, ProductListApi

urlpatterns = [
    api_path("products/products", ProductListApi.as_view(), "product-list"),
    api_path(f"products/(?P<product_id>{ID})", ProductDetailApi.as_view(), "product-detail"),
    api_path("artists", ArtistListApi.as_view(), "artist-list"),
    api_path(f"artists/(?P<artist_id>{ID})", ArtistDetailApi.as_view(), "artist-detail"),
]
