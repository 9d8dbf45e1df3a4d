import re
from html import unescape

import pytest

from core.models import HelpContacts


def test_overview_starts_at_step_one(client, lesson_en):
    """The lesson page shows its summary and a Start button to step 1."""
    html = client.get(lesson_en.url).content.decode()
    assert lesson_en.summary in html
    assert f'href="{lesson_en.url}step/1/"' in html


def test_each_step_is_one_screen_with_back_and_next(client, lesson_en):
    """Step 2 of N says so and links back to step 1 and on to step 3."""
    total = len(lesson_en.steps)
    html = client.get(f"{lesson_en.url}step/2/").content.decode()
    assert f"Step 2 of {total}" in html
    assert f'href="{lesson_en.url}step/1/" rel="prev"' in html
    assert f'href="{lesson_en.url}step/3/" rel="next"' in html


def test_first_step_goes_back_to_the_overview(client, lesson_en):
    """Back on step 1 returns to the lesson page."""
    html = client.get(f"{lesson_en.url}step/1/").content.decode()
    assert f'href="{lesson_en.url}" rel="prev"' in html


def test_last_step_shows_key_messages_and_who_can_help(client, lesson_en, en):
    """The final screen repeats the lesson's key messages and lists the help contacts."""
    total = len(lesson_en.steps)
    html = client.get(f"{lesson_en.url}step/{total}/").content.decode()
    assert 'rel="next"' not in html
    assert lesson_en.key_messages()
    for message in lesson_en.key_messages():
        assert message.replace("'", "&#x27;") in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    first_contact = HelpContacts.objects.get(locale=en).contacts[0].value["name"]
    assert first_contact in main


@pytest.mark.parametrize("number", [0, 999])
def test_steps_outside_the_lesson_are_not_found(client, lesson_en, number):
    """Step 0 and a step past the end answer 404."""
    assert client.get(f"{lesson_en.url}step/{number}/").status_code == 404


def _choice_step(lesson):
    return next(i for i, block in enumerate(lesson.steps, start=1) if block.block_type == "choice")


def _option_keys(html):
    """{option text: the value its radio button sends}, from a rendered choice step."""
    found = re.findall(r'<input type="radio" name="choice" value="([^"]+)"[^>]*>\s*<span>([^<]*)</span>', html)
    return {unescape(text): key for key, text in found}


def test_choosing_an_option_shows_its_feedback(client, lesson_en):
    """Answering a "what would you do?" step with JavaScript off shows the feedback for that option only."""
    number = _choice_step(lesson_en)
    options = lesson_en.steps[number - 1].value["options"]
    url = f"{lesson_en.url}step/{number}/"
    key = _option_keys(client.get(url).content.decode())[options[1]["text"]]
    page = unescape(client.get(url, {"choice": key}).content.decode())
    assert options[1]["feedback"] in page
    assert options[0]["feedback"] not in page
    assert re.search(rf'value="{key}" checked', page)


@pytest.mark.parametrize("choice", ["abc", "-1", "0", "1", "99", "", "1e9"])
def test_nonsense_choices_show_no_feedback_and_no_error(client, lesson_en, choice):
    """A tampered choice parameter is ignored, never a 500."""
    number = _choice_step(lesson_en)
    response = client.get(f"{lesson_en.url}step/{number}/", {"choice": choice})
    assert response.status_code == 200
    assert 'role="status"' not in response.content.decode()


def test_feedback_is_not_in_the_page_before_choosing(client, lesson_en):
    """Pupils think first: the feedback appears only after they choose."""
    number = _choice_step(lesson_en)
    options = lesson_en.steps[number - 1].value["options"]
    html = client.get(f"{lesson_en.url}step/{number}/").content.decode()
    assert all(option["feedback"].replace("'", "&#x27;") not in html for option in options)


def test_pupil_step_needs_no_javascript(client, lesson_en):
    """Steps are plain links and forms; the only script is a deferred enhancement file."""
    html = client.get(f"{lesson_en.url}step/1/").content.decode()
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/site.js" defer>']
    assert "onclick" not in html


def test_youngest_pupils_get_a_read_aloud_button(client, en):
    """Grades 1–3 steps offer "Read it to me" (shown by JavaScript); grade 7–9 steps do not."""
    from lessons.models import LessonPage

    young = LessonPage.objects.live().filter(locale=en, grade__lte=3).first()
    older = LessonPage.objects.live().filter(locale=en, grade__gte=7).first()
    assert "data-read-aloud" in client.get(f"{young.url}step/1/").content.decode()
    assert "data-read-aloud" not in client.get(f"{older.url}step/1/").content.decode()
