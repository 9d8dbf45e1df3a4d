"""Chinese typography of the interface strings (locale/zh_Hans/LC_MESSAGES/django.po)."""

import re
from pathlib import Path

from django.conf import settings

from tests.catalogues import po_entries

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
LATIN = r"(?:%\([a-z_]+\)[sd]|%[sd]|[A-Za-z])"
RULES = {
    "Chinese directly before Latin text or a placeholder": re.compile(CJK + LATIN),
    "Latin text or a placeholder directly before Chinese": re.compile(LATIN + CJK),
    "half-width punctuation after Chinese": re.compile(CJK + r"[,:;?!]"),
}
# Placeholders that are always Chinese words in the Chinese interface, so no space goes after them:
# Wagtail's workflow button label ("批准" → "批准并发布").
CHINESE_PLACEHOLDERS = {"%(label)s and Publish"}


def translations(path=CATALOGUE):
    """(msgid, msgstr) of every entry, plural forms included, obsolete entries left out."""
    return [
        (entry["msgid"], text) for entry in po_entries(path) for key, text in entry.items() if key.startswith("msgstr")
    ]


def test_the_catalogue_reader_sees_every_entry():
    """The reader finds the catalogue's entries (a broken reader would make the rules below pass vacuously)."""
    found = dict(translations())
    assert len(found) > 300
    assert found["Get help"] == "我需要帮助"


def test_chinese_strings_space_latin_text_and_use_full_width_punctuation():
    """A space between Chinese and Latin text or a placeholder; ，：；？！ rather than ASCII after Chinese."""
    problems = [
        f"{rule}: {msgid!r} → {msgstr!r}"
        for msgid, msgstr in translations()
        for rule, pattern in RULES.items()
        if pattern.search(msgstr) and msgid not in CHINESE_PLACEHOLDERS
    ]
    assert not problems, "\n".join(problems)


def test_the_home_page_title_names_the_site_once(client, zh):
    """A page titled like the site is not "安全每一步 · 安全每一步"."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.get_translation(zh)
    html = client.get(home.url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    parts = [part.strip() for part in title.split("·")]
    assert len(parts) == len(set(parts)), title
