"""The Wagtail admin groups and the safeguarding review: editors write, safeguarding reviewers approve.

Superuser is for the site operator. An editor cannot see or change users and groups (so cannot reset a
teacher's password) and, holding no permission on classroom models, reads none of the classroom access
record in Wagtail's site history. Teachers and school admins are in neither group and have no admin access.

Nothing children or parents read goes live on an editor's word: editors may add and change pages and the
reviewed snippets but not publish (or delete) them; they submit to the safeguarding review, a Wagtail
workflow with one group-approval task for "Safeguarding reviewers", assigned to the root page (so every
page inherits it) and to the reviewed snippets' content types. Approving publishes as the reviewer, and
Wagtail checks the approver's publish permission, so reviewers hold it (and could publish directly: they
are the approval authority). The operator (superuser) and the content-pack import (the operator's
command) publish directly."""

from django.apps import apps as global_apps
from django.db import transaction

from .workflow_names import OLD_NAMES, TASK_NAME, WORKFLOW_NAME

EDITORS = "Editors"
REVIEWERS = "Safeguarding reviewers"
# Content the editors manage (snippets, quizzes, help contacts); pages are governed by page permissions.
CONTENT_APPS = ["core", "curriculum", "quizzes", "parents", "lessons"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
# Approving publishes as the reviewer, and Wagtail checks the approver's publish permission.
REVIEWER_PAGE_PERMISSIONS = ["change_page", "publish_page", "lock_page", "unlock_page"]
# Snippets children, parents or teachers read, under the safeguarding review (app label, model name).
REVIEWED_SNIPPETS = [("core", "helpcontacts"), ("core", "reportingprocedure"), ("quizzes", "quiz")]
# What an editor may not do to a reviewed snippet: it would change what the site shows without a review.
EDITOR_WITHHELD_ACTIONS = ["publish", "delete"]
# What a reviewer needs to open, compare, lock and approve a reviewed snippet (approving publishes it).
REVIEWER_SNIPPET_ACTIONS = ["change", "view", "publish", "lock", "unlock"]
# Workflow and task names are stored once, in English, and read in the editor's language (workflow_names).
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"  # made by Wagtail's own migrations; ours replaces it


def _reviewed(Permission, actions):
    """The permissions `actions` (e.g. "publish") on every reviewed snippet."""
    codenames = {f"{action}_{model}" for action in actions for _app, model in REVIEWED_SNIPPETS}
    apps_labels = {app for app, _model in REVIEWED_SNIPPETS}
    return Permission.objects.filter(content_type__app_label__in=apps_labels, codename__in=codenames)


def _permissions(Permission, app_label, codenames=None):
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    return permissions.filter(codename__in=codenames) if codenames is not None else permissions


@transaction.atomic
def ensure_admin_groups(apps=global_apps, app_config=None, **kwargs):
    """Create (or complete) the Editors and Safeguarding reviewers groups; safe to run again.

    As a post_migrate receiver it acts once, for the last app with models (apps without models get no
    signal), when every permission exists. Wagtail's own migrations already made an "Editors" group."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and app_config is not with_models[-1]:
        return
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        Page = apps.get_model("wagtailcore", "Page")
        Collection = apps.get_model("wagtailcore", "Collection")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    except LookupError:
        return
    access_admin = _permissions(Permission, "wagtailadmin", ["access_admin"])
    roots = list(Page.objects.filter(depth=1))
    root_collection = Collection.objects.filter(depth=1).first()
    withheld = _reviewed(Permission, EDITOR_WITHHELD_ACTIONS)
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(pk__in=withheld.values("pk"))
    media = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"],
        codename__in=[
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ],
    )
    plan = {
        EDITORS: (list(access_admin) + list(content), EDITOR_PAGE_PERMISSIONS, media),
        REVIEWERS: (
            list(access_admin) + list(_reviewed(Permission, REVIEWER_SNIPPET_ACTIONS)),
            REVIEWER_PAGE_PERMISSIONS,
            media.filter(codename__startswith="choose_"),
        ),
    }
    for name, (model_permissions, page_codenames, media_permissions) in plan.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*model_permissions)
        for permission in _permissions(Permission, "wagtailcore", page_codenames):
            for root in roots:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        if root_collection is not None:
            for permission in media_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    # Editors publish nothing themselves, also where an older version of this setup let them.
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.remove(*withheld)
    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()
    ensure_review_workflow(apps, reviewers=Group.objects.get(name=REVIEWERS), roots=roots)


def ensure_review_workflow(apps, *, reviewers, roots):
    """The safeguarding review: one workflow, one group-approval task for the reviewers, on the root pages and
    the reviewed snippets. An assignment the operator chose (any workflow but Wagtail's default) is kept."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in OLD_NAMES.items():  # stored bilingual by an earlier version: one name, translated when shown
        model = Workflow if new == WORKFLOW_NAME else Task
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    def ours_to_set(assignment):
        return assignment is None or assignment.workflow.name == WAGTAIL_DEFAULT_WORKFLOW

    for root in roots:
        if ours_to_set(WorkflowPage.objects.filter(page=root).select_related("workflow").first()):
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for app_label, model in REVIEWED_SNIPPETS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        assigned = WorkflowContentType.objects.filter(content_type=content_type).select_related("workflow").first()
        if ours_to_set(assigned):
            WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
