from django.db import connection, reset_queries
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.dashboard import EditorsPanel
from curriculum.models import LearningOutcome, Strand
from lessons.models import LessonPage
from tests.factories import UserFactory

from .conftest import lesson_form


def _dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def _panel(user):
    """The editors' panel alone (Wagtail's own dashboard panels cost queries per item of their own)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("en"):
        return EditorsPanel().render_html({"request": request})


def _submit_for_review(page, user):
    page = LessonPage.objects.get(pk=page.pk)
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def test_empty_lists_say_so(client, editor):
    """With nothing in review and nothing out of date, the panel says so instead of showing empty lists."""
    client.force_login(editor)
    html = _dashboard(client)
    assert "Nothing is waiting for review." in html
    assert "Every translation is up to date." in html


def test_the_admin_asks_no_third_party_for_avatars(client, editor):
    """No Gravatar address on the dashboard: the CSP would block it and it would send a hash of the email."""
    client.force_login(editor)
    html = _dashboard(client)
    assert "gravatar.com" not in html
    assert "avatar" in html


def test_the_panel_lists_review_out_of_date_and_this_weeks_changes(client, editor, lesson_pair):
    """A lesson in review, its English version out of date, and the Chinese edit of this week, each linked."""
    english, chinese = lesson_pair
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[chinese.pk]), lesson_form(chinese, message="新"))
    assert response.status_code == 302
    _submit_for_review(english, editor)
    html = _dashboard(client)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert html.split("Waiting for review")[1].split("Out of date in the other language")[0].count(edit_url) == 1
    out_of_date = html.split("Out of date in the other language")[1].split("Changed this week")[0]
    assert "Pair lesson" in out_of_date and "English: out of date since" in out_of_date
    changed = html.split("Changed this week")[1]
    assert reverse("wagtailadmin_pages:edit", args=[chinese.pk]) in changed


def test_the_panel_costs_the_same_queries_whatever_its_length(
    client, editor, zh, lesson_pair, django_assert_num_queries
):
    """One item in each list (of each kind) costs the same queries as a full list of each."""
    english, chinese = lesson_pair
    client.force_login(editor)
    chinese_strands = list(Strand.objects.filter(locale=zh))
    chinese_outcomes = list(LearningOutcome.objects.filter(locale=zh)[:5])
    chinese_strands[0].save()
    chinese_outcomes[0].save()
    LessonPage.objects.get(pk=chinese.pk).save_revision(user=editor).publish()
    _submit_for_review(english, editor)
    _panel(editor)  # warm Wagtail's per-process caches (content types, locales)
    reset_queries()  # the connection's query log holds 9,000 entries: a full one captures nothing
    with CaptureQueriesContext(connection) as small:
        _panel(editor)
    for item in chinese_strands[1:] + chinese_outcomes[1:]:
        item.save()
    for lesson in LessonPage.objects.filter(locale=zh).exclude(pk=chinese.pk)[:12]:
        lesson.save_revision(user=editor)
        lesson.get_workflow().start(lesson, editor)
    with django_assert_num_queries(len(small.captured_queries)):
        html = _panel(editor)
    assert html.count("out of date since") == 10
    assert html.split("Waiting for review")[1].split("Out of date")[0].count("<li>") == 10
    assert len(small.captured_queries) == 6  # review, statuses, one per kind (3), revisions


def test_a_change_without_an_editor_says_it_was_imported(editor, lesson_pair):
    """A revision saved by the content pack (no user) reads "imported without an editor", not "by —"."""
    english, _chinese = lesson_pair
    LessonPage.objects.get(pk=english.pk).save_revision()
    changed = _panel(editor).split("Changed this week")[1]
    assert "imported without an editor" in changed
    assert "by —" not in changed


def test_a_submission_of_this_minute_says_just_now(editor, lesson_pair):
    """A lesson submitted less than a minute ago reads "just now", not "0 minutes ago"."""
    english, _chinese = lesson_pair
    _submit_for_review(english, editor)
    waiting = _panel(editor).split("Waiting for review")[1].split("Out of date")[0]
    assert "just now" in waiting
    assert "0\xa0minutes" not in waiting and "0 minutes" not in waiting


def test_changed_this_week_lists_each_item_once_with_its_newest_change(editor, lesson_pair):
    """A lesson saved three times this week is one row, by whoever saved it last; the other lesson its own row."""
    english, chinese = lesson_pair
    other_editor = UserFactory(is_superuser=True, is_staff=True, username="newest-saver")
    for user in (editor, editor, other_editor):
        LessonPage.objects.get(pk=english.pk).save_revision(user=user)
    changed = _panel(editor).split("Changed this week")[1]
    assert changed.count(reverse("wagtailadmin_pages:edit", args=[english.pk])) == 1
    assert changed.count(reverse("wagtailadmin_pages:edit", args=[chinese.pk])) == 1
    english_row = next(row for row in changed.split("<li>") if f"/pages/{english.pk}/edit/" in row)
    assert "by newest-saver" in english_row


def test_changed_this_week_says_each_rows_language(editor, lesson_pair):
    """Each "Changed this week" row names its language, so the English and Chinese edits of a lesson are told apart."""
    english, chinese = lesson_pair
    for lesson in (english, chinese):
        LessonPage.objects.get(pk=lesson.pk).save_revision(user=editor)
    changed = _panel(editor).split("Changed this week")[1]
    rows = {
        lang: next(row for row in changed.split("<li>") if f"/pages/{page.pk}/edit/" in row)
        for lang, page in (("en", english), ("zh", chinese))
    }
    assert '<span class="changed-language">English</span>' in rows["en"]
    assert '<span class="changed-language">简体中文</span>' in rows["zh"]
