"""The one translation of ApplicationErrors for pages and forms (the API's is `artiqo.core.api.exceptions`).

A web view that calls a service catches `ApplicationError` once and hands it here:

    try:
        studio_image_remove(...)
    except ApplicationError as error:
        error_page_raise(error)                # NotFound/NotPermitted: the 404/403 page
        error_show(request, error)             # the rest: a message on the next page
        return redirect(...)

    except ApplicationError as error:
        error_show(request, error, form=form)  # on the form, by field where it names one
        return render(request, template, context, status=error_status(error))
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from artiqo.core import errors

# A page's status for each kind (what a re-rendered form answers with; 404 and 403 are raised).
KIND_STATUS: dict[type[errors.ApplicationError], int] = {
    errors.NotFound: 404,
    errors.NotPermitted: 403,
    errors.Conflict: 409,
    errors.Unavailable: 503,
    errors.Invalid: 400,
}


def error_status(error: errors.ApplicationError) -> int:
    """The HTTP status a page showing `error` answers with."""
    return KIND_STATUS[errors.error_kind(error)]


def form_error_add(form, error: errors.ApplicationError) -> None:
    """Put `error` on `form`: each message under its field where the form has that field, else on the form."""
    placed = False
    for name, messages_ in error.fields.items():
        if name in form.fields and isinstance(messages_, (list, tuple)):
            form.add_error(name, list(messages_))
            placed = True
    if not placed:
        form.add_error(None, error.message)


def error_page_raise(error: errors.ApplicationError) -> None:
    """For a page about one object: NotFound is its 404 page, NotPermitted its 403 page; other kinds return."""
    kind = errors.error_kind(error)
    if kind is errors.NotFound:
        raise Http404(error.message) from error
    if kind is errors.NotPermitted:
        raise PermissionDenied(error.message) from error


def error_show(request, error: errors.ApplicationError, *, form=None, level: int = messages.ERROR) -> None:
    """Show `error` on `form` when given (see form_error_add), else as a message (at `level`) on the next page."""
    if form is not None:
        form_error_add(form, error)
    else:
        messages.add_message(request, level, error.message)
