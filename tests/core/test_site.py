import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from core.models import HelpContacts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("prefix", ["/zh-hans/", "/en/"])
def test_home_page_answers_in_both_languages(client, db, prefix):
    """The home page of each language is served under its own prefix."""
    response = client.get(prefix)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == prefix.strip("/")


@pytest.mark.parametrize(("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("zh-CN,zh;q=0.9", "/zh-hans/")])
def test_root_redirects_by_browser_language(client, db, accept, target):
    """`/` sends each visitor to the language their browser asks for."""
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response.url == target


def test_root_defaults_to_chinese(client, db):
    """A browser that asks for a language we do not have gets Simplified Chinese."""
    response = client.get("/", headers={"accept-language": "fr"})
    assert response.url == "/zh-hans/"


@pytest.mark.parametrize(
    ("url", "text"),
    [("/en/no-such-page/", "We could not find that page"), ("/zh-hans/no-such-page/", "我们没有找到这个页面")],
)
def test_unknown_url_gives_translated_404(client, db, url, text):
    """An unknown address answers 404 with a page in the visitor's language, never a 500."""
    response = client.get(url)
    assert response.status_code == 404
    assert text in response.content.decode()


@override_settings(DEBUG=False)
def test_strange_paths_never_crash(client, db):
    """Odd paths (encoded bytes, deep nesting, a huge step number) answer 404."""
    for url in ["/en/%00/", "/en/" + "a/" * 60, "/en/curriculum/little-steps/x/step/99999999999999999999/"]:
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(("prefix", "contact"), [("/zh-hans/", "12355"), ("/en/", "CEOP")])
def test_help_contacts_of_the_language_are_on_every_page(client, db, prefix, contact):
    """The "Get help" panel shows the contacts of the page's language."""
    html = client.get(prefix).content.decode()
    assert 'id="get-help"' in html
    assert contact in html


def test_help_contacts_are_editable_not_hard_coded(client, zh):
    """Changing the setting changes what every page shows."""
    contacts = HelpContacts.objects.get(locale=zh)
    contacts.contacts = [{"type": "contact", "value": {"name": "校园热线", "phone": "555", "purpose": "测试"}}]
    contacts.save()
    html = client.get("/zh-hans/").content.decode()
    assert "校园热线" in html
    assert 'href="tel:555"' in html
    assert "12377" not in html


def test_every_public_page_has_a_strict_content_security_policy(client, db):
    """No inline script or style is allowed on the public site."""
    policy = client.get("/en/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_sitemap_lists_live_pages_in_both_languages(client, db):
    """/sitemap.xml lists every live public page, Chinese and English."""
    from wagtail.models import Page

    xml = client.get("/sitemap.xml").content.decode()
    pages = Page.objects.live().public().filter(depth__gt=1)
    assert pages.filter(locale__language_code="en").exists()
    for page in pages:
        assert f"<loc>http://localhost{page.url}</loc>" in xml


def test_sitemap_leaves_out_unpublished_pages(client, lesson_en):
    """A draft lesson is not in the sitemap."""
    url = lesson_en.url
    lesson_en.unpublish()
    assert url not in client.get("/sitemap.xml").content.decode()


def _start_production(env):
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default'])"
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_settings(missing):
    """Production settings stop with a clear error when a required variable is missing."""
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "safesteps.example", "DATABASE_URL": "postgres://u@db/safesteps"}
    del env[missing]
    result = _start_production(env)
    assert result.returncode != 0
    assert f"KeyError: '{missing}'" in result.stderr


def test_production_uses_postgresql_from_the_environment():
    """With every variable set, production reads its database from DATABASE_URL."""
    result = _start_production(
        {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "safesteps.example", "DATABASE_URL": "postgres://u@db/safesteps"}
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_chinese_catalogue_is_complete():
    """Every UI string has a Simplified Chinese translation: a missing or fuzzy one fails."""
    po = (ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]  # the first entry is the header
    assert len(entries) > 100
    untranslated = [e for e in entries if re.search(r'^msgstr(\[0\])? ""\n(?!")', e + "\n", re.M)]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert not untranslated, untranslated[:3]
    assert not fuzzy, fuzzy[:3]
