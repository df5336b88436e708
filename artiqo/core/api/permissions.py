"""Who may call what: the cart owner, staff, artists."""
from rest_framework.permissions import BasePermission, IsAuthenticated


class IsStaff(IsAuthenticated):
    """Signed-in staff only: anonymous callers get 401, everyone else 403."""

    message = "Only administrators can do this."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and bool(request.user.is_staff)


class IsArtist(BasePermission):
    """Signed-in users who sell art (anonymous → 401 via IsAuthenticated first)."""

    message = "Only artists can see the orders of their art."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and hasattr(request.user, "artist"))
