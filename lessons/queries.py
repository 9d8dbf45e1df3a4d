"""Reads of the lessons app that span apps."""

from dataclasses import dataclass, field

from curriculum.models import GuidanceReference, GuidanceSection


@dataclass
class SectionCoverage:
    """One section of an official document and the lessons whose outcomes meet it (none: a gap)."""

    section: object
    stages: list = field(default_factory=list)
    lessons: list = field(default_factory=list)


def guidance_coverage(*, locale, lessons):
    """[(document, [SectionCoverage, …]), …] for the official documents of one language, in two queries.

    `lessons` are the lessons the map shows; each section lists those meeting it, by grade."""
    lessons = {lesson.pk: lesson for lesson in lessons}
    met = (
        GuidanceReference.objects.filter(section__document__locale=locale)
        .order_by("sort_order", "pk")
        .values_list("section_id", "stage", "outcome__lessons")
    )
    stages, meeting = {}, {}
    for section_id, stage, lesson_id in met:
        if stage:  # each stage once, ordered by the lowest grade of a lesson meeting it there ("Ages 5–8" first)
            grade = lessons[lesson_id].grade if lesson_id in lessons else 99
            section_stages = stages.setdefault(section_id, {})
            section_stages[stage] = min(section_stages.get(stage, 99), grade)
        if lesson_id in lessons:
            meeting.setdefault(section_id, {})[lesson_id] = lessons[lesson_id]
    coverage = {}
    sections = GuidanceSection.objects.filter(document__locale=locale).select_related("document")
    for section in sections.order_by("document__sort_order", "document_id", "sort_order"):
        found = sorted(meeting.get(section.pk, {}).values(), key=lambda x: (x.grade, x.path))
        section_stages = stages.get(section.pk, {})
        ordered = sorted(section_stages, key=section_stages.get)  # stable: ties keep the references' order
        row = SectionCoverage(section=section, stages=ordered, lessons=found)
        coverage.setdefault(section.document_id, (section.document, []))[1].append(row)
    return list(coverage.values())
