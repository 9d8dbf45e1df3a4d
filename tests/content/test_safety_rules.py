"""Child-safety rules for the starter content pack (issue 10), read straight from the YAML files.

No database: these tests load every lesson and parent guide in content/starter with PyYAML and check
the wording rules of DESIGN.md ("Child-safety content rules") and the shared glossary.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.content

PACK = Path(__file__).resolve().parents[2] / "content" / "starter"
LOCALES = ("zh-hans", "en")
BANDS = {"grades 1-3": (1, 3), "grades 4-6": (4, 6), "grades 7-9": (7, 9)}
REPORTING_TAGS = {"p", "b", "i", "ul", "ol", "li"}

# A text that tells someone to take a screenshot.
SCREENSHOT = {
    "zh-hans": re.compile(r"截图|截屏|截下|截取|只截|先截|截个图|截张图"),
    "en": re.compile(r"screen[\s-]?shot|screen[\s-]?grab", re.IGNORECASE),
}
# "Never the picture": a ban on screenshotting (or saving, copying) the picture itself.
NEVER_THE_PICTURE = {
    "zh-hans": re.compile(
        r"(不要|别|千万不要|绝不|不能|不可以)[^。！？；]{0,8}(截|保存|存)[^。！？；]{0,12}(照片|图片|裸照|画面|视频)"
        r"|(照片|图片|裸照|画面|视频)[^。！？；]{0,12}(不要|别|千万不要|绝不|不能|不可以)[^。！？；]{0,4}(截|保存|存)"
    ),
    "en": re.compile(
        r"\b(never|do not|don't|must not)\b[^.!?]{0,30}\b(screen[\s-]?shot|save|copy|capture)[^.!?]{0,50}"
        r"\b(pictures?|photos?|images?|nudes?|videos?)\b"
        r"|\b(pictures?|photos?|images?|nudes?)\b[^.!?]{0,60}\b(never|do not|don't|must not)\b[^.!?]{0,20}"
        r"\b(screen[\s-]?shot|save|copy|capture)",
        re.IGNORECASE,
    ),
}
# Permissive wording about the picture ("no need to screenshot it") in any form.
PERMISSIVE = {
    "zh-hans": re.compile(
        r"不用截|不需要截|不必截|用不着截|照片本身不用|不用[^。！？；]{0,10}截图|不需要[^。！？；]{0,10}截图"
    ),
    "en": re.compile(
        r"no need to (take a |make a )?screen[\s-]?shot|(don't|do not|doesn't|does not|won't) need to "
        r"(take a |make a )?screen[\s-]?shot|(don't|do not) have to (take a )?screen[\s-]?shot",
        re.IGNORECASE,
    ),
}
# Vague permissions that are only wrong next to pictures and screenshots.
PERMISSIVE_IN_CONTEXT = {
    "zh-hans": (re.compile(r"不需要这样做|不用这样做|没必要这样做"), re.compile(r"截|照片|图片|裸照")),
    "en": (
        re.compile(r"no need for that|you don't need to do that|there's no need", re.IGNORECASE),
        re.compile(r"screen[\s-]?shot|picture|photo|image|nude", re.IGNORECASE),
    ),
}
PROMISES = {
    "zh-hans": re.compile(r"(?<!会)不会(挨骂|被骂|挨批评|受罚)"),  # "会不会被骂" is a question, not a promise
    "en": re.compile(r"not in trouble|won't get (you )?in(to)? trouble|won't be in trouble|won't be told off", re.I),
}
# "If an adult is cross or doesn't believe you, that is not your fault either — tell the next one."
TELL_THE_NEXT_ONE = {
    "zh-hans": [re.compile(r"不相信"), re.compile(r"也不是你的错"), re.compile(r"下一个")],
    "en": [
        re.compile(r"(don't|do not|doesn't|does not) believe you", re.I),
        re.compile(r"not your fault either", re.I),
        re.compile(r"next one", re.I),
    ],
}


@cache
def _read(path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _lessons():
    return [_read(path) for path in sorted((PACK / "lessons").glob("*.yaml"))]


def _guides():
    return [_read(path) for path in sorted((PACK / "guides").glob("*.yaml"))]


def _strings(node):
    """Every string inside a YAML node, depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _blocks(document, locale):
    """(where, text) for each unit a reader sees at once: a step, a note, a question, a guide item."""
    text = document[locale]
    key = document["key"]
    for field in ("title", "summary", "take_home"):
        if text.get(field):
            yield f"{key} [{locale}] {field}", text[field]
    for number, step in enumerate(text.get("steps") or [], start=1):
        yield f"{key} [{locale}] step {number}", " ".join(_strings(step))
    for number, note in enumerate(text.get("teacher_notes") or [], start=1):
        yield f"{key} [{locale}] teacher note {number} ({note.get('type')})", " ".join(_strings(note))
    for number, question in enumerate((text.get("quiz") or {}).get("questions") or [], start=1):
        yield f"{key} [{locale}] quiz question {number}", " ".join(_strings(question))
    for number, item in enumerate(text.get("body") or [], start=1):
        yield f"{key} [{locale}] body {number}", " ".join(_strings(item))
    for name in ("conversation_starters", "warning_signs", "if_child_tells", "settings_tools", "where_to_report"):
        for number, item in enumerate(text.get(name) or [], start=1):
            yield f"{key} [{locale}] {name} {number}", " ".join(_strings(item))


def _all_blocks(locale):
    for document in _lessons() + _guides():
        yield from _blocks(document, locale)


def _band(lesson):
    return next(name for name, (first, last) in BANDS.items() if first <= lesson["grade"] <= last)


def test_pack_has_lessons_and_guides_to_check():
    """The content tests read a pack with lessons in every band and parent guides (so none passes vacuously)."""
    assert {_band(lesson) for lesson in _lessons()} == set(BANDS)
    assert len(_guides()) >= 3


@pytest.mark.parametrize("locale", LOCALES)
def test_no_permissive_screenshot_wording(locale):
    """No lesson or guide says there is "no need" to screenshot the picture: the rule is "never"."""
    found = [where for where, text in _all_blocks(locale) if PERMISSIVE[locale].search(text)]
    phrase, context = PERMISSIVE_IN_CONTEXT[locale]
    found += [where for where, text in _all_blocks(locale) if phrase.search(text) and context.search(text)]
    assert not found, found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_screenshot_instruction_says_never_the_picture(locale):
    """Wherever readers are told to screenshot, the same step or block says never to screenshot the picture."""
    missing = [
        where
        for where, text in _all_blocks(locale)
        if SCREENSHOT[locale].search(text) and not NEVER_THE_PICTURE[locale].search(text)
    ]
    assert not missing, missing


def test_wording_patterns_recognise_what_they_should():
    """The glossary evidence wording counts as "never the picture"; bare instructions and real promises are caught."""
    glossary = "保留证据：只截文字、对方账号和要求；不要截不穿衣服的照片，把手机原样交给大人。"
    assert NEVER_THE_PICTURE["zh-hans"].search(glossary)
    assert NEVER_THE_PICTURE["zh-hans"].search("截下对方说的话给大人看，照片不要截。")
    assert not NEVER_THE_PICTURE["zh-hans"].search("把聊天记录截图，发给老师。")
    assert NEVER_THE_PICTURE["en"].search("Never screenshot a picture of someone without clothes.")
    assert NEVER_THE_PICTURE["en"].search(
        "If they share a picture with no clothes on, don't open it, save it or send it."
    )
    assert not NEVER_THE_PICTURE["en"].search("Take a screenshot of the chat and show an adult.")
    assert PERMISSIVE["en"].search("You don't need to screenshot the picture.")
    assert PERMISSIVE["zh-hans"].search("照片本身不用截图。")
    assert PROMISES["zh-hans"].search("说出来不会挨骂。")
    assert not PROMISES["zh-hans"].search("学生问：说了会不会被骂？")


@pytest.mark.parametrize("locale", LOCALES)
def test_safe_option_is_not_always_in_the_same_place(locale):
    """Across the pack, no one position holds the safe option in more than half of the choice steps."""
    positions = []
    for lesson in _lessons():
        for step in lesson[locale]["steps"]:
            if step["type"] == "choice":
                positions.append(next(n for n, option in enumerate(step["options"]) if option.get("safe")))
    assert len(positions) >= 2
    position, count = Counter(positions).most_common(1)[0]
    assert count <= len(positions) / 2, (f"safe option at position {position + 1}", count, len(positions))


def test_every_choice_step_has_a_safe_and_an_unsafe_option():
    """Each "what would you do?" step offers at least one safe and one unsafe option, in both languages."""
    for lesson in _lessons():
        for locale in LOCALES:
            for step in lesson[locale]["steps"]:
                if step["type"] == "choice":
                    flags = [bool(option.get("safe")) for option in step["options"]]
                    assert True in flags and False in flags, (lesson["key"], locale, step["prompt"])


def test_chinese_help_contacts_have_the_national_numbers():
    """The Chinese help contacts list 110, 12355, 12345, 12356 and 12377, each number a quoted string."""
    contacts = _read(PACK / "help_contacts.yaml")["zh-hans"]
    phones = [contact.get("phone") for contact in contacts if "phone" in contact]
    assert all(isinstance(phone, str) for phone in phones), phones
    assert {"110", "12355", "12345", "12356", "12377"} <= set(phones), phones
    for contact in contacts:
        assert contact.get("name") and contact.get("purpose"), contact


def test_english_help_contacts_have_a_helpline_finder():
    """The English help contacts point to Child Helpline International's directory of national helplines."""
    contacts = _read(PACK / "help_contacts.yaml")["en"]
    urls = [contact.get("url") or "" for contact in contacts]
    assert any("childhelplineinternational.org" in url for url in urls), urls
    for contact in contacts:
        assert contact.get("name") and contact.get("purpose"), contact
        assert isinstance(contact.get("phone", ""), str), contact


def test_reporting_block_states_the_chinese_procedure():
    """The one reporting block says: 110, report immediately under mandatory reporting, and the school's lead."""
    block = _read(PACK / "reporting.yaml")
    assert set(block) == set(LOCALES)
    for locale in LOCALES:
        assert set(block[locale]) == {"title", "body"}, locale
        tags = {tag.lower() for tag in re.findall(r"</?\s*([a-zA-Z0-9]+)", block[locale]["body"])}
        assert tags <= REPORTING_TAGS, (locale, tags - REPORTING_TAGS)
    body = block["zh-hans"]["body"]
    for words in ("110", "立即", "强制报告", "公安机关", "学生保护专员", "原话"):
        assert words in body, words
    english = block["en"]["body"]
    for words in ("emergency", "immediately", "exact words", "the law where you are"):
        assert words in english, words
    assert "designated safeguarding lead" not in english.lower()


def test_lessons_leave_the_reporting_procedure_to_the_reporting_block():
    """No lesson repeats a `disclosure` note, names a 学校儿童保护负责人 or says to report "the same day"."""
    for lesson in _lessons():
        for locale in LOCALES:
            notes = lesson[locale].get("teacher_notes") or []
            assert "disclosure" not in [note["type"] for note in notes], (lesson["key"], locale)
            text = " ".join(_strings(lesson[locale]))
            assert "学校儿童保护负责人" not in text, lesson["key"]
            notes_text = " ".join(_strings(notes))
            assert "当天" not in notes_text and "same day" not in notes_text.lower(), (lesson["key"], locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_quiz_tests_judgement(locale):
    """Every lesson quiz has at least one scenario question and at most two true/false questions."""
    for lesson in _lessons():
        kinds = Counter(question["kind"] for question in lesson[locale]["quiz"]["questions"])
        assert kinds["scenario"] >= 1, (lesson["key"], dict(kinds))
        assert kinds["true_false"] <= 2, (lesson["key"], dict(kinds))


def test_quiz_shapes_match_between_languages():
    """Each quiz has the same question kinds and choice counts in Chinese and English."""
    for lesson in _lessons():
        shapes = [[(q["kind"], len(q["choices"])) for q in lesson[locale]["quiz"]["questions"]] for locale in LOCALES]
        assert shapes[0] == shapes[1], lesson["key"]


@pytest.mark.parametrize("locale", LOCALES)
def test_no_promises_about_adults_reactions(locale):
    """Nothing promises a child that they will not be told off ("不会挨骂", "not in trouble")."""
    found = [where for where, text in _all_blocks(locale) if PROMISES[locale].search(text)]
    contacts = _read(PACK / "help_contacts.yaml")[locale]
    found += [contact["name"] for contact in contacts if PROMISES[locale].search(" ".join(_strings(contact)))]
    assert not found, found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_band_says_tell_the_next_one(locale):
    """Each band has a lesson saying: an adult cross or not believing you is not your fault either; tell the next."""
    bands = {
        _band(lesson)
        for lesson in _lessons()
        for _, text in _blocks(lesson, locale)
        if all(pattern.search(text) for pattern in TELL_THE_NEXT_ONE[locale])
    }
    assert bands == set(BANDS), set(BANDS) - bands


def test_no_screen_promises_adults_reactions():
    """The site's own words (templates and the Chinese catalogue) make no "you won't be in trouble" promise."""
    root = Path(__file__).resolve().parents[2]
    texts = [path.read_text(encoding="utf-8") for path in (root / "templates").rglob("*.html")]
    texts.append((root / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    found = [
        phrase for text in texts for phrase in ("不会挨骂", "not in trouble", "won't be in trouble") if phrase in text
    ]
    assert found == []
