"""What every API v1 view shares: JSON only, 405 before auth, one paginator."""
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView


def absolute_url(request, path: str) -> str:
    """`path` as a full URL for the client (left relative when there is no request)."""
    return request.build_absolute_uri(path) if request is not None else path


class ApiPagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 100) on every list."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class MethodFirstMixin:
    """Answer 405 for a method the path does not support, even before authentication.

    DRF checks credentials first, so an anonymous DELETE on a GET-only path would say
    401; the contract says a method a path does not support is 405 for everybody.
    """

    renderer_classes = [JSONRenderer]
    pagination_class = ApiPagination

    def initial(self, request, *args, **kwargs):
        if request.method.upper() not in self.allowed_methods:
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


class ApiView(MethodFirstMixin, APIView):
    """Base of the API's single-object views."""


class ApiListView(MethodFirstMixin, GenericAPIView):
    """Base of the API's paginated lists."""

    def paginated(self, queryset, **serializer_kwargs):
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True, **serializer_kwargs)
        return self.get_paginated_response(serializer.data)
