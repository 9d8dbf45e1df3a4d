import re

from django.urls import reverse

from lessons.models import LessonPage


def _read_aloud_target(html):
    """The id the Read-it-to-me button reads, if the page has the button, with its stop label and no-voice message."""
    match = re.search(r'data-read-aloud="([^"]+)"', html)
    if not match:
        return None
    assert "data-label-stop=" in html
    assert "data-read-aloud-missing" in html
    assert f'id="{match.group(1)}"' in html
    return match.group(1)


def test_young_pupils_can_have_steps_choices_and_quiz_questions_read_aloud(client, en):
    """Grades 1–3: every step (a choice and its feedback included) and every quiz question; grade 7–9: none."""
    young = LessonPage.objects.live().filter(locale=en, grade__lte=3).first()
    older = LessonPage.objects.live().filter(locale=en, grade__gte=7).first()
    choice = next(n for n, block in enumerate(young.steps, start=1) if block.block_type == "choice")
    assert _read_aloud_target(client.get(f"{young.url}step/{choice}/").content.decode()) == "step-content"
    question = client.get(f"{young.url}quiz/start/", follow=True).content.decode()
    assert _read_aloud_target(question) == "quiz-question"
    assert _read_aloud_target(client.get(f"{older.url}step/1/").content.decode()) is None
    assert _read_aloud_target(client.get(f"{older.url}quiz/start/", follow=True).content.decode()) is None


def test_sign_in_and_my_lessons_read_aloud_for_young_pupils_only(client, pupil, word_classroom):
    """The class-code screen offers read-aloud to everyone; My lessons to a grade-2 pupil, not a grade-5 one."""
    assert _read_aloud_target(client.get(reverse("classrooms:pupil_login")).content.decode()) == "pupil-content"
    client.force_login(pupil.user)
    assert _read_aloud_target(client.get(reverse("progress:my_lessons")).content.decode()) == "pupil-content"
    client.force_login(word_classroom.pupils.first().user)
    assert _read_aloud_target(client.get(reverse("progress:my_lessons")).content.decode()) is None


def test_read_aloud_plays_stops_and_says_when_there_is_no_voice():
    """The script toggles play/stop and shows the no-voice message when no voice matches the page's language."""
    from django.contrib.staticfiles import finders

    with open(finders.find("js/site.js"), encoding="utf-8") as handle:
        script = handle.read()
    assert "getVoices()" in script
    assert "synth.cancel()" in script
    assert "missing.hidden = false" in script
