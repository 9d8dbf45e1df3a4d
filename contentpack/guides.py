"""Writing the parents' section of the content pack: one index page and the guides, per language."""

from django.db import transaction

from home.models import HomePage
from parents.models import ParentGuidePage, ParentsIndexPage

from .common import Importer, clean_stream, translation_key
from .reader import LOCALES, PackError

STREAMS = {
    "conversation_starters": ("starter", ("question", "why")),
    "warning_signs": ("sign", ("sign", "detail")),
    "if_child_tells": ("step", ("action", "detail")),
    "settings_tools": ("setting", ("title", "detail")),
    "where_to_report": ("place", ("name", "phone", "url", "purpose")),
}


def _body_raw(item):
    if item["type"] == "tip":
        return {"type": "tip", "value": {"message": item.get("message", "")}}
    return {"type": "text", "value": {"heading": item.get("heading", ""), "body": item.get("body", "")}}


def prepare_guides(pack):
    """Turn every guide's YAML into block data, raising PackError for the first invalid item (nothing is written)."""
    prepared = []
    for guide in pack.guides:
        versions = {}
        for locale in LOCALES:
            text = guide[locale]
            item = f"{guide['key']} [{locale}]"
            model_field = ParentGuidePage._meta.get_field
            version = {
                "title": text["title"],
                "slug": text.get("slug") or guide["key"],
                "summary": text["summary"].strip(),
                "body": clean_stream(
                    model_field("body").stream_block, [_body_raw(b) for b in text["body"]], guide["_path"], item
                ),
            }
            for name, (block_type, fields) in STREAMS.items():
                raw = [
                    {"type": block_type, "value": {f: entry.get(f) or "" for f in fields}}
                    for entry in text.get(name) or []
                ]
                version[name] = clean_stream(model_field(name).stream_block, raw, guide["_path"], f"{item} {name}")
            versions[locale] = version
        prepared.append((guide, versions))
    return prepared


@transaction.atomic
def import_guides(*, importer: Importer, pack, prepared, bands, strands):
    """Create or update each language's parents' index under its home page, and every guide under it."""
    if "parents" not in pack.site:
        return
    for locale in LOCALES:
        home = HomePage.objects.filter(
            translation_key=translation_key("page", "home"), locale=importer.locales[locale]
        ).first()
        if home is None:
            raise PackError(pack.root / "site.yaml", "home", f"has no {locale} page to put the parents' section under")
        text = pack.site["parents"][locale]
        index = importer.page(
            ParentsIndexPage,
            "page",
            "parents",
            locale,
            home,
            title=text["title"],
            slug=text.get("slug", "parents"),
            intro=text.get("intro", ""),
        )
        for guide, versions in prepared:
            importer.page(
                ParentGuidePage,
                "guide",
                guide["key"],
                locale,
                index,
                streams=("body", *STREAMS),
                m2m={"topics": [strands[key, locale] for key in guide["topics"]]},
                age_band=bands[guide["band"], locale],
                **versions[locale],
            )


def guide_to_dict(guide, key):
    """One language of a guide in the content pack's YAML shape (the inverse of prepare_guides)."""

    def raw(stream):
        return [(block.block_type, block.block.get_prep_value(block.value)) for block in stream]

    text = {"title": guide.title}
    if guide.slug != key:
        text["slug"] = guide.slug
    text["summary"] = guide.summary
    text["body"] = [
        {"type": "tip", "message": value["message"]}
        if block_type == "tip"
        else {"type": "text", **{name: value[name] for name in ("heading", "body") if value[name]}}
        for block_type, value in raw(guide.body)
    ]
    for name, (_block_type, fields) in STREAMS.items():
        entries = [{field: value[field] for field in fields if value[field]} for _, value in raw(getattr(guide, name))]
        if entries:
            text[name] = entries
    return text
