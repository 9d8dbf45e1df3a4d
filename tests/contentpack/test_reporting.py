"""The reporting procedure: one snippet per language from reporting.yaml, shown only in teachers' lesson plans."""

import pytest

from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack
from core.models import ReportingProcedure
from tests.factories import ClassroomFactory, SchoolFactory, UserFactory, edit_yaml


def _procedure(language):
    return ReportingProcedure.objects.get(locale__language_code=language)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_teachers_plan_shows_the_reporting_procedure(client, teacher, language):
    """The whole-lesson plan a teacher opens carries the procedure of the lesson's language, title and body."""
    from lessons.models import LessonPage

    lesson = LessonPage.objects.filter(locale__language_code=language).first()
    procedure = _procedure(language)
    client.force_login(teacher)
    html = client.get(lesson.url + "plan/").content.decode()
    assert procedure.title in html
    assert procedure.body.split("</p>")[0].removeprefix("<p>") in html


def test_chinese_procedure_names_110_and_mandatory_reporting(db):
    """The imported Chinese procedure says 110, 立即, 强制报告 and 学生保护专员."""
    body = _procedure("zh-hans").body
    assert all(word in body for word in ("110", "立即", "强制报告", "学生保护专员"))


def test_anonymous_visitors_and_pupils_never_see_the_procedure(client, lesson_en):
    """The plan for anonymous visitors and pupils, and every step page, has no reporting procedure."""
    title = _procedure("en").title
    urls = [lesson_en.url + "plan/", lesson_en.url] + [
        lesson_en.url + f"step/{number}/" for number in range(1, len(lesson_en.steps) + 1)
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert title not in response.content.decode(), url
    pupil = ClassroomFactory(school=SchoolFactory(), pupils=1).pupils.get().user
    client.force_login(pupil)
    assert title not in client.get(lesson_en.url + "plan/").content.decode()
    assert title not in client.get(lesson_en.url + "step/1/").content.decode()


def test_teachers_step_pages_do_not_show_the_procedure(client, teacher, lesson_en):
    """The procedure belongs to the plan's teacher notes, not to the pupil-facing step pages."""
    client.force_login(teacher)
    assert _procedure("en").title not in client.get(lesson_en.url + "step/1/").content.decode()


def test_importing_again_leaves_the_procedure_untouched_and_restores_an_edit(db):
    """A second import counts the procedure unchanged; an editor's change is put back by the next import."""
    procedure = _procedure("en")
    original = procedure.body
    procedure.body = "<p>Edited</p>"
    procedure.save()
    counts = import_pack(load_pack())
    assert counts["updated"] == 1
    assert _procedure("en").body == original
    assert import_pack(load_pack())["updated"] == 0


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda data: data.pop("en"), "has no en text"),
        (lambda data: data.pop("zh-hans"), "has no zh-hans text"),
        (lambda data: data["en"].pop("body"), "[en]: is missing body"),
        (lambda data: data["zh-hans"].update(title=""), "[zh-hans]: is missing title"),
    ],
)
def test_incomplete_reporting_file_is_refused_naming_the_file(pack_copy, change, problem):
    """A reporting.yaml without both languages, each with a title and a body, is a PackError naming the file."""
    edit_yaml(pack_copy / "reporting.yaml", change)
    with pytest.raises(PackError) as error:
        load_pack(pack_copy)
    assert "reporting.yaml" in str(error.value)
    assert problem in str(error.value)


def test_plan_reads_the_procedure_in_one_query(client, teacher, lesson_en):
    """A teacher's plan reads the procedure in one query, whatever the lesson's size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(teacher)
    client.get(lesson_en.url + "plan/")
    with CaptureQueriesContext(connection) as captured:
        client.get(lesson_en.url + "plan/")
    assert sum("core_reportingprocedure" in query["sql"] for query in captured.captured_queries) == 1


def test_a_user_without_the_permission_sees_no_procedure(client, lesson_en):
    """Signing in is not enough: the teacher-notes permission is needed for the procedure too."""
    client.force_login(UserFactory())
    assert _procedure("en").title not in client.get(lesson_en.url + "plan/").content.decode()
