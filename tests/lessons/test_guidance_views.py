"""Official guidance on the whole-lesson plan and the curriculum map's coverage tables (issue 17, point 4)."""

import pytest
from django.core.cache import cache
from django.utils.html import escape

from curriculum.models import GuidanceDocument, GuidanceReference, GuidanceSection, LearningOutcome
from lessons.models import CurriculumPage, LessonPage
from tests.factories import LessonPageFactory


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_plan_names_the_guidance_each_outcome_meets(client, db, language):
    """The whole-lesson plan lists, under each outcome, the document, section, stage and note of its references."""
    lesson = LessonPage.objects.live().filter(locale__language_code=language).order_by("grade", "path").first()
    html = client.get(lesson.url + "plan/").content.decode()
    references = GuidanceReference.objects.filter(outcome__in=lesson.outcomes.all()).select_related("section__document")
    assert references
    for reference in references:
        assert escape(reference.note) in html
        assert escape(reference.section.title) in html
        assert escape(reference.section.document.title) in html


def test_plan_shows_only_its_own_languages_documents(client, lesson_zh, lesson_en):
    """The Chinese plan cites China's documents and the English plan the international ones."""
    zh_html = client.get(lesson_zh.url + "plan/").content.decode()
    en_html = client.get(lesson_en.url + "plan/").content.decode()
    assert "生命安全与健康教育进中小学课程教材指南" in zh_html and "International technical guidance" not in zh_html
    assert "International technical guidance" in en_html and "生命安全与健康教育" not in en_html


def test_map_lists_the_lessons_meeting_each_section_and_the_gaps(client, en):
    """Each section of each English document lists the lessons whose outcomes meet it, or says it is a gap."""
    page = CurriculumPage.objects.get(locale=en)
    response = client.get(page.url)
    html = response.content.decode()
    coverage = dict(response.context["guidance"])
    assert {d.slug for d in coverage} == {"itgse-2018", "efcw-2020"}
    rows = {row.section.slug: row for rows in coverage.values() for row in rows}
    consent = rows["topic-4-2"]
    expected = (
        LessonPage.objects.live().filter(locale=en, outcomes__guidance_references__section=consent.section).distinct()
    )
    assert set(consent.lessons) == set(expected) and expected
    for lesson in expected:
        assert f'href="{lesson.url}"' in html
    assert "Ages 5–8" in consent.stages
    assert rows["copyright-and-ownership"].lessons == []
    assert "Gap: no lesson meets this yet." in html


def test_chinese_map_shows_the_2021_guide_with_its_abuse_prevention_point_met(client, zh):
    """The Chinese map covers the Ministry's 2021 guide; its core point on preventing sexual abuse has lessons."""
    page = CurriculumPage.objects.get(locale=zh)
    response = client.get(page.url)
    coverage = {d.slug: rows for d, rows in response.context["guidance"]}
    assert set(coverage) == {
        "life-safety-health-2021",
        "public-safety-2007",
        "health-education-2008",
        "morality-law-2022",
    }
    abuse = next(row for row in coverage["life-safety-health-2021"] if row.section.slug == "d2-abuse-prevention")
    assert {lesson.grade for lesson in abuse.lessons} == set(range(1, 10))
    assert abuse.stages == ["小学", "初中"]
    assert "性侵害预防" in response.content.decode()


def test_map_guidance_costs_the_same_queries_with_more_references(
    client, en, band_page_en, django_assert_max_num_queries
):
    """Adding a document, sections, references and lessons meeting them costs the map no extra queries."""
    page = CurriculumPage.objects.get(locale=en)
    client.get(page.url)
    cache.clear()
    with django_assert_max_num_queries(25) as before:
        client.get(page.url)
    document = GuidanceDocument.objects.create(locale=en, slug="extra", title="Extra", issuer="Us", year=2026)
    outcome = LearningOutcome.objects.filter(locale=en).first()
    for number in range(5):
        section = GuidanceSection.objects.create(document=document, slug=f"s{number}", title=f"Section {number}")
        GuidanceReference.objects.create(outcome=outcome, section=section, note="n")
        LessonPageFactory(parent=band_page_en, step_count=3).outcomes.add(outcome)
    cache.clear()
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(page.url).content.decode()
    assert "Section 4" in html


def test_plan_guidance_costs_the_same_queries_with_more_outcomes(
    client, en, band_page_en, django_assert_max_num_queries
):
    """A plan with six outcomes and their references costs as many queries as one with one outcome."""
    outcomes = list(LearningOutcome.objects.filter(locale=en, guidance_references__isnull=False).distinct()[:6])
    one = LessonPageFactory(parent=band_page_en, step_count=3)
    one.outcomes.add(outcomes[0])
    six = LessonPageFactory(parent=band_page_en, step_count=3)
    six.outcomes.add(*outcomes)
    for lesson in (one, six):
        lesson.save_revision().publish()
    client.get(one.url + "plan/")
    client.get(six.url + "plan/")  # first renders make what later ones reuse; count the steady state
    with django_assert_max_num_queries(40) as captured:
        client.get(one.url + "plan/")
    with django_assert_max_num_queries(len(captured.captured_queries)):
        html = client.get(six.url + "plan/").content.decode()
    assert html.count('class="guidance-refs"') == 6


def test_chinese_plan_and_map_put_stage_and_issuer_in_full_width_brackets(client, zh):
    """Chinese references read "section（stage）" and captions "《title》（issuer，year）", with no stray space."""
    lesson = LessonPage.objects.live().filter(locale=zh).order_by("grade", "path").first()
    reference = (
        GuidanceReference.objects.filter(outcome__in=lesson.outcomes.all())
        .exclude(stage="")
        .select_related("section__document")
        .first()
    )
    html = client.get(lesson.url + "plan/").content.decode()
    assert escape(f"{reference.section.title}（{reference.stage}）") in html
    document = reference.section.document
    map_html = client.get(CurriculumPage.objects.get(locale=zh).url).content.decode()
    assert f"<cite>{escape(document.title)}</cite>（{escape(document.issuer)}，{document.year}）" in map_html


def test_map_lists_a_sections_stages_youngest_first(client, en):
    """A section met at several stages lists them from the youngest pupils up ("Ages 5–8 · Ages 9–12 · …")."""
    response = client.get(CurriculumPage.objects.get(locale=en).url)
    order = ["Ages 5–8", "Ages 9–12", "Ages 12–15", "Ages 15–18+"]
    rows = [row for _document, rows in response.context["guidance"] for row in rows if len(row.stages) > 2]
    assert rows
    for row in rows:
        known = [stage for stage in row.stages if stage in order]
        assert known == sorted(known, key=order.index), row.section.title
