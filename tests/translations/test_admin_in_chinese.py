"""The admin in Chinese: a walk through the main admin screens finds none of the known English interface strings.

The known strings are every message of the English catalogues of the installed Wagtail and Django apps and of the
project (`known_english`); a screen's text is its visible text and its title, aria-label, placeholder and alt
attributes (`visible_text`). A string counts as found when a text node is exactly it, or, for strings of two or more
words, when it appears in the screen's text with any value in its placeholders."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from core.models import HelpContacts, ReportingProcedure
from curriculum.models import AgeBand, LearningOutcome, Strand
from lessons.models import AgeBandPage, LessonPage
from quizzes.models import Quiz
from tests.catalogues import po_entries

SKIPPED_TAGS = {"script", "style", "template", "noscript", "svg"}
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{[^}]*\}\}")
TAG = re.compile(r"<[^>]+>")


def _catalogue(path):
    """The msgids of a .po file (plural forms included), obsolete entries left out."""
    return [entry[key] for entry in po_entries(path) for key in ("msgid", "msgid_plural") if entry.get(key)]


def known_english():
    """Every interface string the admin could show untranslated: the English catalogues of the installed apps
    (Wagtail's and Django's) and Django's own, and the project's msgids; strings without two letters in a row
    (":", "%(value)s") left out."""
    paths = [Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po" for config in apps.get_app_configs()]
    paths.append(Path(__import__("django").__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po")
    paths.append(Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po")
    known = {msgid for path in paths if path.exists() for msgid in _catalogue(path)}
    return {msgid for msgid in known if re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", msgid))}


def content_words():
    """What the admin shows that is content, not interface: the English pages' and snippets' own words, the brand
    (the Wagtail site name and the Site record), and the languages' own names ("English" beside "简体中文")."""
    words = {settings.WAGTAIL_SITE_NAME, *(name for _code, name in settings.LANGUAGES)}
    words |= set(Page.objects.values_list("title", flat=True))
    for model in (Strand, AgeBand, LearningOutcome, Quiz, HelpContacts, ReportingProcedure):
        words |= {str(obj) for obj in model.objects.all()}
    return words


def _pattern(msgid):
    """(longest literal part, regex) of the string as a screen shows it: tags dropped, up to 100 characters of any
    text in each placeholder, spaces folded; None for strings of fewer than two words."""
    parts = [" ".join(part.split()) for part in PLACEHOLDER.split(TAG.sub(" ", msgid))]
    if len(re.findall(r"[A-Za-z]{2,}", " ".join(parts))) < 2:
        return None  # single words are matched against whole text nodes only
    regex = r"\s*.{0,100}?\s*".join(_bounded(part) for part in parts)
    return max(parts, key=len), re.compile(regex)


def _bounded(part):
    """A literal part of a string, whole words only ("at" never matches inside "threats")."""
    regex = re.escape(part).replace(r"\ ", r"\s+")
    if part[:1].isalnum():
        regex = r"\b" + regex
    if part[-1:].isalnum():
        regex += r"\b"
    return regex


class VisibleText(HTMLParser):
    """Text nodes and labelling attributes (hidden menus included: they open on a click), leaving out scripts and
    styles."""

    def __init__(self):
        super().__init__()
        self.nodes, self.open, self.skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skip = tag in SKIPPED_TAGS or "data-side-panel-toggle-counter" in attributes  # a hidden "None" count
        if tag not in VOID_TAGS:
            self.open.append((tag, skip))
            self.skipping += skip
        if self.skipping or skip:
            return
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.nodes.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        while self.open:
            opened, skip = self.open.pop()
            self.skipping -= skip
            if opened == tag:
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.nodes.append(" ".join(data.split()))


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.nodes


def untranslated(html, known, patterns, content):
    """The known English strings shown on a screen, outside the content's own words."""
    nodes = [node for node in visible_text(html) if node not in content]
    text = " ".join(nodes)
    for words in content:  # content quoted inside an interface sentence ("More options for 'My body…'")
        if len(words) > 3 and words in text:
            text = text.replace(words, "…")
    found = {node for node in nodes if node in known or node.rstrip(":") in known}
    found |= {msgid for msgid, (part, pattern) in patterns.items() if part in text and pattern.search(text)}
    return found


def screens():
    """The main admin screens, as (name, URL), on the Chinese content."""
    zh = Locale.objects.get(language_code="zh-hans")
    lesson = LessonPage.objects.filter(locale=zh).order_by("path").first()
    band_page = AgeBandPage.objects.filter(locale=zh).first()
    snippets = {
        "quizzes_quiz": Quiz.objects.filter(locale=zh).first(),
        "core_helpcontacts": HelpContacts.objects.get(locale=zh),
        "core_reportingprocedure": ReportingProcedure.objects.get(locale=zh),
        "curriculum_strand": Strand.objects.filter(locale=zh).first(),
        "curriculum_learningoutcome": LearningOutcome.objects.filter(locale=zh).first(),
        "curriculum_ageband": AgeBand.objects.filter(locale=zh).first(),
    }
    pages = [
        ("dashboard", reverse("wagtailadmin_home")),
        ("page explorer", reverse("wagtailadmin_explore_root")),
        ("band page listing", reverse("wagtailadmin_explore", args=[band_page.pk])),
        ("lesson edit", reverse("wagtailadmin_pages:edit", args=[lesson.pk])),
        ("lesson add", reverse("wagtailadmin_pages:add", args=("lessons", "lessonpage", band_page.pk))),
        ("lesson history", reverse("wagtailadmin_pages:history", args=[lesson.pk])),
        ("page search", reverse("wagtailadmin_pages:search") + "?q=x"),
    ]
    for name, obj in snippets.items():
        pages.append((f"{name} list", reverse(f"wagtailsnippets_{name}:list")))
        pages.append((f"{name} edit", reverse(f"wagtailsnippets_{name}:edit", args=[obj.pk])))
    pages += [
        (name, reverse(url))
        for name, url in [
            ("users", "wagtailusers_users:index"),
            ("groups", "wagtailusers_groups:index"),
            ("sites", "wagtailsites:index"),
            ("locales", "wagtaillocales:index"),
            ("redirects", "wagtailredirects:index"),
            ("workflows", "wagtailadmin_workflows:index"),
            ("workflow tasks", "wagtailadmin_workflows:task_index"),
            ("account", "wagtailadmin_account"),
            ("images", "wagtailimages:index"),
            ("documents", "wagtaildocs:index"),
            ("locked pages report", "wagtailadmin_reports:locked_pages"),
            ("workflow report", "wagtailadmin_reports:workflow"),
            ("workflow tasks report", "wagtailadmin_reports:workflow_tasks"),
            ("site history report", "wagtailadmin_reports:site_history"),
            ("aging pages report", "wagtailadmin_reports:aging_pages"),
            ("page types report", "wagtailadmin_reports:page_types_usage"),
        ]
    ]
    return pages


@pytest.fixture
def chinese_editor(editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    return editor


def test_the_admin_walk_finds_no_english_interface_string(client, chinese_editor):
    """Every main admin screen, read by an editor whose language is Chinese, shows none of the known English strings."""
    client.force_login(chinese_editor)
    known, content = known_english(), content_words()
    patterns = {msgid: pattern for msgid in known if (pattern := _pattern(msgid))}
    report, checked = {}, 0
    for name, url in screens():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert 'lang="zh-hans"' in html, name
        checked += len(visible_text(html))
        found = untranslated(html, known, patterns, content)
        if found:
            report[name] = sorted(found)
    print(f"\nADMIN_COVERAGE known={len(known)} text_nodes={checked} untranslated={len(set().union(*report.values()))}")
    for name, found in report.items():
        print(name, found)
    assert not report


def test_the_checker_finds_english_strings_split_by_markup_or_with_values():
    """The walk's checker finds Wagtail strings as a screen shows them: with values in the placeholders, split by
    tags, or as a whole text node; and not inside other words or inside content."""
    known = {"Available in %(translations_total)s locales", "Anyone can edit this %(model_name)s", "Saved"}
    patterns = {msgid: pattern for msgid in known if (pattern := _pattern(msgid))}
    html = "<p>Available in <b>2</b> locales</p><span title='Anyone can edit this 页面'></span><i>Saved</i>"
    assert untranslated(html, known, patterns, content=set()) == known
    assert not untranslated("<p>有 2 种语言版本</p><i>已保存</i><p>Saved</p>", known, patterns, content={"Saved"})


def test_approve_and_publish_reads_as_one_chinese_phrase(chinese_editor):
    """The project's catalogue overrides Wagtail's "批准 和发布" with "批准并发布" on the reviewer's button."""
    with translation.override("zh-hans"):
        label = translation.gettext("%(label)s and Publish") % {"label": translation.gettext("Approve")}
    assert label == "批准并发布"


def test_the_sidebar_badge_is_read_out_in_chinese(client, chinese_editor):
    """The admin's JavaScript catalogue in Chinese carries the sidebar's "new items in this menu" badge."""
    client.force_login(chinese_editor)
    response = client.get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert json.dumps("（此菜单中有 %(number)s 项新内容）")[1:-1] in response.content.decode()  # JSON-escaped


def test_snippet_breadcrumbs_read_home_in_each_requests_language():
    """Every snippet's first breadcrumb reads "首页" in Chinese and "Home" in English, whatever language the
    crumbs were made in (Wagtail makes them once, when the URLs load)."""
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        with translation.override("en"):
            home = model.snippet_viewset.breadcrumbs_items[0]["label"]
        with translation.override("zh-hans"):
            assert str(home) == "首页", model
        with translation.override("en"):
            assert str(home) == "Home", model
