"""guides/<key>.yaml <-> ParentGuidePage (body, conversation starters, warning signs, what to do, where to report)."""

from parents.models import ParentGuidePage

from ..common import LOCALES, PackError, by_locale, check_locales, clean_stream, pack_key, raw_stream, require

LISTS = {  # YAML list: (block type, fields, fields that must not be empty)
    "conversation_starters": ("starter", ("question", "why"), ["question"]),
    "warning_signs": ("sign", ("sign", "detail"), ["sign"]),
    "if_child_tells": ("step", ("action", "detail"), ["action"]),
    "settings_tools": ("setting", ("title", "detail"), ["title", "detail"]),
    "where_to_report": ("place", ("name", "phone", "url", "purpose"), ["name", "purpose"]),
}


def check(pack):
    site_path = pack.root / "site.yaml"
    if pack.guides and "parents" not in pack.site:
        raise PackError(site_path, "parents", "is missing (the pack has parent guides)")
    band_keys = {band["key"] for band in pack.bands}
    strand_keys = {strand["key"] for strand in pack.strands}
    seen = set()
    for guide in pack.guides:
        path = guide["_path"]
        require(path, "guide", guide, ["key", "band", "topics"])
        key = guide["key"]
        if key in seen:
            raise PackError(path, key, "uses a key that another guide already has")
        seen.add(key)
        if guide["band"] not in band_keys:
            raise PackError(path, key, f"names unknown band {guide['band']!r}")
        for topic in guide["topics"]:
            if topic not in strand_keys:
                raise PackError(path, key, f"names unknown strand {topic!r}")
        if not isinstance(guide.get("large_print", False), bool):
            raise PackError(path, key, "large_print should be true or false")
        check_locales(path, key, guide, ["title", "summary", "body"])
        for locale in LOCALES:
            text = guide[locale]
            for number, item in enumerate(text["body"], start=1):
                if not isinstance(item, dict) or item.get("type") not in ("text", "tip"):
                    raise PackError(path, f"{key} [{locale}] body item {number}", "needs type text or tip")
            for name, (_block_type, _fields, required) in LISTS.items():
                if not isinstance(text.get(name) or [], list):
                    raise PackError(path, f"{key} [{locale}] {name}", "should be a list")
                for number, item in enumerate(text.get(name) or [], start=1):
                    require(path, f"{key} [{locale}] {name} {number}", item, required)


def _body_raw(item):
    if item["type"] == "tip":
        return {"type": "tip", "value": {"message": item.get("message", "")}}
    return {"type": "text", "value": {"heading": item.get("heading", ""), "body": item.get("body", "")}}


def _body(block_type, value):
    if block_type == "tip":
        return {"type": "tip", "message": value["message"]}
    return {"type": "text", **{name: value[name] for name in ("heading", "body") if value[name]}}


def _version(guide, locale):
    text, path = guide[locale], guide["_path"]
    item = f"{guide['key']} [{locale}]"
    field = ParentGuidePage._meta.get_field
    version = {
        "title": text["title"],
        "slug": text.get("slug") or guide["key"],
        "summary": text["summary"].strip(),
        "large_print": guide.get("large_print", False),
        "body": clean_stream(field("body").stream_block, [_body_raw(b) for b in text["body"]], path, item),
    }
    for name, (block_type, fields, _required) in LISTS.items():
        raw = [{"type": block_type, "value": {f: entry.get(f) or "" for f in fields}} for entry in text.get(name) or []]
        version[name] = clean_stream(field(name).stream_block, raw, path, f"{item} {name}")
    return version


def prepare(pack):
    """Every guide's YAML as block data, raising PackError for the first invalid item (nothing is written)."""
    return [
        {
            "key": guide["key"],
            "band": guide["band"],
            "topics": sorted(guide["topics"]),  # a set in the site: no order to keep
            "versions": {locale: _version(guide, locale) for locale in LOCALES},
        }
        for guide in pack.guides
    ]


def write(importer, prepared):
    for locale in LOCALES:
        for guide in prepared:
            importer.page(
                ParentGuidePage,
                "guide",
                guide["key"],
                locale,
                importer.written["page", "parents", locale],
                streams=("body", *LISTS),
                m2m={"topics": [importer.written["strand", key, locale] for key in guide["topics"]]},
                age_band=importer.written["band", guide["band"], locale],
                **guide["versions"][locale],
            )


def guide_to_dict(guide, key):
    """One language of a guide in the content pack's YAML shape (the inverse of _version)."""
    text = {"title": guide.title}
    if guide.slug != key:
        text["slug"] = guide.slug
    text["summary"] = guide.summary
    text["body"] = [_body(block_type, value) for block_type, value in raw_stream(guide.body)]
    for name, (_block_type, fields, _required) in LISTS.items():
        entries = [{f: value[f] for f in fields if value[f]} for _, value in raw_stream(getattr(guide, name))]
        if entries:
            text[name] = entries
    return text


def export(exporter):
    guides = ParentGuidePage.objects.select_related("age_band").prefetch_related("topics").order_by("path")
    for versions in by_locale(guides).values():
        guide = versions[LOCALES[-1]]
        key = pack_key("guide", guide, guide.slug)
        exporter.files[f"guides/{key}.yaml"] = {
            "key": key,
            "band": exporter.keys[guide.age_band.translation_key],
            "topics": [exporter.keys[topic.translation_key] for topic in guide.topics.all()],
            **({"large_print": True} if guide.large_print else {}),
            **{locale: guide_to_dict(versions[locale], key) for locale in LOCALES},
        }
