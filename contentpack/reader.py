"""Reading the content pack: YAML files with both languages side by side (docs/content-pack.md)."""

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils import translation

from lessons.structure import STEPS_DIFFER, steps_shape

LOCALES = ("zh-hans", "en")
STARTER_PACK = Path(
    os.environ.get("SAFESTEPS_CONTENT_PACK") or Path(__file__).resolve().parent.parent / "content" / "starter"
)


class PackError(Exception):
    """A problem in the pack, naming the file, the item and what is wrong."""

    def __init__(self, path, item, problem):
        self.path, self.item, self.problem = path, item, problem
        super().__init__(f"{path}: {item}: {problem}")


@dataclass
class Pack:
    root: Path
    site: dict = field(default_factory=dict)
    bands: list = field(default_factory=list)
    strands: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    help_contacts: dict = field(default_factory=dict)
    lessons: list = field(default_factory=list)
    guides: list = field(default_factory=list)


def _read(path):
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as error:
        raise PackError(path, "file", "is missing") from error
    except yaml.YAMLError as error:
        raise PackError(path, "file", f"is not valid YAML ({error})") from error


def _require(path, item, data, keys):
    if not isinstance(data, dict):
        raise PackError(path, item, "should be a mapping")
    missing = [key for key in keys if data.get(key) in (None, "", [])]
    if missing:
        raise PackError(path, item, f"is missing {', '.join(missing)}")


def _check_locales(path, item, data, keys=()):
    for locale in LOCALES:
        if locale not in data:
            raise PackError(path, item, f"has no {locale} text")
        if keys:
            _require(path, f"{item} [{locale}]", data[locale], keys)


def load_pack(root=STARTER_PACK):
    """Read and check the whole pack before anything is written; raise PackError on the first problem."""
    root = Path(root)
    pack = Pack(root=root)

    path = root / "site.yaml"
    pack.site = _read(path) or {}
    for section in ("home", "curriculum"):
        if section not in pack.site:
            raise PackError(path, section, "is missing")
        _check_locales(path, section, pack.site[section], ["title"])

    path = root / "bands.yaml"
    pack.bands = _read(path) or []
    for band in pack.bands:
        _require(path, band.get("key", "band"), band, ["key", "first_grade", "last_grade"])
        _check_locales(path, band["key"], band, ["name"])
        if not 1 <= band["first_grade"] <= band["last_grade"] <= 9:
            raise PackError(path, band["key"], "grades must run from 1 to 9, first before last")

    path = root / "strands.yaml"
    pack.strands = _read(path) or []
    for strand in pack.strands:
        _require(path, strand.get("key", "strand"), strand, ["key"])
        _check_locales(path, strand["key"], strand, ["name"])

    band_keys = {band["key"] for band in pack.bands}
    strand_keys = {strand["key"] for strand in pack.strands}
    for path in sorted((root / "outcomes").glob("*.yaml")):
        for outcome in _read(path) or []:
            _require(path, outcome.get("key", "outcome"), outcome, ["key", "band", "strand", *LOCALES])
            if outcome["band"] not in band_keys:
                raise PackError(path, outcome["key"], f"names unknown band {outcome['band']!r}")
            if outcome["strand"] not in strand_keys:
                raise PackError(path, outcome["key"], f"names unknown strand {outcome['strand']!r}")
            pack.outcomes.append(outcome)
    outcome_keys = {outcome["key"] for outcome in pack.outcomes}

    path = root / "help_contacts.yaml"
    pack.help_contacts = _read(path) or {}
    _check_locales(path, "help contacts", pack.help_contacts)
    for locale in LOCALES:
        for contact in pack.help_contacts[locale]:
            _require(path, f"help contact [{locale}]", contact, ["name", "purpose"])

    seen = set()
    for path in sorted((root / "lessons").glob("*.yaml")):
        lesson = _read(path)
        _require(path, "lesson", lesson, ["key", "grade", "strands"])
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
        _check_locales(path, key, lesson, ["title", "summary", "steps"])
        for locale in LOCALES:
            for number, step in enumerate(lesson[locale]["steps"], start=1):
                if not isinstance(step, dict) or "type" not in step:
                    raise PackError(path, f"{key} [{locale}] step {number}", "has no type")
        _check_same_structure(path, lesson)
        lesson["_path"] = path
        pack.lessons.append(lesson)

    _load_guides(pack, band_keys, strand_keys)
    return pack


def _check_same_structure(path, lesson):
    first, *others = LOCALES
    for locale in others:
        if steps_shape(lesson[first].get("steps") or []) != steps_shape(lesson[locale].get("steps") or []):
            with translation.override("en"):
                raise PackError(path, lesson["key"], str(STEPS_DIFFER % {"first": first, "other": locale}))


GUIDE_LISTS = {
    "conversation_starters": ["question"],
    "warning_signs": ["sign"],
    "if_child_tells": ["action"],
    "settings_tools": ["title", "detail"],
    "where_to_report": ["name", "purpose"],
}


def _load_guides(pack, band_keys, strand_keys):
    """Parent guides (guides/<key>.yaml) and the parents' section of site.yaml; see docs/content-pack.md."""
    paths = sorted((pack.root / "guides").glob("*.yaml"))
    site_path = pack.root / "site.yaml"
    if "parents" in pack.site:
        _check_locales(site_path, "parents", pack.site["parents"], ["title"])
    elif paths:
        raise PackError(site_path, "parents", "is missing (the pack has parent guides)")
    seen = set()
    for path in paths:
        guide = _read(path)
        _require(path, "guide", guide, ["key", "band", "topics"])
        key = guide["key"]
        if key in seen:
            raise PackError(path, key, "uses a key that another guide already has")
        seen.add(key)
        if guide["band"] not in band_keys:
            raise PackError(path, key, f"names unknown band {guide['band']!r}")
        for topic in guide["topics"]:
            if topic not in strand_keys:
                raise PackError(path, key, f"names unknown strand {topic!r}")
        _check_locales(path, key, guide, ["title", "summary", "body"])
        for locale in LOCALES:
            text = guide[locale]
            for number, item in enumerate(text["body"], start=1):
                if not isinstance(item, dict) or item.get("type") not in ("text", "tip"):
                    raise PackError(path, f"{key} [{locale}] body item {number}", "needs type text or tip")
            for name, keys in GUIDE_LISTS.items():
                if not isinstance(text.get(name) or [], list):
                    raise PackError(path, f"{key} [{locale}] {name}", "should be a list")
                for number, item in enumerate(text.get(name) or [], start=1):
                    _require(path, f"{key} [{locale}] {name} {number}", item, keys)
        guide["_path"] = path
        pack.guides.append(guide)


def band_for_grade(pack, grade):
    return next(band for band in pack.bands if band["first_grade"] <= grade <= band["last_grade"])
