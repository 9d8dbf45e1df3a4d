import csv
import io
import json

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from classrooms.models import CODE_ALPHABET, Classroom, Pupil
from classrooms.services import roster
from progress.models import Assignment, LessonProgress


def en_url(name, kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_teacher_creates_a_class_with_a_readable_code(client, teacher, school):
    """A new class belongs to the teacher's school and gets a 6-character code without look-alike characters."""
    client.force_login(teacher)
    response = client.post(reverse("classrooms:classroom_create"), {"school": school.pk, "name": "2B", "grade": 2})
    classroom = Classroom.objects.get(name="2B")
    assert response.url == reverse("classrooms:pupils", kwargs={"pk": classroom.pk})
    assert len(classroom.code) == 6 and set(classroom.code) <= set(CODE_ALPHABET)
    assert list(classroom.teachers.all()) == [teacher]


def test_teacher_cannot_create_a_class_in_another_school(client, teacher, other_school_class):
    """The school list only offers the teacher's own schools; another school's id is refused."""
    client.force_login(teacher)
    response = client.post(
        reverse("classrooms:classroom_create"), {"school": other_school_class.school_id, "name": "X", "grade": 2}
    )
    assert response.status_code == 200 and response.context["form"].errors["school"]
    assert not Classroom.objects.filter(name="X").exists()


def test_pasting_names_adds_pupils_with_passwords(client, teacher, classroom):
    """One pupil per non-empty line, spaces tidied, each with a system-made password and no usable login password."""
    client.force_login(teacher)
    client.post(reverse("classrooms:pupils", kwargs={"pk": classroom.pk}), {"names": "Mia\n\n  Leo   K \nAnna\n"})
    added = Pupil.objects.filter(classroom=classroom, display_name__in=["Mia", "Leo K", "Anna"])
    assert added.count() == 3
    assert all(p.secret.startswith("p:") and not p.user.has_usable_password() for p in added)


def test_duplicate_names_are_refused_with_a_clear_message_and_nothing_is_added(client, teacher, classroom):
    """A name already in the class, or twice in the list, is named in the error and no pupil is added."""
    client.force_login(teacher)
    before = classroom.pupils.count()
    response = client.post(
        reverse("classrooms:pupils", kwargs={"pk": classroom.pk}), {"names": "Zoe\nzoe\nPupil 1\nNew"}
    )
    error = str(response.context["form"].errors["names"])
    assert "zoe" in error and "Pupil 1" in error
    assert classroom.pupils.count() == before


def test_teacher_renames_resets_and_deletes_a_pupil(client, teacher, classroom, pupil, assignment):
    """Rename keeps the login; reset makes a new password; delete removes the pupil, account and progress."""
    client.force_login(teacher)
    client.post(reverse("classrooms:pupil", kwargs={"pk": pupil.pk}), {"name": "Star"})
    pupil.refresh_from_db()
    assert pupil.display_name == "Star"
    old_secret = pupil.secret
    for _ in range(5):
        client.post(reverse("classrooms:pupil_action", kwargs={"pk": pupil.pk, "action": "reset"}))
        pupil.refresh_from_db()
        if pupil.secret != old_secret:
            break
    assert pupil.secret != old_secret
    LessonProgress.objects.create(pupil=pupil, lesson_key=assignment.lesson.translation_key, furthest_step=1)
    user_pk = pupil.user_id
    assert client.get(reverse("classrooms:pupil_delete", kwargs={"pk": pupil.pk})).status_code == 200
    assert Pupil.objects.filter(pk=pupil.pk).exists()  # asking is not deleting
    client.post(reverse("classrooms:pupil_delete", kwargs={"pk": pupil.pk}))
    assert not Pupil.objects.filter(pk=pupil.pk).exists()
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not LessonProgress.objects.filter(pupil_id=pupil.pk).exists()


def test_rename_to_a_classmates_name_is_refused(client, teacher, classroom, pupil):
    """Two pupils of one class never share a name."""
    other = classroom.pupils.exclude(pk=pupil.pk).first()
    client.force_login(teacher)
    response = client.post(reverse("classrooms:pupil", kwargs={"pk": pupil.pk}), {"name": other.display_name})
    assert response.context["form"].errors["name"]


def test_deleting_a_class_removes_everything_attached(client, teacher, classroom, assignment):
    """Pupils, their accounts, progress and assignments go with the class."""
    pupil_users = list(classroom.pupils.values_list("user_id", flat=True))
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_delete", kwargs={"pk": classroom.pk}))
    assert not Classroom.objects.filter(pk=classroom.pk).exists()
    assert not get_user_model().objects.filter(pk__in=pupil_users).exists()
    assert not Assignment.objects.filter(pk=assignment.pk).exists()


def test_new_class_code_stops_the_old_one(client, teacher, classroom):
    """After a new code, the old code no longer finds the class."""
    old = classroom.code
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "code"}))
    classroom.refresh_from_db()
    assert classroom.code != old
    response = client.post(reverse("classrooms:pupil_login"), {"code": old}, follow=True)
    assert response.templates[0].name == "classrooms/pupil_closed.html"


def test_archive_and_purge_after_the_retention_period(teacher, classroom, settings):
    """Archived classes older than CLASSROOM_RETENTION_DAYS are deleted by the command; newer ones stay."""
    from django.core.management import call_command
    from django.utils import timezone

    settings.CLASSROOM_RETENTION_DAYS = 30
    roster.archive_classroom(classroom=classroom)
    call_command("purge_archived_classes", stdout=io.StringIO())
    assert Classroom.objects.filter(pk=classroom.pk).exists()
    Classroom.objects.filter(pk=classroom.pk).update(archived_at=timezone.now() - timezone.timedelta(days=31))
    call_command("purge_archived_classes", stdout=io.StringIO())
    assert not Classroom.objects.filter(pk=classroom.pk).exists()


def test_assign_offers_the_band_of_the_class_in_the_current_language(client, teacher, classroom):
    """A grade-2 class is offered the grades 1–3 lessons only, in the language of the page."""
    client.force_login(teacher)
    rows = client.get(en_url("progress:assign", {"pk": classroom.pk})).context["lesson_rows"]
    assert rows and {row["lesson"].grade for row in rows} <= {1, 2, 3}
    assert {row["lesson"].locale.language_code for row in rows} == {"en"}


def test_assigning_lessons_with_a_due_date_and_note(client, teacher, classroom, grade2_lessons):
    """Checked lessons become assignments with the due date and note; assigning again, once confirmed, updates them."""
    client.force_login(teacher)
    url = en_url("progress:assign", {"pk": classroom.pk})  # grade2_lessons are the English pages
    data = {"lessons": [grade2_lessons[0].pk, grade2_lessons[1].pk], "due_date": "2030-01-31", "note": "Read it"}
    assert client.post(url, data).status_code == 302
    client.post(url, {**data, "note": "Again", "confirm": "1"})
    assignments = Assignment.objects.filter(classroom=classroom)
    assert assignments.count() == 2 and {a.note for a in assignments} == {"Again"}


def test_assign_refuses_a_lesson_outside_the_list_without_a_500(client, teacher, classroom, en):
    """A lesson id outside the class's band (or made up) is a form error, not a crash or a half-write."""
    from lessons.models import LessonPage

    grade9 = LessonPage.objects.filter(locale=en, grade=9).first()
    client.force_login(teacher)
    response = client.post(
        reverse("progress:assign", kwargs={"pk": classroom.pk}), {"lessons": [grade9.pk, 999999], "due_date": "x"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Assignment.objects.filter(classroom=classroom).exists()


def test_csv_export_neutralises_formulas(client, teacher, classroom, assignment):
    """Names starting with = + - @ are written so that a spreadsheet does not run them."""
    roster.add_pupils(classroom=classroom, names=["=HYPERLINK(1)", "+1", "-2", "@x"])
    client.force_login(teacher)
    response = client.get(reverse("progress:class_export", kwargs={"pk": classroom.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in names and "'+1" in names and "'-2" in names and "'@x" in names
    assert all(name[:1] not in "=+-@" for name in names)
    assert len(rows[0]) == 3  # pupil, then status and quiz score of the one assigned lesson


def test_pupil_export_holds_only_that_pupils_data(client, teacher, classroom, pupil, assignment):
    """The JSON export has the pupil's name, class and progress, and no other pupil."""
    LessonProgress.objects.create(pupil=pupil, lesson_key=assignment.lesson.translation_key, furthest_step=3)
    client.force_login(teacher)
    data = json.loads(client.get(reverse("progress:pupil_export", kwargs={"pk": pupil.pk})).content)
    assert data["name"] == pupil.display_name and data["class"] == classroom.name
    assert data["lessons"][0]["furthest_step"] == 3
    others = classroom.pupils.exclude(pk=pupil.pk).values_list("display_name", flat=True)
    assert all(name not in json.dumps(data) for name in others)


def test_views_and_exports_are_in_the_audit_log_for_the_school_admin(client, teacher, school_admin, classroom, pupil):
    """Viewing the grid and exporting are logged with who did it; the school admin's page lists them."""
    client.force_login(teacher)
    client.get(reverse("progress:class_progress", kwargs={"pk": classroom.pk}))
    client.get(reverse("progress:pupil_export", kwargs={"pk": pupil.pk}))
    actions = set(ModelLogEntry.objects.filter(user=teacher).values_list("action", flat=True))
    assert {"classrooms.view_progress", "classrooms.export_pupil"} <= actions
    client.force_login(school_admin)
    log = client.get(reverse("classrooms:school", kwargs={"pk": classroom.school_id})).context["log"]
    assert {entry.user for entry in log if entry.action != "classrooms.sign_in"} == {teacher}


def test_login_cards_show_each_pupils_password(client, teacher, classroom, word_classroom):
    """Cards carry the name, class code and the picture or word password of every pupil."""
    client.force_login(teacher)
    html = client.get(en_url("classrooms:login_cards", {"pk": classroom.pk})).content.decode()
    for pupil in classroom.pupils.all():
        assert pupil.display_name in html
        assert all(f"pictures/{key}.svg" in html for key in pupil.picture_keys)
    assert html.count(classroom.code) >= classroom.pupils.count()
    html = client.get(en_url("classrooms:login_cards", {"pk": word_classroom.pk})).content.decode()
    for pupil in word_classroom.pupils.all():
        assert all(word in html for word in pupil.words("en"))


def test_screens_work_in_both_languages(client, teacher, classroom, assignment):
    """The teacher's grid and the class code form are translated into Chinese."""
    client.force_login(teacher)
    zh = client.get(f"/zh-hans/teach/classes/{classroom.pk}/").content.decode()
    en = client.get(f"/en/teach/classes/{classroom.pk}/").content.decode()
    assert "Progress of" in en and "Progress of" not in zh


def test_new_class_form_asks_for_the_grade_in_the_teachers_language(client, teacher, school):
    """The grade menu of "create a class" starts with a translated prompt, not Django's English "Select an option"."""
    client.force_login(teacher)
    zh = client.get("/zh-hans/teach/").content.decode()
    en = client.get("/en/teach/").content.decode()
    assert "Select an option" not in zh and "请选择年级" in zh
    assert "Choose a grade" in en


def test_other_menus_have_a_chinese_empty_choice(client, teacher, school):
    """Menus left to Django's default empty choice (the concern form's pupil) read "请选择" in Chinese."""
    client.force_login(teacher)
    zh = client.get("/zh-hans/teach/safeguarding/new/").content.decode()
    assert "Select an option" not in zh and "- 请选择 -" in zh
