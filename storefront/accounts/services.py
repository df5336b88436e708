"""Writes about API users: sign up, sign in (token), sign out, edit the own profile."""
from __future__ import annotations

from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.authtoken.models import Token

from artiqo.core.errors import NotPermitted, Unavailable
from storefront.accounts.login_lockout import login_failure_record, login_lock_get, login_subject, login_success_record

User = get_user_model()

PROFILE_FIELDS = ("first_name", "last_name", "email")


class LoginRefused(NotPermitted):
    """Wrong username or password (or an inactive account)."""

    code = "authentication_failed"
    default_message = "The username and password do not match."
    http_status = 401  # not signed in: the caller is asked for credentials again


class LoginLockedOut(Unavailable):
    """Too many failures for this account: logins are refused for a while."""

    code = "login_locked"
    http_status = 429  # with Retry-After, as for any other limit

    def __init__(self, retry_after_seconds: int):
        super().__init__(
            "Too many failed logins for this account; it is locked for a while. "
            f"Try again in {max(retry_after_seconds // 60, 1)} minute(s).",
            retry_after=retry_after_seconds, detail=f"locked for {retry_after_seconds} s",
        )
        self.retry_after_seconds = retry_after_seconds


def user_email_taken(*, email: str, exclude_pk: int | None = None) -> bool:
    users = User.objects.filter(email__iexact=email.strip())
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.exists()


def user_username_taken(*, username: str) -> bool:
    return User.objects.filter(username__iexact=username.strip()).exists()


def user_register(*, username: str, email: str, password: str, first_name: str, last_name: str = ""):
    """A new buyer account; raises ValidationError naming the field that is not acceptable."""
    username, email = username.strip(), email.strip()
    first_name, last_name = first_name.strip(), last_name.strip()
    errors: dict[str, list[str]] = {}
    if user_username_taken(username=username):
        errors["username"] = ["This username is taken."]
    if user_email_taken(email=email):
        errors["email"] = ["An account with this email already exists."]
    try:
        validate_password(password, user=User(username=username, email=email, first_name=first_name,
                                               last_name=last_name))
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return User.objects.create_user(username=username, email=email, password=password,
                                            first_name=first_name, last_name=last_name)
    except IntegrityError as exc:
        # A concurrent sign-up took the username between the check and the insert.
        raise ValidationError({"username": ["This username is taken."]}) from exc


def user_login(*, request, username: str, password: str) -> tuple[object, str]:
    """Check the credentials (refused while locked out); returns the user and their token."""
    subject = login_subject(username=username)
    lock = login_lock_get(subject=subject)
    if lock.locked:
        raise LoginLockedOut(lock.retry_after_seconds)
    try:
        user = authenticate(request, username=username.strip(), password=password)
    except User.MultipleObjectsReturned:
        # Oscar's email backend refuses to pick between accounts sharing email and password.
        user = None
    if user is None:
        lock = login_failure_record(subject=subject)
        if lock.locked:
            raise LoginLockedOut(lock.retry_after_seconds)
        raise LoginRefused()
    login_success_record(subject=subject)
    token, _ = Token.objects.get_or_create(user=user)
    return user, token.key


def user_logout(*, user) -> None:
    """Revoke the user's API token: it stops working at once."""
    Token.objects.filter(user=user).delete()


def user_profile_update(*, user, **changes):
    """Change the editable profile fields (names, email); other keys are refused."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    if "email" in changes:
        changes["email"] = changes["email"].strip()
        if user_email_taken(email=changes["email"], exclude_pk=user.pk):
            raise ValidationError({"email": ["An account with this email already exists."]})
    for name, value in changes.items():
        setattr(user, name, value)
    if changes:
        user.save(update_fields=list(changes))
    return user
