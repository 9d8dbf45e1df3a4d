"""The safeguarding review: an editor's change to anything children, parents or teachers read is live only once
a safeguarding reviewer approves it (accounts/groups.py)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, Task, Workflow, WorkflowContentType, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from accounts.groups import EDITORS, REVIEWERS, WORKFLOW_NAME, ensure_admin_groups
from core.models import HelpContacts, ReportingProcedure
from parents.models import ParentGuidePage
from quizzes.models import Quiz
from tests.factories import LessonPageFactory, UserFactory

NEW_STEP_TEXT = "REVIEWED-STEP-TEXT: tell a trusted adult."
NEW_HELPLINE = "REVIEWED-HELPLINE-NAME"
NEW_QUESTION = "REVIEWED-QUESTION: who can you tell?"


@pytest.fixture
def cms_editor(db):
    """A member of Editors: writes and submits, never publishes."""
    return UserFactory(groups=[EDITORS], email="cms@example.com")


@pytest.fixture
def reviewer(db):
    """A member of Safeguarding reviewers: approves."""
    return UserFactory(groups=[REVIEWERS], email="reviewer@example.com")


@pytest.fixture
def lesson(band_page_en):
    """A published lesson with a step of every kind (text, story, choice, discussion, activity, key message, help)."""
    return LessonPageFactory(parent=band_page_en, step_count=7)


def _edit_first_step(lesson, text):
    """The lesson's latest version with step 1's body replaced, block ids kept (what an editor's save makes)."""
    draft = lesson.get_latest_revision_as_object()
    steps = list(draft.steps.raw_data)
    steps[0] = {**steps[0], "value": {**steps[0]["value"], "body": f"<p>{text}</p>"}}
    draft.steps = steps
    return draft


def _submit(obj, user):
    """What the editor's "Submit to safeguarding review" does: save a revision and start the object's workflow."""
    obj.save_revision(user=user)
    return obj.get_workflow().start(obj, user)


def _approve(client, reviewer, obj, url_name):
    """The reviewer presses Approve in the admin."""
    state = WorkflowState.objects.for_instance(obj).get(status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(reviewer)
    url = reverse(url_name, args=(obj.pk, "approve", state.current_task_state.pk))
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    client.logout()


def _help_contacts_form(contacts, name, action):
    """The help-contacts edit form as the admin posts it, with the first contact renamed."""
    items = [
        ("contact", {**item["value"], "url": item["value"].get("url") or ""}) for item in contacts.contacts.raw_data
    ]
    items[0] = ("contact", {**items[0][1], "name": name})
    return nested_form_data({"contacts": streamfield(items)}) | {action: "1"}


def test_every_page_and_reviewed_snippet_is_under_the_safeguarding_review(lesson, en):
    """Lessons and guides inherit the workflow from the root page; quizzes, help contacts and the reporting
    procedure have it through their content types; its one task belongs to the reviewers."""
    guide = ParentGuidePage.objects.filter(locale=en).first()
    for page in (lesson, guide, Page.objects.get(depth=1)):
        assert page.get_workflow().name == WORKFLOW_NAME
    for model in (Quiz, HelpContacts, ReportingProcedure):
        workflow = WorkflowContentType.objects.get(content_type=ContentType.objects.get_for_model(model)).workflow
        assert workflow.name == WORKFLOW_NAME
        assert model.get_default_workflow() == workflow
    task = lesson.get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWERS]


def test_lesson_edit_is_not_live_until_a_reviewer_approves(client, cms_editor, reviewer, lesson):
    """The editor submits a step edit: the live step keeps the old text; after the reviewer approves, the new."""
    _submit(_edit_first_step(lesson, NEW_STEP_TEXT), cms_editor)
    step = client.get(f"{lesson.url}step/1/").content.decode()
    assert NEW_STEP_TEXT not in step
    assert "Heading" in step  # the old step is still there
    _approve(client, reviewer, lesson, "wagtailadmin_pages:workflow_action")
    assert NEW_STEP_TEXT in client.get(f"{lesson.url}step/1/").content.decode()


def test_editor_is_offered_submit_and_not_publish(client, cms_editor, lesson):
    """An editor's page editor has "Submit to …" and no Publish; Wagtail's permission tester agrees."""
    permissions = lesson.permissions_for_user(cms_editor)
    assert permissions.can_edit() and permissions.can_submit_for_moderation()
    assert not permissions.can_publish()
    client.force_login(cms_editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,))).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    client.force_login(UserFactory(is_superuser=True, email="operator@example.com"))
    assert 'name="action-publish"' in client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,))).content.decode()


def test_editor_cannot_publish_help_contacts_directly(client, cms_editor, en, lesson):
    """Pressing Publish on the help contacts as an editor saves a draft at most: the pupil step is unchanged."""
    contacts = HelpContacts.objects.get(locale=en)
    revisions_before = contacts.revisions.count()
    client.force_login(cms_editor)
    url = reverse("wagtailsnippets_core_helpcontacts:edit", args=(contacts.pk,))
    assert 'name="action-publish"' not in client.get(url).content.decode()
    client.post(url, _help_contacts_form(contacts, NEW_HELPLINE, "action-publish"))
    contacts.refresh_from_db()
    assert contacts.revisions.count() == revisions_before + 1  # the form was accepted, as a draft
    assert NEW_HELPLINE not in contacts.contacts.raw_data[0]["value"]["name"]
    client.logout()
    assert NEW_HELPLINE not in client.get(f"{lesson.url}step/1/").content.decode()


def test_help_contacts_change_is_not_shown_until_approved(client, cms_editor, reviewer, en, lesson):
    """The editor submits new help contacts in the admin: pupils see the old ones until the reviewer approves."""
    contacts = HelpContacts.objects.get(locale=en)
    client.force_login(cms_editor)
    url = reverse("wagtailsnippets_core_helpcontacts:edit", args=(contacts.pk,))
    response = client.post(url, _help_contacts_form(contacts, NEW_HELPLINE, "action-submit"))
    assert response.status_code == 302
    assert contacts.workflow_in_progress
    client.logout()
    for path in (f"{lesson.url}step/1/", "/en/"):
        assert NEW_HELPLINE not in client.get(path, follow=True).content.decode()
    _approve(client, reviewer, contacts, "wagtailsnippets_core_helpcontacts:workflow_action")
    assert NEW_HELPLINE in client.get(f"{lesson.url}step/1/").content.decode()


def test_quiz_edit_is_not_live_until_approved(client, cms_editor, reviewer, lesson_en):
    """An edited question reaches the pupil's quiz only after the reviewer approves it."""
    quiz = lesson_en.quiz
    draft = quiz.get_latest_revision_as_object()
    first = draft.questions.all()[0]
    first.text = NEW_QUESTION
    draft.questions = [first, *draft.questions.all()[1:]]
    _submit(draft, cms_editor)
    question = client.get(f"{lesson_en.url}quiz/start/", follow=True).content.decode()
    assert NEW_QUESTION not in question
    _approve(client, reviewer, quiz, "wagtailsnippets_quizzes_quiz:workflow_action")
    assert NEW_QUESTION in client.get(f"{lesson_en.url}quiz/start/", follow=True).content.decode()


def test_reporting_procedure_change_is_not_shown_until_approved(client, cms_editor, reviewer, teacher, en, lesson):
    """The teacher's whole-lesson plan shows the live reporting procedure until the reviewer approves the new."""
    procedure = ReportingProcedure.objects.get(locale=en)
    draft = procedure.get_latest_revision_as_object()
    draft.title = "REVIEWED-PROCEDURE-TITLE"
    _submit(draft, cms_editor)
    client.force_login(teacher)
    assert "REVIEWED-PROCEDURE-TITLE" not in client.get(f"{lesson.url}plan/").content.decode()
    _approve(client, reviewer, procedure, "wagtailsnippets_core_reportingprocedure:workflow_action")
    client.force_login(teacher)
    assert "REVIEWED-PROCEDURE-TITLE" in client.get(f"{lesson.url}plan/").content.decode()


def test_reviewer_sees_the_lesson_edit_against_the_live_version(client, cms_editor, reviewer, lesson):
    """Wagtail's compare view shows the reviewer the live step text and the submitted one, step by step."""
    _submit(_edit_first_step(lesson, NEW_STEP_TEXT), cms_editor)
    lesson.refresh_from_db()
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:revisions_compare", args=(lesson.pk, "live", lesson.latest_revision.pk))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="deletion">Some text.</span>' in html
    assert f'<span class="addition">{NEW_STEP_TEXT}</span>' in html
    assert "Secrets like this should be told." in html  # the unchanged choice step is shown too
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()  # "Awaiting your review" links to it
    assert url in dashboard


@pytest.mark.parametrize("model", [HelpContacts, Quiz])
def test_reviewer_sees_a_snippet_edit_against_the_live_version(client, cms_editor, reviewer, en, model):
    """The reviewer's compare view of help contacts and of a quiz's question marks the live text as removed and
    the submitted text as added."""
    obj = model.objects.filter(locale=en).first()
    draft = obj.get_latest_revision_as_object()
    if model is HelpContacts:
        items = list(draft.contacts.raw_data)  # block ids kept, as the editor's form keeps them
        old, new = items[0]["value"]["name"], NEW_HELPLINE
        items[0] = {**items[0], "value": {**items[0]["value"], "name": new}}
        draft.contacts = items
    else:  # a question's text, inside the quiz's questions and choices
        first = draft.questions.all()[0]
        old, new = first.text, NEW_QUESTION
        first.text = new
        draft.questions = [first, *draft.questions.all()[1:]]
    _submit(draft, cms_editor)
    obj.refresh_from_db()
    client.force_login(reviewer)
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:revisions_compare"
    response = client.get(reverse(name, args=(obj.pk, "live", obj.latest_revision.pk)))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="deletion">{old}</span>' in html
    assert f'<span class="addition">{new}</span>' in html


def test_reporting_procedure_preview_shows_the_draft(client, reviewer, cms_editor, en):
    """The reviewer can preview a submitted reporting procedure: the draft text, framable by the admin only."""
    procedure = ReportingProcedure.objects.get(locale=en)
    draft = procedure.get_latest_revision_as_object()
    draft.title = "REVIEWED-PROCEDURE-TITLE"
    _submit(draft, cms_editor)
    procedure.refresh_from_db()
    client.force_login(reviewer)
    url = reverse(
        "wagtailsnippets_core_reportingprocedure:revisions_view", args=(procedure.pk, procedure.latest_revision_id)
    )
    response = client.get(url)
    assert "REVIEWED-PROCEDURE-TITLE" in response.content.decode()
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("language", "submit", "history", "other"),
    [
        ("zh-hans", "提交给 学生保护审核", "“学生保护审核”已启动，下一步是“审核员批准”", "Safeguarding review"),
        ("en", "Submit to Safeguarding review", "'Safeguarding review' started. Next step 'Reviewer approval'", "学生"),
    ],
)
def test_the_workflow_reads_in_the_editors_language(client, cms_editor, lesson, language, submit, history, other):
    """The workflow and its task are stored under one (English) name and read in the editor's language: on the
    edit screen's submit button and in the history entry of a submitted lesson, never in both languages at once."""
    profile = UserProfile.get_for_user(cms_editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(cms_editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,))).content.decode()
    assert submit in edit and other not in edit
    _submit(_edit_first_step(lesson, NEW_STEP_TEXT), cms_editor)
    entry = PageLogEntry.objects.get(page=lesson, action="wagtail.workflow.start")  # what the history shows
    with translation.override(language):
        assert entry.message == history
    assert Workflow.objects.get(workflow_pages__page__depth=1).__dict__["name"] == "Safeguarding review"


def test_migrate_renames_the_bilingual_workflow_of_an_earlier_version(db):
    """A database set up with the bilingual names gets the one-name workflow and task after migrate, not a
    second workflow."""
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    Workflow.objects.filter(pk=workflow.pk).update(name="学生保护审核 · Safeguarding review")
    Task.objects.filter(name="Reviewer approval").update(name="审核员批准 · Reviewer approval")
    ensure_admin_groups()
    assert list(Workflow.objects.filter(name__contains="Safeguarding").values_list("pk", "name")) == [
        (workflow.pk, "Safeguarding review")
    ]
    assert list(Task.objects.filter(name__contains="Reviewer").values_list("name", flat=True)) == ["Reviewer approval"]
