"""Writing the site's curriculum back out as a content pack, in the format `import_content` reads."""

from pathlib import Path

import yaml
from wagtail.models import Site

from core.models import HelpContacts
from curriculum.models import AgeBand, LearningOutcome, Strand
from home.models import HomePage
from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage

from .common import translation_key
from .guides import guide_to_dict
from .importer import STEP_FIELDS
from .quizzes import quiz_to_dict
from .reader import LOCALES


def pack_key(kind, obj, candidate):
    """The pack key of an item: its readable key if the item came from a pack, else its translation key."""
    return (
        candidate if candidate and translation_key(kind, candidate) == obj.translation_key else str(obj.translation_key)
    )


def _by_locale(queryset):
    """{translation_key: {language_code: obj}} from one query."""
    grouped = {}
    for obj in queryset.select_related("locale"):
        grouped.setdefault(obj.translation_key, {})[obj.locale.language_code] = obj
    return {key: versions for key, versions in grouped.items() if set(versions) >= set(LOCALES)}


def _raw(stream):
    """A stream's blocks as plain data, without block ids."""
    return [(block.block_type, block.block.get_prep_value(block.value)) for block in stream]


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


def _note(block_type, value):
    if block_type == "timing":
        return {
            "type": "timing",
            "items": [{"stage": i["value"]["stage"], "minutes": i["value"]["minutes"]} for i in value["items"]],
        }
    return {"type": block_type, "body": value["body"]}


def _lesson(versions, keys):
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
        text["steps"] = [_step(kind, value) for kind, value in _raw(lesson.steps)]
        text["teacher_notes"] = [_note(kind, value) for kind, value in _raw(lesson.teacher_notes)]
        text["take_home"] = lesson.take_home_note
        if lesson.quiz:
            text["quiz"] = quiz_to_dict(lesson.quiz)
        data[locale] = text
    return data


def _page_text(page, **extra):
    text = {"title": page.title, **extra}
    if getattr(page, "intro", ""):
        text["intro"] = page.intro
    return text


def collect_pack():
    """The whole curriculum as {relative path: data}, in a fixed order so that equal content exports equally."""
    files = {}
    keys = {}

    bands = _by_locale(AgeBand.objects.all())
    files["bands.yaml"] = []
    for versions in sorted(bands.values(), key=lambda v: v[LOCALES[0]].first_grade):
        band = versions[LOCALES[0]]
        keys[band.translation_key] = pack_key("band", band, band.slug)
        entry = {"key": keys[band.translation_key], "first_grade": band.first_grade, "last_grade": band.last_grade}
        for locale in LOCALES:
            entry[locale] = {"name": versions[locale].name, "description": versions[locale].description}
        files["bands.yaml"].append(entry)

    strands = _by_locale(Strand.objects.all())
    files["strands.yaml"] = []
    for versions in sorted(strands.values(), key=lambda v: (v[LOCALES[0]].sort_order, v[LOCALES[0]].pk)):
        strand = versions[LOCALES[0]]
        keys[strand.translation_key] = pack_key("strand", strand, strand.slug)
        entry = {"key": keys[strand.translation_key]}
        for locale in LOCALES:
            entry[locale] = {"name": versions[locale].name, "description": versions[locale].description}
        files["strands.yaml"].append(entry)

    outcomes = _by_locale(LearningOutcome.objects.select_related("strand", "age_band"))
    for versions in sorted(outcomes.values(), key=lambda v: v[LOCALES[0]].pk):
        outcome = versions[LOCALES[0]]
        keys[outcome.translation_key] = pack_key("outcome", outcome, outcome.slug)
        band_key = keys[outcome.age_band.translation_key]
        files.setdefault(f"outcomes/{band_key}.yaml", []).append(
            {
                "key": keys[outcome.translation_key],
                "band": band_key,
                "strand": keys[outcome.strand.translation_key],
                **{locale: versions[locale].statement for locale in LOCALES},
            }
        )

    contacts = {c.locale.language_code: c for c in HelpContacts.objects.select_related("locale")}
    files["help_contacts.yaml"] = {
        locale: [
            {name: text for name, text in item["value"].items() if text} for item in contacts[locale].contacts.raw_data
        ]
        for locale in LOCALES
        if locale in contacts
    }

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    homes = _by_locale(HomePage.objects.all())
    maps = _by_locale(CurriculumPage.objects.all())
    if site and homes and maps:
        home = next(iter(homes.values()))
        curriculum = next(iter(maps.values()))
        files["site.yaml"] = {
            "home": {locale: _page_text(home[locale]) for locale in LOCALES},
            "curriculum": {locale: _page_text(curriculum[locale], slug=curriculum[locale].slug) for locale in LOCALES},
        }
    for versions in _by_locale(AgeBandPage.objects.all()).values():
        for locale in LOCALES:
            if versions[locale].intro:
                band_key = keys[versions[locale].band.translation_key]
                entry = next(b for b in files["bands.yaml"] if b["key"] == band_key)
                entry[locale]["intro"] = versions[locale].intro

    parents = _by_locale(ParentsIndexPage.objects.all())
    if "site.yaml" in files and parents:
        index = next(iter(parents.values()))
        files["site.yaml"]["parents"] = {
            locale: _page_text(index[locale], slug=index[locale].slug) for locale in LOCALES
        }
    guides = ParentGuidePage.objects.select_related("age_band").prefetch_related("topics").order_by("path")
    for versions in _by_locale(guides).values():
        guide = versions[LOCALES[-1]]
        key = pack_key("guide", guide, guide.slug)
        files[f"guides/{key}.yaml"] = {
            "key": key,
            "band": keys[guide.age_band.translation_key],
            "topics": [keys[topic.translation_key] for topic in guide.topics.all()],
            **{locale: guide_to_dict(versions[locale], key) for locale in LOCALES},
        }

    lessons = (
        LessonPage.objects.select_related("quiz")
        .prefetch_related("strands", "outcomes", "quiz__questions__choices")
        .order_by("grade", "path")
    )
    for versions in _by_locale(lessons).values():
        data = _lesson(versions, keys)
        files[f"lessons/{data['key']}.yaml"] = data
    return files


def export_pack(root):
    """Write the pack under `root`; returns the paths written."""
    root = Path(root)
    written = []
    for relative, data in collect_pack().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        written.append(path)
    return written
