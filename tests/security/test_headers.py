"""Every kind of response carries the security headers; production settings are the server default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from core import search

ROOT = Path(__file__).resolve().parent.parent.parent
STATIC_FILE = next(path for path in (ROOT / "static").rglob("*.css"))


def responses(client):
    static_url = settings.STATIC_URL + STATIC_FILE.relative_to(ROOT / "static").as_posix()
    return {
        "html": client.get("/en/"),
        "json": client.get("/api/v2/pages/"),
        "static": client.get(static_url),
        "error": client.get("/en/no-such-page/"),
        "admin": client.get("/admin/login/"),
    }


@pytest.mark.django_db
def test_every_response_type_carries_the_security_headers(client):
    """HTML, JSON, static, error and admin responses: CSP with frame-ancestors, X-Frame-Options, Permissions-Policy."""
    seen = responses(client)
    assert seen["static"].status_code == 200 and seen["error"].status_code == 404
    for kind, response in seen.items():
        csp = response.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors" in csp, kind
        assert response.headers.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}, kind
        assert "camera=()" in response.headers.get("Permissions-Policy", ""), kind
        assert "geolocation=()" in response.headers["Permissions-Policy"], kind
        assert response.headers.get("Referrer-Policy") == "same-origin", kind
        assert response.headers.get("X-Content-Type-Options") == "nosniff", kind


def production(code):
    """Run `code` in a fresh interpreter with production settings (and nothing else chosen)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="safesteps.example", DATABASE_URL="sqlite:///:memory:")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_wsgi_defaults_to_production_settings():
    """A server started without DJANGO_SETTINGS_MODULE runs production settings (DEBUG off), not development."""
    out = production(
        "import config.wsgi, django.conf as c; print(c.settings.SETTINGS_MODULE, c.settings.DEBUG, "
        "c.settings.SESSION_COOKIE_NAME, c.settings.CSRF_COOKIE_NAME)"
    )
    assert out.split() == ["config.settings.production", "False", "__Host-sessionid", "__Host-csrftoken"]


def test_asgi_defaults_to_production_settings():
    """asgi.py makes the same choice as wsgi.py."""
    out = production("import config.asgi, django.conf as c; print(c.settings.SETTINGS_MODULE)")
    assert out.strip() == "config.settings.production"


def test_jieba_cache_is_not_in_the_shared_tmp():
    """jieba's dictionary cache (loaded with marshal) lives in a private directory, not /tmp."""
    import tempfile

    import jieba

    assert jieba.dt.tmp_dir == str(search.cache_dir())
    assert not Path(jieba.dt.tmp_dir).resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert Path(jieba.dt.tmp_dir).stat().st_mode & 0o077 == 0
