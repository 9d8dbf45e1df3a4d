"""lessons/<key>.yaml <-> LessonPage (steps, teacher notes, take-home note, strands, outcomes, its quiz).

The mapping between a step or note in YAML and its block is written once, here: FIELDS and the pairs
_step_raw/_step and _note_raw/_note."""

from django.utils import translation

from lessons.blocks import LessonStepsBlock, TeacherNotesBlock
from lessons.models import LessonPage
from lessons.structure import STEPS_DIFFER, steps_shape

from ..common import LOCALES, PackError, by_locale, check_locales, clean_stream, pack_key, raw_stream, require
from .taxonomy import band_for_grade

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
    value = {name: step.get(name) or "" for name in STEP_FIELDS[step["type"]]}
    if step["type"] == "choice":
        value["options"] = [
            {"text": o.get("text", ""), "feedback": o.get("feedback", ""), "safe": bool(o.get("safe"))}
            for o in step.get("options") or []
        ]
    return {"type": step["type"], "value": value}


def _step(block_type, value):
    step = {"type": block_type}
    for name in STEP_FIELDS[block_type]:
        if name == "options":
            step["options"] = [
                {"text": o["value"]["text"], "feedback": o["value"]["feedback"], "safe": bool(o["value"]["safe"])}
                for o in value["options"]
            ]
        elif value.get(name):
            step[name] = value[name]
    return step


def _note_raw(note):
    if note["type"] == "timing":
        return {"type": "timing", "value": {"items": note.get("items") or []}}
    return {"type": note["type"], "value": {"body": note.get("body", "")}}


def _note(block_type, value):
    if block_type == "timing":
        return {
            "type": "timing",
            "items": [{"stage": i["value"]["stage"], "minutes": i["value"]["minutes"]} for i in value["items"]],
        }
    return {"type": block_type, "body": value["body"]}


def check(pack):
    seen = set()
    strand_keys = {strand["key"] for strand in pack.strands}
    outcome_keys = {outcome["key"] for outcome in pack.outcomes}
    for lesson in pack.lessons:
        path = lesson["_path"]
        require(path, "lesson", lesson, ["key", "grade", "strands"])
        key = lesson["key"]
        if key in seen:
            raise PackError(path, key, "uses a key that another lesson already has")
        seen.add(key)
        if not isinstance(lesson["grade"], int) or not 1 <= lesson["grade"] <= 9:
            raise PackError(path, key, "grade must be a whole number from 1 to 9")
        if not any(b["first_grade"] <= lesson["grade"] <= b["last_grade"] for b in pack.bands):
            raise PackError(path, key, f"grade {lesson['grade']} is in no age band")
        for strand in lesson["strands"]:
            if strand not in strand_keys:
                raise PackError(path, key, f"names unknown strand {strand!r}")
        for outcome in lesson.get("outcomes") or []:
            if outcome not in outcome_keys:
                raise PackError(path, key, f"names unknown outcome {outcome!r}")
        check_locales(path, key, lesson, ["title", "summary", "steps"])
        for locale in LOCALES:
            for number, step in enumerate(lesson[locale]["steps"], start=1):
                if not isinstance(step, dict) or "type" not in step:
                    raise PackError(path, f"{key} [{locale}] step {number}", "has no type")
        first, *others = LOCALES
        for locale in others:
            if steps_shape(lesson[first].get("steps") or []) != steps_shape(lesson[locale].get("steps") or []):
                with translation.override("en"):  # pack errors are for pack writers, like the others
                    raise PackError(path, key, str(STEPS_DIFFER % {"first": first, "other": locale}))


def _version(lesson, locale):
    text, path = lesson[locale], lesson["_path"]
    item = f"{lesson['key']} [{locale}]"
    for number, step in enumerate(text["steps"], start=1):
        if step["type"] not in STEP_FIELDS:
            raise PackError(path, f"{item} step {number}", f"unknown type {step['type']!r}")
    for note in text.get("teacher_notes") or []:
        if note.get("type") not in NOTES_BLOCK.child_blocks:
            raise PackError(path, f"{item} teacher notes", f"unknown type {note.get('type')!r}")
    return {
        "title": text["title"],
        "slug": text.get("slug") or lesson["key"],
        "summary": text["summary"],
        "steps": clean_stream(STEPS_BLOCK, [_step_raw(s) for s in text["steps"]], path, item),
        "teacher_notes": clean_stream(NOTES_BLOCK, [_note_raw(n) for n in text.get("teacher_notes") or []], path, item),
        "take_home_note": text.get("take_home", ""),
    }


def prepare(pack):
    """Every lesson's YAML as block data, raising PackError for the first invalid step or note."""
    return [
        {
            "key": lesson["key"],
            "band": band_for_grade(pack.bands, lesson["grade"]),
            "grade": lesson["grade"],
            "duration": lesson.get("duration", 30),
            "strands": sorted(lesson["strands"]),  # a set in the site: no order to keep
            "outcomes": sorted(lesson.get("outcomes") or []),
            "versions": {locale: _version(lesson, locale) for locale in LOCALES},
        }
        for lesson in pack.lessons
    ]


def write(importer, prepared):
    for locale in LOCALES:
        for lesson in prepared:
            key = lesson["key"]
            quiz = importer.written.get(("quiz", key, locale))
            importer.page(
                LessonPage,
                "lesson",
                key,
                locale,
                importer.written["band-page", lesson["band"], locale],
                streams=("steps", "teacher_notes"),
                m2m={
                    "strands": [importer.written["strand", k, locale] for k in lesson["strands"]],
                    "outcomes": [importer.written["outcome", k, locale] for k in lesson["outcomes"]],
                },
                grade=lesson["grade"],
                duration_minutes=lesson["duration"],
                **lesson["versions"][locale],
                **({"quiz": quiz} if quiz else {}),
            )


def _export_lesson(versions, exporter):
    keys = exporter.keys
    any_version = versions[LOCALES[-1]]
    data = {
        "key": pack_key("lesson", any_version, any_version.slug),
        "grade": any_version.grade,
        "duration": any_version.duration_minutes,
        "strands": [keys[strand.translation_key] for strand in any_version.strands.all()],
        "outcomes": [keys[outcome.translation_key] for outcome in any_version.outcomes.all()],
    }
    for locale in LOCALES:
        lesson = versions[locale]
        text = {"title": lesson.title}
        if lesson.slug != data["key"]:
            text["slug"] = lesson.slug
        text["summary"] = lesson.summary
        text["steps"] = [_step(kind, value) for kind, value in raw_stream(lesson.steps)]
        text["teacher_notes"] = [_note(kind, value) for kind, value in raw_stream(lesson.teacher_notes)]
        text["take_home"] = lesson.take_home_note
        if lesson.quiz_id:
            text["quiz"] = exporter.quizzes[lesson.quiz_id]
        data[locale] = text
    return data


def export(exporter):
    lessons = LessonPage.objects.prefetch_related("strands", "outcomes").order_by("grade", "path")
    for versions in by_locale(lessons).values():
        data = _export_lesson(versions, exporter)
        exporter.files[f"lessons/{data['key']}.yaml"] = data
