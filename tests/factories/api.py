"""Builders for API callers: a client signed in with a user's token."""
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def token_for(user) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


def client_for(user) -> APIClient:
    """An API client sending `Authorization: Token <token>` of `user`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client
