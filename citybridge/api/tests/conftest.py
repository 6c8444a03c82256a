"""The API tests' helpers: a token made through the action, and a client that sends it."""

from __future__ import annotations

import pytest
from django.test import Client

from citybridge.api.actions import create_token


class TokenClient:
    """A test client that sends `Authorization: Bearer <secret>` with every request."""

    def __init__(self, secret: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, data=None):
        return self.client.get(path, data, headers=self.headers)

    def post(self, path: str, data=None, **kwargs):
        return self.client.post(path, data, headers=self.headers, **kwargs)

    def post_json(self, path: str, data: dict):
        return self.client.post(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as():
    """`api_as(user, hub)`: a client with a fresh 30-day token of `user` in `hub`."""

    def make(user, hub, days: int = 30) -> TokenClient:
        _token, secret = create_token(user, hub, name="tests", days=days, acting_user=user)
        return TokenClient(secret)

    return make
