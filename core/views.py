"""Admin views of translations: a page or snippet beside its other language, read-only, and "mark up to date"."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page, RevisionMixin, TranslatableMixin

from .models import TranslationStatus
from .side_by_side import readable
from .translations import mark_up_to_date


def _item(request, content_type_id, pk):
    """The page or snippet, specific, if the user may edit it; 404 for anything else."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not issubclass(model, TranslatableMixin):
        raise Http404
    obj = get_object_or_404(model.objects.all(), pk=pk)
    if isinstance(obj, Page):
        obj = obj.specific
        if not obj.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
    elif not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        raise PermissionDenied
    return obj


def _latest(obj):
    """What an editor last saved: the latest revision (a draft included), else the item as stored."""
    if isinstance(obj, RevisionMixin) and obj.latest_revision_id:
        return obj.get_latest_revision_as_object()
    return obj


def _edit_handler(obj, request):
    handler = obj.get_edit_handler() if isinstance(obj, Page) else get_edit_handler(type(obj))
    return handler.get_bound_panel(instance=obj, request=request, form=None)


def _column(comparison_class, obj):
    """One field of one language, read-only: the item compared with itself (no changes), rendered by
    `core.side_by_side` the same way whoever wrote it (the content pack or an editor)."""
    return readable(comparison_class(obj, obj))


def compare_translations(request, content_type_id, pk):
    """The item and its other language side by side, field by field and block by block, with their status."""
    obj = _item(request, content_type_id, pk)
    others = list(obj.get_translations().select_related("locale").order_by("locale__language_code"))
    if not others:
        raise Http404
    other = others[0].specific if isinstance(others[0], Page) else others[0]
    left, right = _latest(obj), _latest(other)
    rows = [
        {
            "name": comparison(left, left).field.name,
            "label": comparison(left, left).field_label(),
            "left": _column(comparison, left),
            "right": _column(comparison, right),
        }
        for comparison in _edit_handler(obj, request).get_comparison()
    ]
    finder = AdminURLFinder(request.user)
    context = {
        "object": obj,
        "other": other,
        "rows": rows,
        "columns": [
            {
                "item": item,
                "edit_url": finder.get_edit_url(item),
                "status": TranslationStatus.objects.status_of(item),
                "mark_url": mark_up_to_date_url(item),
            }
            for item in (obj, other)
        ],
        "page_title": _("Side by side"),
    }
    return TemplateResponse(request, "core/translation_compare.html", context)


@require_POST
def mark_translation_up_to_date(request, content_type_id, pk):
    """The editor decides this language needs no change for the other language's latest edit."""
    obj = _item(request, content_type_id, pk)
    mark_up_to_date(instance=obj)
    messages.success(request, _("Marked as up to date."))
    return redirect(compare_url(obj))


def compare_url(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("core_translations:compare", args=(content_type.pk, obj.pk))


def mark_up_to_date_url(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("core_translations:mark_up_to_date", args=(content_type.pk, obj.pk))
