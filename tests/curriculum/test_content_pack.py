from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from contentpack.exporter import collect_pack
from contentpack.reader import LOCALES, STARTER_PACK, load_pack
from core.models import HelpContacts
from curriculum.models import AgeBand, LearningOutcome, Strand
from quizzes.models import Quiz
from tests.factories import edit_yaml

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

    from contentpack.reader import STARTER_PACK

    procedure = yaml.safe_load((STARTER_PACK / "reporting.yaml").read_text(encoding="utf-8"))
    chinese = procedure["zh-hans"]["body"]
    assert all(word in chinese for word in ("110", "立即", "强制报告", "学生保护专员")), chinese
    assert "police" in procedure["en"]["body"]


def _counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        AgeBand.objects.count(),
        Strand.objects.count(),
        LearningOutcome.objects.count(),
        HelpContacts.objects.count(),
    )


def test_importing_the_pack_twice_changes_nothing(db, capsys):
    """import_content on an imported site creates and updates nothing."""
    before = _counts()
    call_command("import_content", str(STARTER_PACK))
    assert _counts() == before
    assert "0 created, 0 updated" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(strands=["no-such-strand"]), "unknown strand 'no-such-strand'"),
        (lambda d: d["en"]["steps"].pop(0), "steps differ"),
        (lambda d: d.update(grade=12), "grade must be a whole number from 1 to 9"),
        (lambda d: d["en"].pop("title"), "[en]: is missing title"),
        (lambda d: d["en"]["steps"][-1].update(type="poem"), "steps differ"),
    ],
)
def test_broken_pack_changes_nothing_and_names_the_problem(db, pack_copy, change, message):
    """A broken lesson file stops the import before anything is written, naming the file and the problem."""
    lesson_file = sorted((pack_copy / "lessons").glob("*.yaml"))[-1]
    edit_yaml(lesson_file, change)
    before = _counts()
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(pack_copy))
    assert lesson_file.name in str(error.value)
    assert message in str(error.value)
    assert _counts() == before


def test_block_errors_late_in_the_pack_roll_everything_back(db, pack_copy):
    """A step that only the block validation rejects (5 options) still leaves the site untouched."""
    first, last = (
        sorted((pack_copy / "lessons").glob("*.yaml"))[0],
        sorted((pack_copy / "lessons").glob("*.yaml"))[-1],
    )
    edit_yaml(first, lambda d: d["en"].update(title="Changed by a broken import"))

    def five_options(data):
        for locale in LOCALES:
            step = next(s for s in data[locale]["steps"] if s["type"] == "choice")
            step["options"] = [dict(step["options"][0]) for _ in range(5)]

    edit_yaml(last, five_options)
    before = _counts()
    with pytest.raises(CommandError, match=last.name):
        call_command("import_content", str(pack_copy))
    assert _counts() == before
    assert not Page.objects.filter(title="Changed by a broken import").exists()


def test_broken_yaml_is_reported_with_its_file(db, pack_copy):
    """A file that is not YAML at all is named in the error."""
    (pack_copy / "strands.yaml").write_text("- key: [unclosed\n", encoding="utf-8")
    with pytest.raises(CommandError, match="strands.yaml: file: is not valid YAML"):
        call_command("import_content", str(pack_copy))


def test_export_then_import_into_an_empty_site_reproduces_the_curriculum(db, tmp_path):
    """export_content, wipe the content, import_content: exporting again gives identical files."""
    call_command("export_content", str(tmp_path / "a"))
    first = collect_pack()
    for home in Page.objects.filter(depth=2):
        home.delete()
    HelpContacts.objects.all().delete()
    Quiz.objects.all().delete()
    LearningOutcome.objects.all().delete()
    Strand.objects.all().delete()
    AgeBand.objects.all().delete()
    assert not Page.objects.filter(depth__gt=1).exists()
    assert not Quiz.objects.exists()

    call_command("import_content", str(tmp_path / "a"))
    assert collect_pack() == first
    call_command("export_content", str(tmp_path / "b"))
    for path in (tmp_path / "a").rglob("*.yaml"):
        assert path.read_text(encoding="utf-8") == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_text(
            encoding="utf-8"
        ), path.name


def test_export_matches_the_starter_pack_lessons(db):
    """What the site exports for lessons carries the pack's steps, word for word."""
    exported = collect_pack()
    for lesson in load_pack().lessons:
        data = exported[f"lessons/{lesson['key']}.yaml"]
        for locale in LOCALES:
            assert [s["type"] for s in data[locale]["steps"]] == [s["type"] for s in lesson[locale]["steps"]]
            assert data[locale]["title"] == lesson[locale]["title"]
            quiz, source = data[locale]["quiz"], lesson[locale]["quiz"]
            assert quiz["title"] == source["title"]
            assert [q["text"] for q in quiz["questions"]] == [q["text"] for q in source["questions"]]


@pytest.mark.parametrize("language", LOCALES)
def test_seeded_site_has_the_whole_starter_curriculum(db, language):
    """From the pack alone: 18+ live lessons per language, each with a 4–6 question quiz, and 15 parent guides."""
    from lessons.models import LessonPage
    from parents.models import ParentGuidePage

    lessons = LessonPage.objects.live().filter(locale__language_code=language).select_related("quiz")
    assert lessons.count() >= 18
    for lesson in lessons:
        assert lesson.quiz is not None and lesson.quiz.locale_id == lesson.locale_id, lesson.slug
        assert 4 <= lesson.quiz.questions.count() <= 6, lesson.slug
    assert ParentGuidePage.objects.live().filter(locale__language_code=language).count() >= 15
