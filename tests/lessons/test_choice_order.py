"""'What would you do?' options are shuffled on the page: per signed-in viewer, once per step for everyone else;
the page never tells which option is safe, and the chosen option's feedback follows it wherever it is shown."""

import re
import uuid
from html import unescape

import pytest

from lessons.blocks import WhatWouldYouDoBlock
from lessons.models import LessonPage
from tests.factories import UserFactory

LESSON_KEY = uuid.UUID("0b5e8c1e-4a4f-4d55-9b53-3f1f5b0c2a10")
OPTIONS = [
    {"text": "Tell a trusted adult", "feedback": "Yes: an adult can help.", "safe": True},
    {"text": "Keep it a secret", "feedback": "Secrets like this are for telling.", "safe": False},
    {"text": "Send the photo they ask for", "feedback": "Never send it; tell an adult.", "safe": False},
    {"text": "Ask the gamer for more skins", "feedback": "Gifts can be a trick.", "safe": False},
]
RADIO = re.compile(
    r'<label class="choice-option">\s*<input type="radio" name="choice" value="([^"]+)"([^>]*)>\s*<span>([^<]*)'
)


@pytest.fixture
def lesson(band_page_en):
    """A lesson whose first step asks "what would you do?" with four options, the safe one first in the editor."""
    page = LessonPage(
        title="Choices",
        slug="choices",
        grade=band_page_en.band.first_grade,
        summary="A lesson made by a test.",
        translation_key=LESSON_KEY,
        steps=[
            {"type": "choice", "value": {"prompt": "What would you do?", "options": OPTIONS}},
            {"type": "key_message", "value": {"message": "It is never your fault."}},
        ],
    )
    band_page_en.add_child(instance=page)
    page.save_revision().publish()
    return page


def _options(client, lesson, **params):
    """[(value sent back, attributes, text)] of the step's radio buttons, in the order shown."""
    response = client.get(f"{lesson.url}step/1/", params)
    assert response.status_code == 200
    return [(key, attrs, unescape(text)) for key, attrs, text in RADIO.findall(response.content.decode())]


def _order(client, lesson):
    return [text for _key, _attrs, text in _options(client, lesson)]


def test_two_pupils_see_the_options_in_different_orders(client, lesson):
    """Each signed-in viewer has an order of their own (from their id), the one the step's value gives them."""
    orders = []
    for pk in (9001, 9002):
        client.force_login(UserFactory(pk=pk))
        orders.append(_order(client, lesson))
        expected = lesson.steps[0].value.shuffled(lesson.step_key(1), pk)
        assert orders[-1] == [option["text"] for _key, option in expected]
    assert orders[0] != orders[1]
    assert sorted(orders[0]) == sorted(orders[1]) == sorted(option["text"] for option in OPTIONS)


def test_a_pupil_sees_the_same_order_on_every_visit(client, lesson):
    """The order is stable for one viewer: coming back, or answering, does not move the options."""
    client.force_login(UserFactory(pk=9001))
    first = _options(client, lesson)
    assert _options(client, lesson) == first
    key = first[2][0]
    assert [text for _key, _attrs, text in _options(client, lesson, choice=key)] == [text for *_rest, text in first]


def test_visitors_not_signed_in_share_one_order_a_cache_may_keep(client, lesson):
    """Anonymous visitors all see one order per step, so the publicly cached page is right for each of them."""
    from django.test import Client

    assert _order(client, lesson) == _order(Client(), lesson)
    assert "public" in client.get(f"{lesson.url}step/1/")["Cache-Control"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_never_marks_the_safe_option(client, lesson, signed_in):
    """Before a choice, no class, attribute or value tells the safe option from the others."""
    if signed_in:
        client.force_login(UserFactory(pk=9001))
    html = client.get(f"{lesson.url}step/1/").content.decode()
    start = html.index('<form method="get" class="choice-form">')
    form = html[start : html.index("</form>", start)]
    assert "safe" not in form.lower() and "data-" not in form
    options = _options(client, lesson)
    assert len({attrs for _key, attrs, _text in options}) == 1  # the same markup for every option
    keys = [key for key, _attrs, _text in options]
    assert not set(keys) & {"0", "1", "2", "3"}  # not the editor's order either
    assert "Yes: an adult can help." not in html and "Good choice" not in html


@pytest.mark.parametrize("viewer", [None, 9001, 9002])
def test_the_chosen_options_feedback_follows_it_after_shuffling(client, lesson, viewer):
    """Whatever its place on the screen, choosing an option shows that option's feedback and checks its button."""
    if viewer:
        client.force_login(UserFactory(pk=viewer))
    by_text = {option["text"]: option for option in OPTIONS}
    for key, _attrs, text in _options(client, lesson):
        html = client.get(f"{lesson.url}step/1/", {"choice": key}).content.decode()
        shown = [option["feedback"] for option in OPTIONS if option["feedback"] in unescape(html)]
        assert shown == [by_text[text]["feedback"]]
        assert re.search(rf'value="{key}" checked', html) and html.count(" checked") == 1
        assert ("Good choice!" in html) == by_text[text]["safe"]


def test_the_safe_option_is_first_for_about_one_viewer_in_three():
    """Over many steps and viewers, the editor's first option (often the safe one) leads no more than chance says."""
    value = WhatWouldYouDoBlock().to_python({"prompt": "What would you do?", "options": OPTIONS[:3]})
    firsts = [
        value.shuffled(f"{LESSON_KEY}:{step}", viewer)[0][1]["safe"] for step in range(30) for viewer in range(20)
    ]
    assert 0.25 < sum(firsts) / len(firsts) < 0.42
