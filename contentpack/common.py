"""What every codec shares: languages, errors, stable translation keys, stream checks, create-or-update, export keys."""

import re
import uuid
from collections import Counter

from django.core.exceptions import ValidationError
from wagtail.models import DraftStateMixin, Locale

LOCALES = ("zh-hans", "en")
NAMESPACE = uuid.UUID("5a0e9a52-3c1b-4d8e-9f0a-6b2f1c7d8e90")


class PackError(Exception):
    """A problem in the pack, naming the file, the item and what is wrong."""

    def __init__(self, path, item, problem):
        self.path, self.item, self.problem = path, item, problem
        super().__init__(f"{path}: {item}: {problem}")


def require(path, item, data, keys):
    """`data` is a mapping with a non-empty value for each of `keys`."""
    if not isinstance(data, dict):
        raise PackError(path, item, "should be a mapping")
    missing = [key for key in keys if data.get(key) in (None, "", [])]
    if missing:
        raise PackError(path, item, f"is missing {', '.join(missing)}")


def check_locales(path, item, data, keys=()):
    """`data` has a version for every language, each with `keys`."""
    if not isinstance(data, dict):
        raise PackError(path, item, "should be a mapping of languages")
    for locale in LOCALES:
        if locale not in data:
            raise PackError(path, item, f"has no {locale} text")
        if keys:
            require(path, f"{item} [{locale}]", data[locale], keys)


def translation_key(kind, key):
    """The same key for every language version of one item, stable across imports and databases.

    Items made in the admin rather than from a pack are exported with their translation key as their pack key.
    """
    try:
        return uuid.UUID(str(key))
    except ValueError:
        return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


# Whitespace between two block-level tags ("</p> <p>", what YAML's folded style makes of one paragraph a line) is
# not content: Draftail saves "</p><p>", so the pack's text would differ at every paragraph in the reviewer's diff.
_BLOCK_TAG = r"</?(?:p|ul|ol|li|h[1-6]|blockquote|hr|br)(?:\s[^<>]*)?/?>"
_BETWEEN_BLOCKS = re.compile(rf"({_BLOCK_TAG})\s+(?={_BLOCK_TAG})")


def tidy_html(data):
    """`data` read from YAML with the whitespace between block-level tags removed from every string in it."""
    if isinstance(data, str):
        return _BETWEEN_BLOCKS.sub(r"\1", data) if "<" in data else data
    if isinstance(data, list):
        return [tidy_html(item) for item in data]
    if isinstance(data, dict):
        return {key: tidy_html(value) for key, value in data.items()}
    return data


def strip_ids(data):
    """Block data without its block ids, so that equal content compares equal."""
    if isinstance(data, list):
        return [strip_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: strip_ids(value) for key, value in data.items() if key != "id"}
    return data


def _canonical(block, value):
    if isinstance(value, list):
        value = block.to_python(value)
    return strip_ids(block.get_prep_value(value))


def clean_stream(block, raw, path, item):
    """Check a stream with the block's own validation, before anything is written."""
    try:
        return block.get_prep_value(block.clean(block.to_python(raw)))
    except ValidationError as error:
        raise PackError(path, item, "; ".join(error.messages) or str(error)) from error


class Importer:
    """Creates or updates each item; an item whose content is unchanged is left alone (no new revision).

    Every item written is kept in `written` under (kind, pack key, language), for the codecs that link to it;
    `changed` lists what was created or updated ("lesson:g1-my-body [en]"), for the import's log entry.
    Changes are published at once, as `user` (the operator; None for the demo and tests): the pack is the
    operator's bulk load and does not wait for the safeguarding review (publishing cancels a review in
    progress on the item, so an older submitted draft cannot overwrite the pack's text later)."""

    def __init__(self, user=None):
        self.user = user
        self.counts = Counter()
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LOCALES}
        self.written = {}
        self.changed = []

    def record(self, outcome, kind, key, locale):
        """Count one item as created, updated or unchanged, and remember what changed."""
        self.counts[outcome] += 1
        if outcome != "unchanged":
            self.changed.append(f"{kind}:{key} [{locale}]")

    def _same(self, model, name, current, value, streams):
        if name in streams:
            block = model._meta.get_field(name).stream_block
            return _canonical(block, current) == _canonical(block, value)
        return current == value

    def snippet(self, model, kind, key, locale, *, streams=(), **fields):
        tkey = translation_key(kind, key)
        obj = model.objects.filter(translation_key=tkey, locale=self.locales[locale]).first()
        if obj is None:
            obj = model(translation_key=tkey, locale=self.locales[locale], **fields)
            obj.save()
            self._publish(obj)
            self.record("created", kind, key, locale)
        else:
            changed = False
            for name, value in fields.items():
                if not self._same(model, name, getattr(obj, name), value, streams):
                    setattr(obj, name, value)
                    changed = True
            if changed:
                obj.save()
                self._publish(obj)
            self.record("updated" if changed else "unchanged", kind, key, locale)
        self.written[kind, key, locale] = obj
        return obj

    def _publish(self, obj):
        """A snippet with drafts (help contacts, reporting procedure, quiz) gets a published revision: the
        pack's text is live."""
        if isinstance(obj, DraftStateMixin):
            obj.save_revision(user=self.user).publish(user=self.user)

    def page(self, model, kind, key, locale, parent, *, streams=(), m2m=None, **fields):
        tkey = translation_key(kind, key)
        page = model.objects.filter(translation_key=tkey, locale=self.locales[locale]).first()
        m2m = m2m or {}
        if page is None:
            page = model(translation_key=tkey, locale=self.locales[locale], **fields)
            for name, objs in m2m.items():
                setattr(page, name, objs)
            parent.add_child(instance=page)
            page.save_revision(user=self.user).publish(user=self.user)
            self.record("created", kind, key, locale)
            self.written[kind, key, locale] = page
            return page
        changed = False
        for name, value in fields.items():
            if not self._same(model, name, getattr(page, name), value, streams):
                setattr(page, name, value)
                changed = True
        for name, objs in m2m.items():
            if {o.pk for o in getattr(page, name).all()} != {o.pk for o in objs}:
                setattr(page, name, objs)
                changed = True
        if changed or not page.live:
            page.save_revision(user=self.user).publish(user=self.user)
        self.record("updated" if changed else "unchanged", kind, key, locale)
        self.written[kind, key, locale] = page
        return page


class Exporter:
    """What the codecs build up while exporting: the files ({relative path: data}) and the pack key of every
    item another item links to ({translation key: pack key})."""

    def __init__(self):
        self.files = {}
        self.keys = {}
        self.quizzes = {}


def pack_key(kind, obj, candidate):
    """The pack key of an item: its readable key if the item came from a pack, else its translation key."""
    return (
        candidate if candidate and translation_key(kind, candidate) == obj.translation_key else str(obj.translation_key)
    )


def by_locale(queryset):
    """{translation_key: {language_code: obj}} from one query, for the items that exist in every language."""
    grouped = {}
    for obj in queryset.select_related("locale"):
        grouped.setdefault(obj.translation_key, {})[obj.locale.language_code] = obj
    return {key: versions for key, versions in grouped.items() if set(versions) >= set(LOCALES)}


def raw_stream(stream):
    """A stream's blocks as (block type, plain data), without block ids."""
    return [(block.block_type, block.block.get_prep_value(block.value)) for block in stream]
