"""The starter content pack itself: coverage, completeness, translations, reading level, the reporting rules.

Tests of how the pack is read, imported and exported live in tests/contentpack.
"""

from collections import Counter

import pytest

from contentpack.reader import LOCALES, STARTER_PACK, load_pack

from .readability import chinese_sentence_length, flesch_kincaid_grade, pupil_texts

READING_LIMITS = {"little-steps": 3, "growing-up-online": 6, "taking-charge": 9}


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _band(pack, lesson):
    return next(b for b in pack.bands if b["first_grade"] <= lesson["grade"] <= b["last_grade"])


def test_every_grade_has_three_lessons(pack):
    """Grades 1–9 each have at least three lessons (both languages are checked per lesson below)."""
    per_grade = Counter(lesson["grade"] for lesson in pack.lessons)
    assert all(per_grade[grade] >= 3 for grade in range(1, 10)), per_grade


def test_every_grade_has_a_lesson_about_people_we_know(pack):
    """Most abuse is by people the child knows: every grade has a lesson in the "people we know" strand."""
    grades = {lesson["grade"] for lesson in pack.lessons if "people-we-know" in lesson["strands"]}
    assert grades == set(range(1, 10))


def test_every_band_has_people_we_know_outcomes(pack):
    """Each band states what pupils can do about people they know."""
    bands = {outcome["band"] for outcome in pack.outcomes if outcome["strand"] == "people-we-know"}
    assert bands == {band["key"] for band in pack.bands}


def test_every_strand_appears_in_every_band(pack):
    """Across each band's lessons, every strand is taught."""
    strands = {strand["key"] for strand in pack.strands}
    for band in pack.bands:
        taught = {s for lesson in pack.lessons if _band(pack, lesson) == band for s in lesson["strands"]}
        assert taught == strands, (band["key"], strands - taught)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_lesson_is_complete(pack, locale):
    """Each lesson: steps ending with key message and who can help, a choice, teacher notes, take-home note, quiz."""
    for lesson in pack.lessons:
        text = lesson[locale]
        assert 4 <= len(text["quiz"]["questions"]) <= 6, lesson["key"]
        kinds = [step["type"] for step in text["steps"]]
        assert 5 <= len(kinds) <= 8, lesson["key"]
        assert kinds[-2:] == ["key_message", "who_can_help"], lesson["key"]
        assert "choice" in kinds and "story" in kinds, lesson["key"]
        assert "objectives" in [note["type"] for note in text["teacher_notes"]], lesson["key"]
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


def test_the_one_reporting_procedure_names_mandatory_reporting():
    """The shared reporting procedure says staff report to the police at once, as well as to the school's lead."""
    import yaml

    procedure = yaml.safe_load((STARTER_PACK / "reporting.yaml").read_text(encoding="utf-8"))
    chinese = procedure["zh-hans"]["body"]
    assert all(word in chinese for word in ("110", "立即", "强制报告", "学生保护专员")), chinese
    assert "police" in procedure["en"]["body"]
