"""The editors' panel on the admin dashboard: what waits for review, what is out of date in the other language and
what changed this week. Each list is bounded and costs the same queries whatever its length."""

from datetime import timedelta

from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, Revision, WorkflowState

from .models import TranslationStatus

LIMIT = 10


def edit_url(base_content_type, content_type, object_id):
    """The admin edit screen of a page or snippet, from its content types and id, without loading it."""
    if base_content_type.model_class() is Page:
        return reverse("wagtailadmin_pages:edit", args=[object_id])
    try:
        return reverse(f"wagtailsnippets_{content_type.app_label}_{content_type.model}:edit", args=[object_id])
    except NoReverseMatch:
        return None


def waiting_for_review(limit=LIMIT):
    """Items in a workflow that is in progress, oldest submission first, with the task they wait on."""
    states = (
        WorkflowState.objects.active()
        .select_related(
            "base_content_type",
            "content_type",
            "requested_by",
            "current_task_state__task",
            "current_task_state__revision",
        )
        .order_by("created_at")[:limit]
    )
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    return [
        {
            "title": state.current_task_state.revision.object_str if state.current_task_state else state.object_id,
            "url": edit_url(state.base_content_type, state.content_type, state.object_id),
            "task": state.current_task_state.task.name if state.current_task_state else "",
            "by": state.requested_by,
            "since": state.created_at,
            "just_now": state.created_at > a_minute_ago,  # "0 minutes ago" reads oddly
        }
        for state in states
    ]


def out_of_date(limit=LIMIT):
    """Items behind their other language, longest behind first; their titles from one query per kind of item."""
    statuses = list(
        TranslationStatus.objects.select_related("content_type", "locale", "changed_in").order_by("out_of_date_since")[
            :limit
        ]
    )
    items = {}
    for content_type_id in {status.content_type_id for status in statuses}:
        rows = [status for status in statuses if status.content_type_id == content_type_id]
        model = rows[0].content_type.model_class()
        found = model._default_manager.filter(translation_key__in={status.translation_key for status in rows})
        items.update({(content_type_id, obj.translation_key, obj.locale_id): obj for obj in found})
    rows = []
    for status in statuses:
        obj = items.get((status.content_type_id, status.translation_key, status.locale_id))
        if obj is None:
            continue
        rows.append(
            {
                "title": str(obj),
                "url": reverse("core_translations:compare", args=(status.content_type_id, obj.pk)),
                "language": status.locale.get_display_name(),
                "changed_in": status.changed_in.get_display_name(),
                "since": status.out_of_date_since,
            }
        )
    return rows


def _saved_locale_id():
    """The locale id a revision's content was saved with (translatable pages and snippets store "locale")."""
    return Cast(KeyTextTransform("locale", OuterRef("content")), IntegerField())


def _language_name(language_code):
    """The language's display name, as the out-of-date list shows it ("English", "简体中文"), without a query."""
    return Locale(language_code=language_code).get_display_name() if language_code else ""


def changed_this_week(limit=LIMIT):
    """The pages and snippets changed in the last seven days, one row each with its newest revision (drafts and
    published alike), newest first, with its language (from the revision's saved locale; none for an item that
    has no language), in one query."""
    newest = (
        Revision.objects.filter(base_content_type=OuterRef("base_content_type"), object_id=OuterRef("object_id"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    revisions = (
        Revision.objects.filter(created_at__gte=timezone.now() - timedelta(days=7), pk=Subquery(newest))
        .select_related("user", "base_content_type", "content_type")
        .annotate(language_code=Subquery(Locale.objects.filter(pk=_saved_locale_id()).values("language_code")[:1]))
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        {
            "title": revision.object_str,
            "url": edit_url(revision.base_content_type, revision.content_type, revision.object_id),
            "by": revision.user,
            "when": revision.created_at,
            "language": _language_name(revision.language_code),
        }
        for revision in revisions
    ]


class EditorsPanel(Component):
    name = "editors_overview"
    template_name = "core/editors_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "waiting": waiting_for_review(),
            "out_of_date": out_of_date(),
            "changed": changed_this_week(),
            "limit": LIMIT,
            "heading": _("Editors' overview"),
        }
