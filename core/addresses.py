"""The site's public address, as printed on paper (login cards, take-home letters) and in QR codes."""

from urllib.parse import urlsplit

import segno
from django.conf import settings


def site_url(request=None):
    """The address families and pupils type: the `SITE_URL` setting when set (production sets it from the
    environment), otherwise the scheme and host of the request (validated by ALLOWED_HOSTS). No trailing slash."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute_url(request, path):
    """A path of this site as a full address on the site's public address; a full URL keeps only its path,
    so a development host in Wagtail's site record never reaches paper."""
    return site_url(request) + (urlsplit(str(path)).path or "/")


def qr_data_uri(url, *, scale=3):
    """A QR code of `url` as an SVG data URI, for an <img> that prints (the CSP allows data: images)."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)
