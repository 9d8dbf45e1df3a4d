import re

import pytest
from django.core.cache import cache

from curriculum.models import AgeBand, Strand
from lessons.models import AgeBandPage, CurriculumPage, LessonPage


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_curriculum_map_has_every_grade_and_strand(client, db, language):
    """The map is a table of grades 1–9 by the language's strands."""
    page = CurriculumPage.objects.get(locale__language_code=language)
    html = client.get(page.url).content.decode()
    assert len(re.findall(r'<th scope="row">', html)) == 9
    for strand in Strand.objects.filter(locale=page.locale):
        assert f'<th scope="col">{strand.name}</th>' in html


def test_curriculum_map_links_each_lesson_in_its_strand_column(client, en):
    """Every live lesson appears in the row of its grade, in the column of each of its strands."""
    page = CurriculumPage.objects.get(locale=en)
    response = client.get(page.url)
    rows = {row["grade"]: row for row in response.context["rows"]}
    strands = list(response.context["strands"])
    lessons = LessonPage.objects.live().filter(locale=en).prefetch_related("strands")
    assert lessons
    for lesson in lessons:
        for strand in lesson.strands.all():
            cell = rows[lesson.grade]["cells"][strands.index(strand)]
            assert lesson in cell
        assert f'href="{lesson.url}"' in response.content.decode()


def test_curriculum_map_query_count_does_not_grow_with_lessons(client, band_page_en, django_assert_max_num_queries):
    """Adding ten lessons to the map costs no extra queries."""
    from tests.factories import LessonPageFactory

    page = CurriculumPage.objects.get(locale=band_page_en.locale)
    client.get(page.url)
    cache.clear()  # measure the rendering, not the shared page cache
    with django_assert_max_num_queries(22) as before:  # 20 + the official-guidance coverage tables (2)
        client.get(page.url)
    strand = Strand.objects.filter(locale=band_page_en.locale).first()
    for _ in range(10):
        LessonPageFactory(parent=band_page_en, step_count=5).strands.add(strand)
    cache.clear()
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(page.url).status_code == 200


def test_age_band_page_lists_lessons_by_grade(client, band_page_en):
    """The band page groups its lessons under a heading per grade, in grade order."""
    response = client.get(band_page_en.url)
    grades = [group["grade"] for group in response.context["grades"]]
    assert grades == sorted(grades)
    assert set(grades) <= set(band_page_en.band.grades)
    for group in response.context["grades"]:
        assert all(lesson.grade == group["grade"] for lesson in group["lessons"])
        assert f'id="grade-{group["grade"]}"' in response.content.decode()


def test_age_band_page_without_lessons_says_so(client, band_page_en):
    """An empty band page shows a friendly empty state."""
    for lesson in LessonPage.objects.child_of(band_page_en):
        lesson.unpublish()
    assert "There are no lessons for this age band yet." in client.get(band_page_en.url).content.decode()


def test_each_language_has_three_bands_and_their_pages(db):
    """Both languages have bands 1–3, 4–6 and 7–9, each with its band page."""
    for language in ("zh-hans", "en"):
        bands = AgeBand.objects.filter(locale__language_code=language)
        assert [(b.first_grade, b.last_grade) for b in bands] == [(1, 3), (4, 6), (7, 9)]
        assert AgeBandPage.objects.live().filter(locale__language_code=language).count() == 3


def test_snippets_have_both_translations(db):
    """Every band, strand and outcome exists in Chinese and in English: a missing translation fails."""
    from curriculum.models import LearningOutcome

    for model in (AgeBand, Strand, LearningOutcome):
        keys = {}
        for obj in model.objects.select_related("locale"):
            keys.setdefault(obj.translation_key, set()).add(obj.locale.language_code)
        assert keys, model
        assert all(languages == {"zh-hans", "en"} for languages in keys.values()), model


def test_pages_have_both_translations(db):
    """Every live page in one language has a live translation in the other."""
    from wagtail.models import Page

    keys = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale"):
        keys.setdefault(page.translation_key, set()).add(page.locale.language_code)
    assert all(languages == {"zh-hans", "en"} for languages in keys.values())
