import pytest
from django.urls import reverse

from curriculum.models import AgeBand, LearningOutcome, Strand
from parents.models import ParentGuidePage
from quizzes.models import Quiz


def _form(client, editor, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def test_a_chinese_lessons_strand_chooser_offers_no_english_strands(client, editor, lesson_zh, en):
    """The Chinese lesson's edit form offers Chinese strands, outcomes and quizzes only, none of the English ones."""
    form, html = _form(client, editor, reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]))
    for field in ("strands", "outcomes", "quiz"):
        offered = list(form.fields[field].queryset)
        assert offered and {item.locale_id for item in offered} == {lesson_zh.locale_id}, field
    for strand in Strand.objects.filter(locale=en):
        assert strand.name not in html
    for quiz in Quiz.objects.filter(locale=en):
        assert quiz.title not in html


def test_a_new_english_lesson_is_offered_english_strands_only(client, editor, band_page_en, zh):
    """The add form under an English band page lists English strands and outcomes only."""
    url = reverse("wagtailadmin_pages:add", args=("lessons", "lessonpage", band_page_en.pk))
    form, html = _form(client, editor, url)
    assert set(form.fields["strands"].queryset) == set(Strand.objects.filter(locale=band_page_en.locale))
    for outcome in LearningOutcome.objects.filter(locale=zh)[:10]:
        assert outcome.statement not in html


def test_a_guides_band_and_topic_choosers_offer_its_language_only(client, editor, en):
    """A parents' guide offers the age bands and topics of its own language."""
    guide = ParentGuidePage.objects.filter(locale=en).first()
    form, _ = _form(client, editor, reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert set(form.fields["age_band"].queryset) == set(AgeBand.objects.filter(locale=en))
    assert set(form.fields["topics"].queryset) == set(Strand.objects.filter(locale=en))


@pytest.mark.parametrize("field", ["strand", "age_band"])
def test_an_outcomes_strand_and_band_choosers_offer_its_language_only(client, editor, zh, field):
    """Editing a Chinese learning outcome offers Chinese strands and bands only."""
    outcome = LearningOutcome.objects.filter(locale=zh).first()
    form, _ = _form(client, editor, reverse("wagtailsnippets_curriculum_learningoutcome:edit", args=[outcome.pk]))
    assert {item.locale_id for item in form.fields[field].queryset} == {zh.pk}


def test_another_languages_strand_is_still_refused_when_posted(client, editor, lesson_zh, en):
    """Posting an English strand's id to the Chinese lesson is refused, not saved."""
    from .conftest import lesson_form

    client.force_login(editor)
    data = lesson_form(lesson_zh, message="话", strands=[Strand.objects.filter(locale=en).first()])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]), data)
    assert response.status_code == 200
    assert "strands" in response.context["form"].errors


def test_a_grade_1_lessons_outcome_chooser_offers_its_bands_outcomes_only(client, editor, lesson_zh):
    """A grade-1 Chinese lesson is offered every Chinese outcome of grades 1–3 and none of the other bands'."""
    assert lesson_zh.grade == 1
    form, html = _form(client, editor, reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]))
    band_outcomes = LearningOutcome.objects.filter(locale=lesson_zh.locale, age_band__first_grade=1)
    assert band_outcomes and set(form.fields["outcomes"].queryset) == set(band_outcomes)
    for outcome in LearningOutcome.objects.filter(locale=lesson_zh.locale).exclude(age_band__first_grade=1):
        assert outcome.statement not in html


def test_a_new_lesson_is_offered_the_outcomes_of_its_band_page(client, editor, band_page_en):
    """A new lesson has no grade yet: it is offered the outcomes of the band page it is added to."""
    url = reverse("wagtailadmin_pages:add", args=("lessons", "lessonpage", band_page_en.pk))
    form, _ = _form(client, editor, url)
    expected = LearningOutcome.objects.filter(locale=band_page_en.locale, age_band=band_page_en.band)
    assert expected and set(form.fields["outcomes"].queryset) == set(expected)


def test_another_bands_outcome_is_refused_when_posted(client, editor, lesson_zh):
    """Posting a grades 7–9 outcome to a grade-1 lesson is refused, not saved."""
    from .conftest import lesson_form

    client.force_login(editor)
    data = lesson_form(lesson_zh, message="话")
    data["outcomes"] = [LearningOutcome.objects.filter(locale=lesson_zh.locale, age_band__first_grade=7).first().pk]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]), data)
    assert response.status_code == 200
    assert "outcomes" in response.context["form"].errors


def test_a_grade_1_lessons_quiz_chooser_offers_no_other_bands_quiz(client, editor, lesson_zh):
    """A grade-1 Chinese lesson is offered its band's quizzes and unused ones, never a quiz a grades 4+ lesson uses."""
    from lessons.models import LessonPage

    zh_lessons = LessonPage.objects.filter(locale=lesson_zh.locale).exclude(quiz=None)
    other_bands = {lesson.quiz_id for lesson in zh_lessons.filter(grade__gte=4)}
    own_band = {lesson.quiz_id for lesson in zh_lessons.filter(grade__lte=3)}
    unused = Quiz.objects.filter(locale=lesson_zh.locale).exclude(pk__in=zh_lessons.values("quiz_id"))
    unused_quiz = Quiz.objects.create(locale=lesson_zh.locale, title="未使用的测验")
    assert other_bands and own_band
    form, _ = _form(client, editor, reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]))
    offered = {quiz.pk for quiz in form.fields["quiz"].queryset}
    assert offered == own_band | {quiz.pk for quiz in unused} | {unused_quiz.pk}
    assert not offered & (other_bands - own_band)


def test_another_bands_quiz_is_refused_when_posted(client, editor, lesson_zh):
    """Posting the quiz of a grades 7–9 lesson to a grade-1 lesson is refused, not saved."""
    from lessons.models import LessonPage

    from .conftest import lesson_form

    client.force_login(editor)
    data = lesson_form(lesson_zh, message="话")
    other = LessonPage.objects.filter(locale=lesson_zh.locale, grade__gte=7).exclude(quiz=None).first()
    data["quiz"] = other.quiz_id
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson_zh.pk]), data)
    assert response.status_code == 200
    assert "quiz" in response.context["form"].errors
