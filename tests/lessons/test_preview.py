import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from parents.models import ParentGuidePage
from tests.factories import LessonPageFactory, lesson_steps

DRAFT_TEXT = "DRAFT-STEP-TEXT: not published yet."


@pytest.fixture
def lesson_with_draft(band_page_en):
    """A published lesson whose first step has an unpublished edit."""
    lesson = LessonPageFactory(parent=band_page_en, step_count=4)
    steps = lesson_steps(4)
    steps[0]["value"] = {"heading": "Heading", "body": f"<p>{DRAFT_TEXT}</p>"}
    lesson.steps = steps
    revision = lesson.save_revision()
    return lesson, revision


def _preview(client, lesson, revision, mode):
    url = reverse("wagtailadmin_pages:revisions_view", args=(lesson.pk, revision.pk))
    return client.get(url, {"mode": mode})


def test_preview_of_a_step_shows_the_draft_and_the_live_step_does_not(client, editor, lesson_with_draft):
    """The step-1 preview renders the unpublished edit; the live step 1 still shows the published text."""
    lesson, revision = lesson_with_draft
    client.force_login(editor)
    assert DRAFT_TEXT in _preview(client, lesson, revision, "step-1").content.decode()
    client.logout()
    live = client.get(f"{lesson.url}step/1/")
    assert live.status_code == 200
    assert DRAFT_TEXT not in live.content.decode()


def test_preview_lists_every_screen_of_the_lesson(lesson_with_draft):
    """Overview, one mode per step, every present-mode screen, the plan, the quiz and the take-home note."""
    lesson, _revision = lesson_with_draft
    modes = [name for name, _label in lesson.preview_modes]
    steps = ["step-1", "step-2", "step-3", "step-4"]
    present = ["present", "present-1", "present-2", "present-3", "present-4", "present-5"]
    assert modes == ["", *steps, *present, "plan", "quiz", "take-home"]


def test_present_mode_preview_shows_the_draft_with_no_teacher_notes(client, editor, lesson_with_draft):
    """The present-mode preview of step 1 shows the unpublished edit full-screen, and its Next and Back stay in
    the preview; the live present screen still shows the published text."""
    lesson, revision = lesson_with_draft
    client.force_login(editor)
    html = _preview(client, lesson, revision, "present-1").content.decode()
    assert DRAFT_TEXT in html and 'class="site-header"' not in html
    assert 'href="?mode=present-2"' in html and 'href="?mode=present"' in html
    client.logout()
    assert DRAFT_TEXT not in client.get(f"{lesson.url}present/1/").content.decode()


@pytest.mark.parametrize("mode", ["", "step-2", "present-2", "plan", "take-home"])
def test_links_inside_a_preview_stay_in_the_preview(client, editor, lesson_with_draft, mode):
    """The lesson's own screens are linked as preview modes, never as live URLs."""
    lesson, revision = lesson_with_draft
    client.force_login(editor)
    html = _preview(client, lesson, revision, mode).content.decode()
    assert 'href="?mode=' in html
    assert f'href="{lesson.url}' not in html


def test_plan_preview_shows_the_teacher_notes(client, editor, lesson_with_draft):
    """The whole-lesson preview includes the teacher notes."""
    lesson, revision = lesson_with_draft
    client.force_login(editor)
    assert "SECRET-TEACHER-NOTE" in _preview(client, lesson, revision, "plan").content.decode()


def test_preview_is_framable_by_the_admin_only(client, editor, lesson_with_draft):
    """The preview may be framed by the same origin; the live step may be framed by nobody."""
    lesson, revision = lesson_with_draft
    client.force_login(editor)
    preview = _preview(client, lesson, revision, "step-1")
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    client.logout()
    live = client.get(f"{lesson.url}step/1/")
    assert "frame-ancestors 'none'" in live["Content-Security-Policy"]
    assert live["X-Frame-Options"] == "DENY"


def test_guide_preview_shows_the_draft(client, editor, en):
    """A parents' guide preview renders its unpublished title."""
    guide = ParentGuidePage.objects.filter(locale=en).first()
    guide.title = "DRAFT-GUIDE-TITLE"
    revision = guide.save_revision()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=(guide.pk, revision.pk)))
    assert "DRAFT-GUIDE-TITLE" in response.content.decode()
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_language_link_in_a_step_preview_opens_the_other_languages_step_preview(client, editor, lesson_en, lesson_zh):
    """In the step-1 preview of the English lesson, the language link opens the Chinese lesson's step-1 preview
    (its latest revision), not the live Chinese lesson."""
    client.force_login(editor)
    html = _preview(client, lesson_en, lesson_en.get_latest_revision(), "step-1").content
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select(".language-switcher a")]
    other_url = reverse("wagtailadmin_pages:revisions_view", args=(lesson_zh.pk, lesson_zh.latest_revision_id))
    assert links == [f"{other_url}?mode=step-1"]
    assert client.get(links[0]).status_code == 200
