"""What the studio and special-order pages share: the artist gate, paging, errors onto forms."""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect

from artists.selectors import artist_for_user

# Codes of storefront.catalogue.images: a refused image belongs next to the file field.
IMAGE_ERROR_CODES = {"too_large", "not_an_image", "bad_format", "too_many_pixels", "unreadable"}


def artist_required(view=None, *, others_to_apply: bool = False):
    """Signed-in artists only: visitors go to log in (and come back), other users get 403.

    With `others_to_apply` (the studio's front door), a signed-in non-artist is shown how
    to become one instead. The view receives the artist as its second argument.
    """
    if view is None:
        return lambda view: artist_required(view, others_to_apply=others_to_apply)

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        artist = artist_for_user(user=request.user)
        if artist is None:
            if others_to_apply and request.method in ("GET", "HEAD"):
                return redirect("studio:apply")
            raise PermissionDenied("The studio is for artists.")
        return view(request, artist, *args, **kwargs)

    return wrapper


def page_context(request, queryset, *, per_page: int = 20) -> dict:
    """`page_obj` and the elided page range the shared pagination include expects."""
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number),
        "ellipsis": Paginator.ELLIPSIS,
        "object_list": page_obj.object_list,
    }


def form_errors_add(form, error: ValidationError, *, image_field: str | None = None) -> None:
    """Put a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return
    field = image_field if image_field and getattr(error, "code", None) in IMAGE_ERROR_CODES else None
    form.add_error(field, error.messages)
