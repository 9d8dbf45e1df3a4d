"""Which language of a page or snippet is out of date, kept as its languages are published or saved.

When one language of an item changes (a page or a snippet with drafts is published; a snippet without drafts is
saved), every other language of the item is marked out of date since then (`TranslationStatus`). Publishing or
saving that other language clears its mark, and, because it was catching up, does not mark the first language in
turn. A new translation (its first publication or save) marks nothing. The content pack writes every language of an
item from one file, so inside `writing_every_language()` a write only clears its own mark.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.signals import published

from .models import TranslationStatus

_every_language = ContextVar("writing_every_language", default=False)


@contextmanager
def writing_every_language():
    """Writes inside this block update every language at once (the content pack): nothing is left out of date."""
    token = _every_language.set(True)
    try:
        yield
    finally:
        _every_language.reset(token)


def _content_type(obj):
    return ContentType.objects.get_for_model(obj.get_translation_model())


@transaction.atomic
def record_change(*, instance, created=False, user=None, revision=None, when=None):
    """`instance` changed in its language: clear its own mark, and mark its other languages out of date unless it
    is new, was catching up itself, or the content pack writes every language."""
    content_type = _content_type(instance)
    own = TranslationStatus.objects.filter(
        content_type=content_type, translation_key=instance.translation_key, locale_id=instance.locale_id
    )
    was_behind = own.delete()[0] > 0
    if was_behind or created or _every_language.get():
        return
    when = when or timezone.now()
    others = (
        instance.get_translation_model()
        .objects.filter(translation_key=instance.translation_key)
        .exclude(locale_id=instance.locale_id)
        .values_list("locale_id", flat=True)
    )
    for locale_id in others:
        status, new = TranslationStatus.objects.get_or_create(
            content_type=content_type,
            translation_key=instance.translation_key,
            locale_id=locale_id,
            defaults={
                "out_of_date_since": when,
                "changed_in_id": instance.locale_id,
                "changed_at": when,
                "changed_by": user,
                "source_revision": revision,
            },
        )
        if not new:  # still behind since the first change; remember the latest one
            status.changed_in_id, status.changed_at, status.changed_by = instance.locale_id, when, user
            status.source_revision = revision
            status.save(update_fields=["changed_in", "changed_at", "changed_by", "source_revision"])


def mark_up_to_date(*, instance):
    """An editor says this language needs no change after all (say, the other language's typo was fixed)."""
    TranslationStatus.objects.filter(
        content_type=_content_type(instance), translation_key=instance.translation_key, locale_id=instance.locale_id
    ).delete()


def mark_all_up_to_date(objs):
    """Every language of these items is as written (the content pack wrote them all): clear their marks, one query
    per kind of item."""
    keys = {}
    for obj in objs:
        keys.setdefault(obj.get_translation_model(), set()).add(obj.translation_key)
    for model, translation_keys in keys.items():
        TranslationStatus.objects.filter(
            content_type=ContentType.objects.get_for_model(model), translation_key__in=translation_keys
        ).delete()


def with_translation_status(queryset):
    """The queryset with `out_of_date_since` on every item (None when up to date), in the same query."""
    model = queryset.model
    translation_model = model.get_translation_model()
    status = TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(translation_model),
        translation_key=OuterRef("translation_key"),
        locale_id=OuterRef("locale_id"),
    )
    return queryset.annotate(out_of_date_since=Subquery(status.values("out_of_date_since")[:1]))


def on_published(sender, instance, revision=None, **kwargs):
    """A page or a snippet with drafts went live (an editor's publish, an approved workflow, a scheduled go-live)."""
    if not isinstance(instance, TranslatableMixin):
        return
    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    user = getattr(revision, "user", None)
    record_change(instance=instance, created=first, user=user, revision=revision)


def on_saved(sender, instance, created, raw=False, **kwargs):
    """A translatable snippet without drafts (strands, outcomes, bands, the reporting procedure) was saved."""
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, (Page, DraftStateMixin)):
        return
    record_change(instance=instance, created=created)


def connect():
    published.connect(on_published, dispatch_uid="core.translation_status_published")
    post_save.connect(on_saved, dispatch_uid="core.translation_status_saved")
