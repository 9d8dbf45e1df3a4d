"""guidance.yaml and the `guidance:` of each outcome <-> GuidanceDocument (with its sections) and GuidanceReference.

A document belongs to one language's site (China's documents to the Chinese site, the international ones to the
English site); an outcome names, per language, the sections of that language's documents it meets."""

from curriculum.models import GuidanceDocument, GuidanceReference, GuidanceSection

from ..common import LOCALES, PackError, require

DOCUMENT_LIMITS = {"key": 60, "title": 200, "issuer": 200, "about": 300}
SECTION_LIMITS = {"key": 60, "title": 200, "summary": 300}
REFERENCE_LIMITS = {"stage": 60, "note": 300}


def _fits(path, item, data, limits):
    for name, limit in limits.items():
        if len(str(data.get(name) or "")) > limit:
            raise PackError(path, item, f"{name} is longer than {limit} characters")


def _documents(pack):
    """{locale: {document key: {section keys}}} of guidance.yaml (checked)."""
    return {
        locale: {doc["key"]: {section["key"] for section in doc["sections"]} for doc in pack.guidance.get(locale) or []}
        for locale in LOCALES
    }


def check(pack):
    path = pack.root / "guidance.yaml"
    if pack.guidance and not isinstance(pack.guidance, dict):
        raise PackError(path, "file", "should be a mapping of languages")
    for locale in LOCALES:
        documents = pack.guidance.get(locale) or []
        if not isinstance(documents, list):
            raise PackError(path, locale, "should be a list of documents")
        seen = set()
        for doc in documents:
            require(path, f"document [{locale}]", doc, ["key", "title", "issuer", "year", "sections"])
            item = f"{doc['key']} [{locale}]"
            if doc["key"] in seen:
                raise PackError(path, item, "uses a key that another document of this language already has")
            seen.add(doc["key"])
            if not isinstance(doc["year"], int):
                raise PackError(path, item, "year must be a whole number")
            _fits(path, item, doc, DOCUMENT_LIMITS)
            section_keys = set()
            for section in doc["sections"]:
                require(path, f"{item} section", section, ["key", "title"])
                if section["key"] in section_keys:
                    raise PackError(path, f"{item} {section['key']}", "uses a key that another section already has")
                section_keys.add(section["key"])
                _fits(path, f"{item} {section['key']}", section, SECTION_LIMITS)
    documents = _documents(pack)
    for outcome in pack.outcomes:
        guidance = outcome.get("guidance")
        if not guidance:
            continue
        path, key = outcome["_path"], outcome.get("key", "outcome")
        if not isinstance(guidance, dict) or set(guidance) - set(LOCALES):
            raise PackError(path, key, f"guidance should be a mapping of languages ({', '.join(LOCALES)})")
        for locale, references in guidance.items():
            if not isinstance(references, list):
                raise PackError(path, f"{key} guidance [{locale}]", "should be a list of references")
            for number, reference in enumerate(references, start=1):
                item = f"{key} guidance [{locale}] {number}"
                require(path, item, reference, ["document", "section", "note"])
                sections = documents[locale].get(reference["document"])
                if sections is None:
                    raise PackError(path, item, f"names unknown {locale} document {reference['document']!r}")
                if reference["section"] not in sections:
                    raise PackError(path, item, f"names unknown section {reference['section']!r}")
                _fits(path, item, reference, REFERENCE_LIMITS)


def prepare(pack):
    return {
        "documents": {
            locale: [
                {
                    "key": doc["key"],
                    "title": doc["title"],
                    "issuer": doc["issuer"],
                    "year": doc["year"],
                    "about": doc.get("about") or "",
                    "sections": [
                        {"key": s["key"], "title": s["title"], "summary": s.get("summary") or ""}
                        for s in doc["sections"]
                    ],
                }
                for doc in pack.guidance.get(locale) or []
            ]
            for locale in LOCALES
        },
        "references": {
            outcome["key"]: {
                locale: [
                    {
                        "document": r["document"],
                        "section": r["section"],
                        "stage": r.get("stage") or "",
                        "note": r["note"],
                    }
                    for r in (outcome.get("guidance") or {}).get(locale) or []
                ]
                for locale in LOCALES
            }
            for outcome in sorted(pack.outcomes, key=lambda o: o["key"])
            if any((outcome.get("guidance") or {}).get(locale) for locale in LOCALES)
        },
    }


def _write_sections(importer, document, sections):
    """The document's sections as in the pack, matched by key; a section the pack no longer has is removed."""
    current = {section.slug: section for section in GuidanceSection.objects.filter(document=document)}
    written = {}
    for order, data in enumerate(sections):
        fields = {"title": data["title"], "summary": data["summary"], "sort_order": order}
        section = current.pop(data["key"], None)
        if section is None:
            section = GuidanceSection.objects.create(document=document, slug=data["key"], **fields)
            importer.counts["created"] += 1
        elif any(getattr(section, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(section, name, value)
            section.save()
            importer.counts["updated"] += 1
        written[data["key"]] = section
    for section in current.values():
        section.delete()
    return written


def write(importer, prepared):
    sections = {}
    for locale, documents in prepared["documents"].items():
        for order, doc in enumerate(documents, start=1):
            document = importer.snippet(
                GuidanceDocument,
                "guidance",
                doc["key"],
                locale,
                slug=doc["key"],
                title=doc["title"],
                issuer=doc["issuer"],
                year=doc["year"],
                about=doc["about"],
                sort_order=order,
            )
            for key, section in _write_sections(importer, document, doc["sections"]).items():
                sections[locale, doc["key"], key] = section
    for outcome_key, versions in prepared["references"].items():
        for locale, references in versions.items():
            outcome = importer.written["outcome", outcome_key, locale]
            wanted = [(sections[locale, r["document"], r["section"]].pk, r["stage"], r["note"]) for r in references]
            current = list(
                GuidanceReference.objects.filter(outcome=outcome)
                .order_by("sort_order", "pk")
                .values_list("section_id", "stage", "note")
            )
            if current == wanted:
                continue
            GuidanceReference.objects.filter(outcome=outcome).delete()
            GuidanceReference.objects.bulk_create(
                GuidanceReference(outcome=outcome, section_id=section_id, stage=stage, note=note, sort_order=order)
                for order, (section_id, stage, note) in enumerate(wanted)
            )
            importer.counts["updated"] += 1


def export(exporter):
    guidance = {locale: [] for locale in LOCALES}
    documents = GuidanceDocument.objects.filter(locale__language_code__in=LOCALES).select_related("locale")
    for document in documents.with_sections():
        guidance[document.locale.language_code].append(
            {
                "key": document.slug,
                "title": document.title,
                "issuer": document.issuer,
                "year": document.year,
                "about": document.about,
                "sections": [{"key": s.slug, "title": s.title, "summary": s.summary} for s in document.sections.all()],
            }
        )
    exporter.files["guidance.yaml"] = guidance

    outcomes = {
        entry["key"]: entry
        for name, entries in exporter.files.items()
        if name.startswith("outcomes/")
        for entry in entries
    }
    references = GuidanceReference.objects.select_related("outcome__locale", "section__document").order_by(
        "outcome_id", "sort_order", "pk"
    )
    for reference in references:
        entry = outcomes.get(exporter.keys.get(reference.outcome.translation_key))
        locale = reference.outcome.locale.language_code
        if entry is None or locale not in LOCALES:
            continue  # an outcome the pack does not carry (one language only)
        entry.setdefault("guidance", {code: [] for code in LOCALES})[locale].append(
            {
                "document": reference.section.document.slug,
                "section": reference.section.slug,
                "stage": reference.stage,
                "note": reference.note,
            }
        )
