"""The Wagtail admin groups: editors and safeguarding reviewers get content permissions only.

Superuser is for the site operator. An editor cannot see or change users and groups (so cannot reset a
teacher's password) and, holding no permission on classroom models, reads none of the classroom access
record in Wagtail's site history. Teachers and school admins are in neither group and have no admin access."""

from django.apps import apps as global_apps
from django.db import transaction

EDITORS = "Editors"
REVIEWERS = "Safeguarding reviewers"
# Content the editors manage (snippets, quizzes, help contacts); pages are governed by page permissions.
CONTENT_APPS = ["core", "curriculum", "quizzes", "parents", "lessons"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
REVIEWER_PAGE_PERMISSIONS = ["change_page", "lock_page", "unlock_page"]


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
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
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
        REVIEWERS: (list(access_admin), REVIEWER_PAGE_PERMISSIONS, media.filter(codename__startswith="choose_")),
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
