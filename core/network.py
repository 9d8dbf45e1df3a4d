"""Where a request came from: the one function that reads the client's address.

Behind a reverse proxy or CDN, REMOTE_ADDR is the proxy's address, so every pupil of a school would share
it. Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app (each appends the address it
received the request from to X-Forwarded-For); the client is then that many entries from the right. With
0 (the default) X-Forwarded-For is ignored, since anyone can send that header."""

from ipaddress import ip_address

from django.conf import settings


def _valid(address):
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return ""


def client_address(request):
    """The client's IP address as the trusted proxies saw it, or "" if there is no usable address."""
    if request is None:
        return ""
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not proxies:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # fewer hops than configured: the header was not written by our proxies
    return _valid(forwarded[-proxies]) or remote
