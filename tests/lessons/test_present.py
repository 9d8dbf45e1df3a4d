import re
from html import unescape

import pytest
from django.utils.html import strip_tags

from lessons.signals import step_viewed
from tests.factories import LessonPageFactory, UserFactory


@pytest.fixture
def noted_lesson(band_page_en):
    return LessonPageFactory(parent=band_page_en, step_count=7)


def _screens(lesson):
    return [f"{lesson.url}present/"] + [f"{lesson.url}present/{n}/" for n in range(1, len(lesson.steps) + 2)]


def _note_phrases(lesson):
    """Sentences of the lesson's teacher notes, as text a page could contain."""
    phrases = []
    for block in lesson.teacher_notes:
        text = strip_tags(str(block.render())) if block.block_type != "timing" else ""
        phrases += [part.strip() for part in re.split(r"[.。:：]", unescape(text)) if len(part.strip()) > 12]
    return phrases


def test_every_present_screen_is_one_large_screen_without_site_menus(client, lesson_en):
    """Title, one screen per step and a closing screen; no header navigation, language switch or footer."""
    for url in _screens(lesson_en):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'class="main-nav"' not in html
        assert 'class="site-header"' not in html
        assert 'class="site-footer"' not in html
        assert "js/present.js" in html


def test_present_screens_link_to_each_other_without_javascript(client, lesson_en):
    """Every screen has plain Back and Next links; the last has no Next and shows who can help."""
    total = len(lesson_en.steps)
    cover = client.get(f"{lesson_en.url}present/").content.decode()
    assert f'href="{lesson_en.url}present/1/" rel="next"' in cover
    middle = client.get(f"{lesson_en.url}present/2/").content.decode()
    assert f'href="{lesson_en.url}present/1/" rel="prev"' in middle
    assert f'href="{lesson_en.url}present/3/" rel="next"' in middle
    assert f"Step 2 of {total}" in middle
    close = client.get(f"{lesson_en.url}present/{total + 1}/").content.decode()
    assert 'rel="next"' not in close
    assert "Who can help" in close
    assert 'class="help-contacts"' in close


@pytest.mark.parametrize("number", [-1, 999])
def test_screens_outside_the_lesson_are_not_found(client, lesson_en, number):
    """A screen past the close answers 404."""
    assert client.get(f"{lesson_en.url}present/{number}/").status_code == 404


def test_present_mode_never_shows_teacher_notes_even_to_a_teacher(client, teacher, noted_lesson, lesson_en):
    """No screen carries the teacher notes or the reporting procedure, whoever is signed in."""
    client.force_login(teacher)
    phrases = _note_phrases(lesson_en)
    for lesson in (noted_lesson, lesson_en):
        for url in _screens(lesson):
            html = unescape(client.get(url).content.decode())
            assert "SECRET-TEACHER-NOTE" not in html
            assert "Teacher notes" not in html
            assert "exact words" not in html
            for phrase in phrases:
                assert phrase not in html, (url, phrase)


def test_present_mode_records_no_progress(client, lesson_en):
    """Presenting never announces step_viewed, so no pupil progress is recorded."""
    seen = []

    def receiver(**kwargs):
        seen.append(kwargs["number"])

    step_viewed.connect(receiver, dispatch_uid="test_present")
    try:
        for url in _screens(lesson_en):
            client.get(url)
        client.get(f"{lesson_en.url}step/1/")
    finally:
        step_viewed.disconnect(dispatch_uid="test_present")
    assert seen == [1]


def test_present_mode_is_cached_publicly_for_visitors(client, lesson_en):
    """Anonymous visitors get a publicly cacheable screen, like the other lesson screens."""
    cache_control = client.get(f"{lesson_en.url}present/1/").headers["Cache-Control"]
    assert "public" in cache_control
    assert "max-age" in cache_control


def _choice_number(lesson):
    return next(n for n, block in enumerate(lesson.steps, start=1) if block.block_type == "choice")


def test_choice_is_shown_for_a_class_vote_and_revealed_on_request(client, lesson_en):
    """The options are lettered for a vote without feedback; ?reveal=1 shows every feedback and the safe one."""
    number = _choice_number(lesson_en)
    step = lesson_en.steps[number - 1]
    options = step.value["options"]
    hidden = unescape(client.get(f"{lesson_en.url}present/{number}/").content.decode())
    assert all(option["text"] in hidden for option in options)
    assert not any(option["feedback"] in hidden for option in options)
    assert "present-option--safe" not in hidden
    assert "?reveal=1" in hidden
    shown = unescape(client.get(f"{lesson_en.url}present/{number}/?reveal=1").content.decode())
    assert all(option["feedback"] in shown for option in options)
    assert shown.count("present-option--safe") == sum(1 for option in options if option["safe"])


def test_class_vote_uses_the_order_visitors_see(client, lesson_en):
    """The vote's order is the shuffled order of the step view for visitors (lessons.blocks), not the editor's."""
    number = _choice_number(lesson_en)
    value = lesson_en.steps[number - 1].value
    expected = [option["text"] for _key, option in value.shuffled(lesson_en.step_key(number))]
    html = unescape(client.get(f"{lesson_en.url}present/{number}/").content.decode())
    assert sorted(expected, key=html.index) == expected


def test_presenter_view_shows_the_notes_to_teachers_only(client, teacher, noted_lesson):
    """The presenter view has the teacher notes, privately; others are sent to sign in or get 404."""
    url = f"{noted_lesson.url}present/2/presenter/"
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    response = client.get(url)
    assert "SECRET-TEACHER-NOTE" in response.content.decode()
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]
    assert f'href="{noted_lesson.url}present/3/presenter/" rel="next"' in response.content.decode()


def test_present_mode_is_one_click_from_the_lesson_and_the_plan(client, teacher, lesson_en):
    """The lesson overview and the whole-lesson page link to present mode; the plan offers the presenter view."""
    link = f'href="{lesson_en.url}present/"'
    assert link in client.get(lesson_en.url).content.decode()
    client.force_login(teacher)
    plan = client.get(f"{lesson_en.url}plan/").content.decode()
    assert link in plan
    assert f'href="{lesson_en.url}present/0/presenter/"' in plan
