"""bands.yaml, strands.yaml, outcomes/*.yaml <-> the AgeBand, Strand and LearningOutcome snippets."""

from curriculum.models import AgeBand, LearningOutcome, Strand

from ..common import LOCALES, PackError, by_locale, check_locales, pack_key, require


def band_for_grade(bands, grade):
    """The key of the band (from bands.yaml) that holds a grade."""
    return next(band["key"] for band in bands if band["first_grade"] <= grade <= band["last_grade"])


def check(pack):
    path = pack.root / "bands.yaml"
    for band in pack.bands:
        require(path, band.get("key", "band"), band, ["key", "first_grade", "last_grade"])
        check_locales(path, band["key"], band, ["name"])
        if not 1 <= band["first_grade"] <= band["last_grade"] <= 9:
            raise PackError(path, band["key"], "grades must run from 1 to 9, first before last")
    path = pack.root / "strands.yaml"
    for strand in pack.strands:
        require(path, strand.get("key", "strand"), strand, ["key"])
        check_locales(path, strand["key"], strand, ["name"])
    band_keys = {band["key"] for band in pack.bands}
    strand_keys = {strand["key"] for strand in pack.strands}
    for outcome in pack.outcomes:
        path = outcome["_path"]
        require(path, outcome.get("key", "outcome"), outcome, ["key", "band", "strand", *LOCALES])
        if outcome["band"] not in band_keys:
            raise PackError(path, outcome["key"], f"names unknown band {outcome['band']!r}")
        if outcome["strand"] not in strand_keys:
            raise PackError(path, outcome["key"], f"names unknown strand {outcome['strand']!r}")


def _names(item):
    return {
        locale: {"name": item[locale]["name"], "description": item[locale].get("description", "")} for locale in LOCALES
    }


def prepare(pack):
    return {
        "bands": [
            {"key": b["key"], "first_grade": b["first_grade"], "last_grade": b["last_grade"], "versions": _names(b)}
            for b in pack.bands
        ],
        "strands": [{"key": s["key"], "versions": _names(s)} for s in pack.strands],
        "outcomes": [
            {"key": o["key"], "band": o["band"], "strand": o["strand"], "versions": {lo: o[lo] for lo in LOCALES}}
            for o in pack.outcomes
        ],
    }


def write(importer, prepared):
    for band in prepared["bands"]:
        for locale, text in band["versions"].items():
            importer.snippet(
                AgeBand,
                "band",
                band["key"],
                locale,
                slug=band["key"],
                first_grade=band["first_grade"],
                last_grade=band["last_grade"],
                **text,
            )
    for order, strand in enumerate(prepared["strands"], start=1):
        for locale, text in strand["versions"].items():
            importer.snippet(Strand, "strand", strand["key"], locale, slug=strand["key"], sort_order=order, **text)
    for outcome in prepared["outcomes"]:
        for locale, statement in outcome["versions"].items():
            importer.snippet(
                LearningOutcome,
                "outcome",
                outcome["key"],
                locale,
                slug=outcome["key"],
                statement=statement,
                strand=importer.written["strand", outcome["strand"], locale],
                age_band=importer.written["band", outcome["band"], locale],
            )


def export(exporter):
    files, keys = exporter.files, exporter.keys
    files["bands.yaml"] = []
    for versions in sorted(by_locale(AgeBand.objects.all()).values(), key=lambda v: v[LOCALES[0]].first_grade):
        band = versions[LOCALES[0]]
        keys[band.translation_key] = pack_key("band", band, band.slug)
        entry = {"key": keys[band.translation_key], "first_grade": band.first_grade, "last_grade": band.last_grade}
        for locale in LOCALES:
            entry[locale] = {"name": versions[locale].name, "description": versions[locale].description}
        files["bands.yaml"].append(entry)

    strands = by_locale(Strand.objects.all())
    files["strands.yaml"] = []
    for versions in sorted(strands.values(), key=lambda v: (v[LOCALES[0]].sort_order, v[LOCALES[0]].pk)):
        strand = versions[LOCALES[0]]
        keys[strand.translation_key] = pack_key("strand", strand, strand.slug)
        entry = {"key": keys[strand.translation_key]}
        for locale in LOCALES:
            entry[locale] = {"name": versions[locale].name, "description": versions[locale].description}
        files["strands.yaml"].append(entry)

    outcomes = by_locale(LearningOutcome.objects.select_related("strand", "age_band"))
    for versions in sorted(outcomes.values(), key=lambda v: v[LOCALES[0]].pk):
        outcome = versions[LOCALES[0]]
        keys[outcome.translation_key] = pack_key("outcome", outcome, outcome.slug)
        band_key = keys[outcome.age_band.translation_key]
        files.setdefault(f"outcomes/{band_key}.yaml", []).append(
            {
                "key": keys[outcome.translation_key],
                "band": band_key,
                "strand": keys[outcome.strand.translation_key],
                **{locale: versions[locale].statement for locale in LOCALES},
            }
        )
