from django.urls import reverse

from contentpack.importer import import_pack
from contentpack.reader import load_pack
from core.models import TranslationStatus
from curriculum.models import Strand
from lessons.models import LessonPage
from quizzes.models import Quiz

from .conftest import lesson_form


def _status(obj):
    return TranslationStatus.objects.status_of(obj)


def _publish(page):
    """Publish a new revision of `page` as the admin does, from the page as stored."""
    LessonPage.objects.get(pk=page.pk).save_revision().publish()


def test_editing_a_chinese_lesson_marks_the_english_one_out_of_date_until_it_is_updated(client, editor, lesson_pair):
    """Publishing an edit of the Chinese lesson through the admin marks the English lesson out of date (and not the
    Chinese one); publishing the English lesson clears it without marking the Chinese one in turn."""
    english, chinese = lesson_pair
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[chinese.pk]), lesson_form(chinese, message="新的话")
    )
    assert response.status_code == 302
    status = _status(english)
    assert status is not None and status.changed_in == chinese.locale and status.changed_by == editor
    assert _status(chinese) is None

    response = client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), lesson_form(english, message="New"))
    assert response.status_code == 302
    assert _status(english) is None
    assert _status(chinese) is None


def test_a_draft_marks_nothing(client, editor, lesson_pair):
    """Only what goes live counts: a saved draft of the Chinese lesson leaves the English one up to date."""
    english, chinese = lesson_pair
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[chinese.pk]), lesson_form(chinese, message="草稿", action=None)
    )
    assert response.status_code == 302
    assert _status(english) is None


def test_a_second_change_keeps_the_first_date(lesson_pair):
    """Out of date since the first change not yet translated; the latest change is remembered beside it."""
    english, chinese = lesson_pair
    _publish(chinese)
    first = _status(english)
    _publish(chinese)
    second = _status(english)
    assert second.out_of_date_since == first.out_of_date_since
    assert second.changed_at > first.changed_at


def test_an_edit_after_catching_up_marks_the_other_language(lesson_pair):
    """Once the English lesson is up to date, a later English edit marks the Chinese one out of date."""
    english, chinese = lesson_pair
    _publish(chinese)
    _publish(english)  # catches up
    assert _status(chinese) is None
    _publish(english)  # a new English change
    assert _status(chinese) is not None


def test_saving_a_strand_marks_its_translation(zh, en):
    """Snippets without drafts count when saved: a Chinese strand's edit marks the English strand."""
    chinese = Strand.objects.filter(locale=zh).first()
    chinese.description = "新的说明"
    chinese.save()
    assert _status(chinese.get_translation(en)) is not None
    assert _status(chinese) is None


def test_publishing_a_quiz_marks_its_translation(zh, en):
    """Snippets with drafts count when published: publishing the English quiz marks the Chinese one."""
    quiz = Quiz.objects.filter(locale=en).first()
    quiz.save_revision().publish()
    assert _status(quiz.get_translation(zh)).changed_in == en


def test_a_new_translation_marks_nothing(band_page_en, zh):
    """Creating and first publishing a translation leaves the source language up to date."""
    lesson = LessonPage(title="Fresh", slug="fresh", grade=1, summary="S.", steps=[])
    band_page_en.add_child(instance=lesson)
    lesson.save_revision().publish()
    lesson.copy_for_translation(zh).save_revision().publish()
    assert not TranslationStatus.objects.for_object(lesson).exists()


def test_the_content_pack_leaves_no_language_out_of_date(lesson_zh, lesson_en):
    """Importing the pack writes both languages from one file: an edit made before is superseded in both and
    neither language stays marked."""
    lesson_zh.title = "编辑过的标题"
    lesson_zh.save_revision().publish()  # lesson_zh is fresh from the database
    assert _status(lesson_en) is not None
    import_pack(load_pack())
    assert LessonPage.objects.get(pk=lesson_zh.pk).title != "编辑过的标题"
    assert not TranslationStatus.objects.exists()
