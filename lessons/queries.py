"""Reads of the lessons app that span apps."""

from dataclasses import dataclass, field

from curriculum.models import GuidanceDocument, GuidanceReference


@dataclass
class SectionCoverage:
    """One section of an official document and the lessons whose outcomes meet it (none: a gap)."""

    section: object
    stages: list = field(default_factory=list)
    lessons: list = field(default_factory=list)


def guidance_coverage(*, locale, lessons):
    """[(document, [SectionCoverage, …]), …] for the documents of one language, in three queries.

    `lessons` are the map's lessons with their outcomes prefetched; each section lists them by grade."""
    lessons_of_outcome = {}
    for lesson in sorted(lessons, key=lambda x: (x.grade, x.path)):
        for outcome in lesson.outcomes.all():
            lessons_of_outcome.setdefault(outcome.pk, []).append(lesson)
    references = GuidanceReference.objects.filter(section__document__locale=locale).order_by("sort_order", "pk")
    meeting = {}
    for section_id, outcome_id, stage in references.values_list("section_id", "outcome_id", "stage"):
        entry = meeting.setdefault(section_id, ([], {}))
        if stage and stage not in entry[0]:
            entry[0].append(stage)
        for lesson in lessons_of_outcome.get(outcome_id, []):
            entry[1].setdefault(lesson.pk, lesson)
    coverage = []
    for document in GuidanceDocument.objects.filter(locale=locale).with_sections():
        rows = []
        for section in document.sections.all():
            stages, found = meeting.get(section.pk, ([], {}))
            rows.append(
                SectionCoverage(
                    section=section, stages=stages, lessons=sorted(found.values(), key=lambda x: (x.grade, x.path))
                )
            )
        coverage.append((document, rows))
    return coverage
