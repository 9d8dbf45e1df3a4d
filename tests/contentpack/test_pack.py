"""Importing and exporting the whole pack: idempotence, broken packs, the round trip through an empty site."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.groups import WORKFLOW_NAME
from contentpack.exporter import collect_pack
from contentpack.reader import LOCALES, STARTER_PACK, load_pack
from core.models import HelpContacts, ReportingProcedure
from curriculum.models import AgeBand, LearningOutcome, Strand
from lessons.models import LessonPage
from quizzes.models import Quiz
from tests.factories import edit_yaml


def _counts():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        AgeBand.objects.count(),
        Strand.objects.count(),
        LearningOutcome.objects.count(),
        HelpContacts.objects.count(),
        ReportingProcedure.objects.count(),
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
    """export_content, wipe the content (the root page too), import_content: exporting again gives identical
    files, and the import's new root page carries the safeguarding review, as Wagtail's own root does."""
    call_command("export_content", str(tmp_path / "a"))
    first = collect_pack()
    Page.get_first_root_node().delete()
    HelpContacts.objects.all().delete()
    ReportingProcedure.objects.all().delete()
    Quiz.objects.all().delete()
    LearningOutcome.objects.all().delete()
    Strand.objects.all().delete()
    AgeBand.objects.all().delete()
    assert not Page.objects.exists()
    assert not Quiz.objects.exists()

    # Wagtail's reference index (the admin's usage counts) is not what this test checks, and a fifth of the import.
    with disable_reference_index_auto_update():
        call_command("import_content", str(tmp_path / "a"))
    assert collect_pack() == first
    assert LessonPage.objects.first().get_workflow().name == WORKFLOW_NAME
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
