from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from core.models import TranslationStatus
from core.views import compare_url
from curriculum.models import Strand
from lessons.blocks import PUPIL_FEATURES
from lessons.models import LessonPage
from quizzes.models import Quiz

from .conftest import lesson_form

OUT_OF_DATE = "Out of date since"


def _change_chinese(client, editor, chinese, message="新的关键信息"):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[chinese.pk]), lesson_form(chinese, message=message))
    assert response.status_code == 302


def test_the_english_edit_screen_says_it_is_out_of_date(client, editor, lesson_pair):
    """After a Chinese edit, the English lesson's edit screen warns and links to the side-by-side view."""
    english, chinese = lesson_pair
    _change_chinese(client, editor, chinese)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "Out of date: the 简体中文 version changed" in html
    assert compare_url(english) in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[chinese.pk])).content.decode()
    assert "Out of date:" not in html
    assert compare_url(chinese) in html  # the header's "Compare languages side by side"


def test_the_page_explorer_shows_which_pages_are_out_of_date(client, editor, lesson_pair):
    """The band page's listing marks the English lesson "Out of date since …", and only that row."""
    english, chinese = lesson_pair
    response = client.get(reverse("wagtailadmin_explore", args=[english.get_parent().pk]))
    assert OUT_OF_DATE not in response.content.decode()
    _change_chinese(client, editor, chinese)
    html = client.get(reverse("wagtailadmin_explore", args=[english.get_parent().pk])).content.decode()
    assert html.count(OUT_OF_DATE) == 1


def test_snippet_listings_show_the_status_in_constant_queries(client, editor, zh, en, django_assert_num_queries):
    """The strands listing has a Translation column; marking every strand out of date costs no extra query."""
    client.force_login(editor)
    url = reverse("wagtailsnippets_curriculum_strand:list")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the process's content-type cache, so both counted requests start alike
    with CaptureQueriesContext(connection) as before:
        assert OUT_OF_DATE not in client.get(url).content.decode()
    for strand in Strand.objects.filter(locale=zh):
        strand.save()
    with django_assert_num_queries(len(before.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count(OUT_OF_DATE) == Strand.objects.filter(locale=en).count()


def test_side_by_side_shows_both_languages_steps(client, editor, lesson_pair):
    """The side-by-side view of the English lesson shows its step and the Chinese step, read-only."""
    english, chinese = lesson_pair
    _change_chinese(client, editor, chinese, message="中文的新话")
    response = client.get(compare_url(english))
    html = response.content.decode()
    assert response.status_code == 200
    assert "中文的新话" in html and "Tell someone." in html
    assert OUT_OF_DATE in html


def test_side_by_side_shows_a_quizs_questions_in_both_languages(client, editor, en, zh):
    """A quiz's questions and choices appear in both columns."""
    quiz = Quiz.objects.filter(locale=en).first()
    client.force_login(editor)
    html = client.get(compare_url(quiz)).content.decode()
    assert quiz.questions.first().text in html
    assert quiz.get_translation(zh).questions.first().text in html


def test_marking_up_to_date_clears_the_status(client, editor, lesson_pair):
    """ "Mark as up to date" clears the English lesson's mark without an edit."""
    english, chinese = lesson_pair
    _change_chinese(client, editor, chinese)
    url = reverse("core_translations:mark_up_to_date", args=(english.content_type_id, english.pk))
    assert client.post(url).status_code == 302
    assert TranslationStatus.objects.status_of(LessonPage.objects.get(pk=english.pk)) is None


def test_side_by_side_needs_edit_permission(client, teacher, lesson_en):
    """Someone who may not edit the lesson cannot read it side by side (teacher notes included)."""
    client.force_login(teacher)
    response = client.get(compare_url(lesson_en))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_side_by_side_lists_strands_one_per_line(client, editor, lesson_pair):
    """Strands and outcomes show as list items in each column, not as Wagtail's comma-joined diff."""
    english, chinese = lesson_pair
    client.force_login(editor)
    html = client.get(compare_url(english)).content.decode()
    for lesson in (english, chinese):
        strand = lesson.strands.get()
        assert f"<li>{strand.name}</li>" in html


def _cells(response, field):
    """The two language cells of one field's row in the side-by-side view."""
    row = BeautifulSoup(response.content, "html.parser").find("tr", attrs={"data-field": field})
    return row.find_all("td", class_="comparison")


def test_side_by_side_renders_pack_and_editor_rich_text_alike(client, editor, lesson_en):
    """A pack lesson's steps read the same in the side-by-side view after an editor's Draftail saved their rich
    text (other HTML, same content): paragraphs and list items stay apart instead of running together."""
    client.force_login(editor)
    pack_cell = _cells(client.get(compare_url(lesson_en)), "steps")[0]
    raw = lesson_en.steps.raw_data
    pack_bodies = [step["value"]["body"] for step in raw if isinstance(step["value"].get("body"), str)]
    converter = ContentstateConverter(PUPIL_FEATURES)
    for step in raw:
        if isinstance(step["value"].get("body"), str):
            step["value"]["body"] = converter.to_database_format(converter.from_database_format(step["value"]["body"]))
    lesson_en.steps = list(raw)
    lesson_en.save_revision(user=editor)
    assert raw[1]["value"]["body"] != pack_bodies[1]  # the editor's HTML differs from the pack's

    editor_cell = _cells(client.get(compare_url(lesson_en)), "steps")[0]
    assert str(editor_cell) == str(pack_cell)
    list_items = sum(body.count("<li") for body in pack_bodies)
    assert list_items and len(editor_cell.select(".side-by-side__rich-text li")) == list_items


def test_the_chinese_out_of_date_warning_reads_naturally(client, editor, lesson_pair):
    """In the Chinese admin the warning names the other language in brackets, not "简体中文 版本" or "English 版本"."""
    from wagtail.users.models import UserProfile

    english, chinese = lesson_pair
    _change_chinese(client, editor, chinese)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hans"
    profile.save()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "待更新：另一种语言的版本（简体中文）在 " in html
    assert "此后这个版本还没有更新。" in html
    assert " 版本在" not in html
