"""A pupil sees the help numbers that answer where their school is, whatever language they read the pages in."""

import pytest
from django.core.management import call_command

from classrooms.models import School

CHINA_HELPLINE = 'href="tel:12355"'
ENGLISH_FINDER = "Child Helpline International"


@pytest.fixture
def english_page(lesson_en):
    return lesson_en.url


def test_pupil_of_a_school_in_china_reading_english_sees_the_chinese_numbers_too(client, pupil, english_page):
    """A pupil of a Chinese school who reads in English gets 12355 as well as the English contacts."""
    client.force_login(pupil.user)
    html = client.get(english_page).content.decode()
    assert "Phone numbers where your school is" in html
    assert CHINA_HELPLINE in html
    assert ENGLISH_FINDER in html
    assert 'lang="zh-hans"' in html


def test_pupil_reading_the_school_language_sees_one_list(client, pupil, lesson_zh):
    """Reading Chinese in a Chinese school, the numbers are listed once."""
    client.force_login(pupil.user)
    html = client.get(lesson_zh.url).content.decode()
    assert html.count(CHINA_HELPLINE) == 1
    assert "学校所在地的求助电话" not in html


def test_pupil_of_an_english_school_reading_english_sees_one_list(client, pupil, english_page):
    """A school whose help contacts are the English ones adds nothing to the English pages."""
    school = pupil.classroom.school
    school.help_language = "en"
    school.save(update_fields=["help_language"])
    client.force_login(pupil.user)
    html = client.get(english_page).content.decode()
    assert CHINA_HELPLINE not in html
    assert "Phone numbers where your school is" not in html


def test_visitors_see_only_the_pages_language(client, db, english_page):
    """Without a signed-in pupil (public, cacheable pages) the English pages list the English contacts only."""
    html = client.get(english_page).content.decode()
    assert ENGLISH_FINDER in html
    assert CHINA_HELPLINE not in html


def test_create_school_takes_where_the_school_is(db, capsys):
    """The operator says which help contacts answer where a new school is; China's by default."""
    call_command("create_school", "Maple School", "--admin", "head@example.com", "--help-language", "en")
    call_command("create_school", "Lotus School", "--admin", "lead@example.com")
    assert School.objects.get(name="Maple School").help_language == "en"
    assert School.objects.get(name="Lotus School").help_language == "zh-hans"
