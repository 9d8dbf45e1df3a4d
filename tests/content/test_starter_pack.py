"""The starter content pack itself: coverage, completeness, translations, reading level, the reporting rules.

Tests of how the pack is read, imported and exported live with the apps (tests/curriculum, tests/parents).
"""

from collections import Counter

import pytest

from contentpack.reader import LOCALES, load_pack
from lessons.models import LessonPage
from parents.models import ParentGuidePage

from .readability import chinese_sentence_length, flesch_kincaid_grade, pupil_texts

READING_LIMITS = {"little-steps": 3, "growing-up-online": 6, "taking-charge": 9}


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _band(pack, lesson):
    return next(b for b in pack.bands if b["first_grade"] <= lesson["grade"] <= b["last_grade"])


def test_every_grade_has_two_lessons(pack):
    """Grades 1–9 each have at least two lessons (both languages are checked per lesson below)."""
    per_grade = Counter(lesson["grade"] for lesson in pack.lessons)
    assert all(per_grade[grade] >= 2 for grade in range(1, 10)), per_grade


def test_every_strand_appears_in_every_band(pack):
    """Across each band's lessons, all seven strands are taught."""
    strands = {strand["key"] for strand in pack.strands}
    for band in pack.bands:
        taught = {s for lesson in pack.lessons if _band(pack, lesson) == band for s in lesson["strands"]}
        assert taught == strands, (band["key"], strands - taught)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_lesson_is_complete(pack, locale):
    """Each lesson: steps ending with key message and who can help, a choice, disclosure notes, take-home note, quiz."""
    for lesson in pack.lessons:
        text = lesson[locale]
        assert 4 <= len(text["quiz"]["questions"]) <= 6, lesson["key"]
        kinds = [step["type"] for step in text["steps"]]
        assert 5 <= len(kinds) <= 8, lesson["key"]
        assert kinds[-2:] == ["key_message", "who_can_help"], lesson["key"]
        assert "choice" in kinds and "story" in kinds, lesson["key"]
        assert "disclosure" in [note["type"] for note in text["teacher_notes"]], lesson["key"]
        assert text["take_home"].strip(), lesson["key"]
        assert 20 <= lesson["duration"] <= 40, lesson["key"]


def test_translations_have_the_same_structure(pack):
    """The Chinese and English versions have the same steps in the same order, with the same choices."""
    for lesson in pack.lessons:
        zh, en = lesson["zh-hans"], lesson["en"]
        assert [s["type"] for s in zh["steps"]] == [s["type"] for s in en["steps"]], lesson["key"]
        assert [len(s.get("options") or []) for s in zh["steps"]] == [len(s.get("options") or []) for s in en["steps"]]
        assert [n["type"] for n in zh["teacher_notes"]] == [n["type"] for n in en["teacher_notes"]], lesson["key"]


def test_english_reading_level_fits_the_band(pack):
    """English pupil text reads at Flesch–Kincaid grade ≤ 3, 6 and 9 for the three bands."""
    for lesson in pack.lessons:
        limit = READING_LIMITS[_band(pack, lesson)["key"]]
        grade = flesch_kincaid_grade(pupil_texts(lesson["en"]))
        assert grade <= limit, (lesson["key"], round(grade, 1))


def test_chinese_sentences_are_short_for_the_youngest(pack):
    """Chinese pupil text for grades 1–3 averages under 20 characters a sentence."""
    for lesson in pack.lessons:
        if lesson["grade"] <= 3:
            assert chinese_sentence_length(pupil_texts(lesson["zh-hans"])) < 20, lesson["key"]


def test_reading_level_check_can_fail():
    """The FK measure rates long academic sentences far above grade 3 (so the test above is meaningful)."""
    text = (
        "Notwithstanding considerable institutional responsibilities, organisations continuously underestimate "
        "the psychological consequences of unsolicited communication affecting adolescents' wellbeing."
    )
    assert flesch_kincaid_grade([text]) > 12
    assert flesch_kincaid_grade(["I can say no. I tell my mum."]) < 3


def test_teacher_notes_in_chinese_name_mandatory_reporting(pack):
    """The Chinese disclosure notes say staff must report to the police at once, as well as to the school's lead."""
    for lesson in pack.lessons:
        notes = " ".join(n.get("body", "") for n in lesson["zh-hans"]["teacher_notes"] if n["type"] == "disclosure")
        assert "公安机关" in notes and "强制报告" in notes, lesson["key"]
        english = " ".join(n.get("body", "") for n in lesson["en"]["teacher_notes"] if n["type"] == "disclosure")
        assert "safeguarding" in english, lesson["key"]


@pytest.mark.parametrize("language", LOCALES)
def test_seeded_site_has_the_whole_starter_curriculum(db, language):
    """From the pack alone: 18+ live lessons per language, each with a 4–6 question quiz, and 15 parent guides."""
    lessons = LessonPage.objects.live().filter(locale__language_code=language).select_related("quiz")
    assert lessons.count() >= 18
    for lesson in lessons:
        assert lesson.quiz is not None and lesson.quiz.locale_id == lesson.locale_id, lesson.slug
        assert 4 <= lesson.quiz.questions.count() <= 6, lesson.slug
    assert ParentGuidePage.objects.live().filter(locale__language_code=language).count() >= 15
