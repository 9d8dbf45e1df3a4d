"""Writing the content pack into the site: snippets, the page tree and lessons, in one transaction."""

from django.db import transaction
from wagtail.models import Page, Site

from core.models import HelpContacts
from curriculum.models import AgeBand, LearningOutcome, Strand
from home.models import HomePage
from lessons.blocks import LessonStepsBlock, TeacherNotesBlock
from lessons.models import AgeBandPage, CurriculumPage, LessonPage

from .common import Importer, clean_stream, translation_key
from .guides import import_guides, prepare_guides
from .quizzes import import_quiz, prepare_lesson_quizzes
from .reader import LOCALES, PackError, band_for_grade

STEPS_BLOCK = LessonStepsBlock()
NOTES_BLOCK = TeacherNotesBlock()

STEP_FIELDS = {
    "text": ("heading", "body"),
    "story": ("title", "body"),
    "choice": ("prompt", "options"),
    "discussion": ("question", "hint"),
    "activity": ("title", "body"),
    "key_message": ("message",),
    "who_can_help": ("heading", "body"),
}


def _step_raw(step):
    fields = STEP_FIELDS[step["type"]]
    value = {name: step.get(name) or "" for name in fields}
    if step["type"] == "choice":
        value["options"] = [
            {"text": o.get("text", ""), "feedback": o.get("feedback", ""), "safe": bool(o.get("safe"))}
            for o in step.get("options") or []
        ]
    return {"type": step["type"], "value": value}


def _note_raw(note):
    if note["type"] == "timing":
        return {"type": "timing", "value": {"items": note.get("items") or []}}
    return {"type": note["type"], "value": {"body": note.get("body", "")}}


def prepare_lessons(pack):
    """Turn every lesson's YAML into block data, raising PackError for the first invalid step or note."""
    prepared = []
    for lesson in pack.lessons:
        quizzes = prepare_lesson_quizzes(lesson, LOCALES)
        versions = {}
        for locale in LOCALES:
            text = lesson[locale]
            item = f"{lesson['key']} [{locale}]"
            for number, step in enumerate(text["steps"], start=1):
                if step["type"] not in STEP_FIELDS:
                    raise PackError(lesson["_path"], f"{item} step {number}", f"unknown type {step['type']!r}")
            for note in text.get("teacher_notes") or []:
                if note.get("type") not in NOTES_BLOCK.child_blocks:
                    raise PackError(lesson["_path"], f"{item} teacher notes", f"unknown type {note.get('type')!r}")
            versions[locale] = {
                "title": text["title"],
                "slug": text.get("slug") or lesson["key"],
                "summary": text["summary"],
                "steps": clean_stream(STEPS_BLOCK, [_step_raw(s) for s in text["steps"]], lesson["_path"], item),
                "teacher_notes": clean_stream(
                    NOTES_BLOCK,
                    [_note_raw(n) for n in text.get("teacher_notes") or []],
                    lesson["_path"],
                    item,
                ),
                "take_home_note": text.get("take_home", ""),
            }
            if locale in quizzes:
                versions[locale]["quiz"] = quizzes[locale]
        prepared.append((lesson, versions))
    return prepared


@transaction.atomic
def import_pack(pack):
    """Create or update everything in the pack. Returns counts of created, updated and unchanged items."""
    prepared = prepare_lessons(pack)
    prepared_guides = prepare_guides(pack)
    importer = Importer()

    bands, strands, outcomes = {}, {}, {}
    for band in pack.bands:
        for locale in LOCALES:
            bands[band["key"], locale] = importer.snippet(
                AgeBand,
                "band",
                band["key"],
                locale,
                slug=band["key"],
                name=band[locale]["name"],
                description=band[locale].get("description", ""),
                first_grade=band["first_grade"],
                last_grade=band["last_grade"],
            )
    for order, strand in enumerate(pack.strands, start=1):
        for locale in LOCALES:
            strands[strand["key"], locale] = importer.snippet(
                Strand,
                "strand",
                strand["key"],
                locale,
                slug=strand["key"],
                name=strand[locale]["name"],
                description=strand[locale].get("description", ""),
                sort_order=order,
            )
    for outcome in pack.outcomes:
        for locale in LOCALES:
            outcomes[outcome["key"], locale] = importer.snippet(
                LearningOutcome,
                "outcome",
                outcome["key"],
                locale,
                slug=outcome["key"],
                statement=outcome[locale],
                strand=strands[outcome["strand"], locale],
                age_band=bands[outcome["band"], locale],
            )
    for locale in LOCALES:
        importer.snippet(
            HelpContacts,
            "help-contacts",
            "all",
            locale,
            contacts=[{"type": "contact", "value": contact} for contact in pack.help_contacts[locale]],
        )

    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=importer.locales[LOCALES[0]])
    )
    for locale in LOCALES:
        home_text, map_text = pack.site["home"][locale], pack.site["curriculum"][locale]
        home = importer.page(
            HomePage,
            "page",
            "home",
            locale,
            root,
            title=home_text["title"],
            slug=f"home-{locale}",
            intro=home_text.get("intro", ""),
        )
        if locale == LOCALES[0]:
            _point_site_at(home)
        curriculum = importer.page(
            CurriculumPage,
            "page",
            "curriculum",
            locale,
            home,
            title=map_text["title"],
            slug=map_text.get("slug", "curriculum"),
            intro=map_text.get("intro", ""),
        )
        band_pages = {
            band["key"]: importer.page(
                AgeBandPage,
                "band-page",
                band["key"],
                locale,
                curriculum,
                title=band[locale]["name"],
                slug=band["key"],
                band=bands[band["key"], locale],
                intro=band[locale].get("intro", ""),
            )
            for band in pack.bands
        }
        for lesson, versions in prepared:
            version = dict(versions[locale])
            if "quiz" in version:
                version["quiz"], status = import_quiz(
                    translation_key=translation_key("quiz", lesson["key"]),
                    locale=importer.locales[locale],
                    data=version["quiz"],
                )
                importer.counts[status] += 1
            importer.page(
                LessonPage,
                "lesson",
                lesson["key"],
                locale,
                band_pages[band_for_grade(pack, lesson["grade"])["key"]],
                streams=("steps", "teacher_notes"),
                m2m={
                    "strands": [strands[key, locale] for key in lesson["strands"]],
                    "outcomes": [outcomes[key, locale] for key in lesson.get("outcomes") or []],
                },
                grade=lesson["grade"],
                duration_minutes=lesson.get("duration", 30),
                **version,
            )
    import_guides(importer=importer, pack=pack, prepared=prepared_guides, bands=bands, strands=strands)
    return importer.counts


def _point_site_at(home):
    """Serve the default-language home page at the site root, replacing Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="SafeSteps")
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "SafeSteps"
        site.save()
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()
