"""What every part of the pack importer shares: stable translation keys, stream checks, create-or-update."""

import uuid
from collections import Counter

from django.core.exceptions import ValidationError
from wagtail.models import Locale

from .reader import LOCALES, PackError

NAMESPACE = uuid.UUID("5a0e9a52-3c1b-4d8e-9f0a-6b2f1c7d8e90")


def translation_key(kind, key):
    """The same key for every language version of one item, stable across imports and databases.

    Items made in the admin rather than from a pack are exported with their translation key as their pack key.
    """
    try:
        return uuid.UUID(str(key))
    except ValueError:
        return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def _strip_ids(data):
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    return data


def _canonical(block, value):
    """A stream's content without its block ids, so that equal content compares equal."""
    if isinstance(value, list):
        value = block.to_python(value)
    return _strip_ids(block.get_prep_value(value))


def clean_stream(block, raw, path, item):
    """Check a stream with the block's own validation, before anything is written."""
    try:
        return block.get_prep_value(block.clean(block.to_python(raw)))
    except ValidationError as error:
        raise PackError(path, item, "; ".join(error.messages) or str(error)) from error


class Importer:
    """Creates or updates each item; an item whose content is unchanged is left alone (no new revision)."""

    def __init__(self):
        self.counts = Counter()
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LOCALES}

    def snippet(self, model, kind, key, locale, **fields):
        tkey = translation_key(kind, key)
        obj = model.objects.filter(translation_key=tkey, locale=self.locales[locale]).first()
        if obj is None:
            obj = model(translation_key=tkey, locale=self.locales[locale], **fields)
            obj.save()
            self.counts["created"] += 1
            return obj
        changed = False
        for name, value in fields.items():
            current = getattr(obj, name)
            if name == "contacts":
                same = _canonical(model._meta.get_field(name).stream_block, current) == _canonical(
                    model._meta.get_field(name).stream_block, value
                )
            else:
                same = current == value
            if not same:
                setattr(obj, name, value)
                changed = True
        if changed:
            obj.save()
        self.counts["updated" if changed else "unchanged"] += 1
        return obj

    def page(self, model, kind, key, locale, parent, *, streams=(), m2m=None, **fields):
        tkey = translation_key(kind, key)
        page = model.objects.filter(translation_key=tkey, locale=self.locales[locale]).first()
        m2m = m2m or {}
        if page is None:
            page = model(translation_key=tkey, locale=self.locales[locale], **fields)
            for name, objs in m2m.items():
                setattr(page, name, objs)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.counts["created"] += 1
            return page
        changed = False
        for name, value in fields.items():
            if name in streams:
                block = model._meta.get_field(name).stream_block
                same = _canonical(block, getattr(page, name)) == _canonical(block, value)
            else:
                same = getattr(page, name) == value
            if not same:
                setattr(page, name, value)
                changed = True
        for name, objs in m2m.items():
            if {o.pk for o in getattr(page, name).all()} != {o.pk for o in objs}:
                setattr(page, name, objs)
                changed = True
        if changed or not page.live:
            page.save_revision().publish()
        self.counts["updated" if changed else "unchanged"] += 1
        return page
