"""The client's address comes from one function, behind the trusted-proxy setting."""

import pytest
from django.test import RequestFactory

from core.network import client_address


@pytest.fixture
def request_from():
    def make(remote, forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    return make


def test_without_a_proxy_the_header_is_ignored(settings, request_from):
    """With no trusted proxy, a client cannot choose its address by sending X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_is_used(settings, request_from):
    """Behind one proxy, the client is the last address that proxy appended, not one the client made up."""
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.2", "198.51.100.1, 203.0.113.9")  # 198.51.100.1 was sent by the client
    assert client_address(request) == "203.0.113.9"


def test_behind_two_proxies(settings, request_from):
    """Two proxies: the address two hops from the right."""
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("10.0.0.3", "203.0.113.9, 10.0.0.2")) == "203.0.113.9"


def test_a_short_or_garbled_header_falls_back_to_the_connection(settings, request_from):
    """Fewer hops than configured, or something that is no address, never becomes the client's address."""
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("10.0.0.3", "203.0.113.9")) == "10.0.0.3"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.3", "not-an-address")) == "10.0.0.3"
    assert client_address(None) == ""
