"""site.yaml, help_contacts.yaml, reporting.yaml and band intros <-> the page tree's skeleton (home, curriculum map,
band pages, parents' index), the HelpContacts and the ReportingProcedure snippets."""

from wagtail.models import Page, Site

from accounts.groups import ensure_admin_groups
from core.models import HelpContacts, ReportingProcedure
from home.models import HomePage
from lessons.models import AgeBandPage, CurriculumPage
from parents.models import ParentsIndexPage

from ..common import LOCALES, PackError, by_locale, check_locales, clean_stream, require

CONTACTS_BLOCK = HelpContacts._meta.get_field("contacts").stream_block
PAGES = {"home": HomePage, "curriculum": CurriculumPage, "parents": ParentsIndexPage}
DEFAULT_SLUGS = {"curriculum": "curriculum", "parents": "parents"}


def check(pack):
    path = pack.root / "site.yaml"
    for section in ("home", "curriculum"):
        if section not in pack.site:
            raise PackError(path, section, "is missing")
        check_locales(path, section, pack.site[section], ["title"])
    if "parents" in pack.site:
        check_locales(path, "parents", pack.site["parents"], ["title"])
    path = pack.root / "help_contacts.yaml"
    check_locales(path, "help contacts", pack.help_contacts)
    for locale in LOCALES:
        if not isinstance(pack.help_contacts[locale], list):
            raise PackError(path, f"help contacts [{locale}]", "should be a list")
        for contact in pack.help_contacts[locale]:
            require(path, f"help contact [{locale}]", contact, ["name", "purpose"])
    check_locales(pack.root / "reporting.yaml", "reporting procedure", pack.reporting, ["title", "body"])


def _page_text(section, text):
    version = {"title": text["title"], "intro": text.get("intro", "")}
    if section != "home":
        version["slug"] = text.get("slug", DEFAULT_SLUGS[section])
    return version


def prepare(pack):
    contacts_path = pack.root / "help_contacts.yaml"
    return {
        "help_contacts": {
            locale: clean_stream(
                CONTACTS_BLOCK,
                [{"type": "contact", "value": contact} for contact in pack.help_contacts[locale]],
                contacts_path,
                f"help contacts [{locale}]",
            )
            for locale in LOCALES
        },
        "reporting": {
            locale: {
                "title": str(pack.reporting[locale]["title"]).strip(),
                "body": str(pack.reporting[locale]["body"]).strip(),
            }
            for locale in LOCALES
        },
        "pages": {
            section: {locale: _page_text(section, pack.site[section][locale]) for locale in LOCALES}
            for section in PAGES
            if section in pack.site
        },
        "band_pages": [
            {
                "key": band["key"],
                "versions": {
                    locale: {"title": band[locale]["name"], "intro": band[locale].get("intro", "")}
                    for locale in LOCALES
                },
            }
            for band in pack.bands
        ],
    }


def write(importer, prepared):
    for locale in LOCALES:
        importer.snippet(
            HelpContacts,
            "help-contacts",
            "all",
            locale,
            streams=("contacts",),
            contacts=prepared["help_contacts"][locale],
        )
        importer.snippet(ReportingProcedure, "reporting", "all", locale, **prepared["reporting"][locale])

    pages = prepared["pages"]
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (Wagtail's migrations make one): it gets the groups' page permissions
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=importer.locales[LOCALES[0]]))
        ensure_admin_groups()  # and the safeguarding review, as `migrate` gives Wagtail's root
    for locale in LOCALES:
        home_text = pages["home"][locale]
        home = importer.page(HomePage, "page", "home", locale, root, slug=f"home-{locale}", **home_text)
        if locale == LOCALES[0]:
            _point_site_at(home)
        curriculum = importer.page(CurriculumPage, "page", "curriculum", locale, home, **pages["curriculum"][locale])
        for band in prepared["band_pages"]:
            importer.page(
                AgeBandPage,
                "band-page",
                band["key"],
                locale,
                curriculum,
                slug=band["key"],
                band=importer.written["band", band["key"], locale],
                **band["versions"][locale],
            )
        if "parents" in pages:
            importer.page(ParentsIndexPage, "page", "parents", locale, home, **pages["parents"][locale])


def _point_site_at(home):
    """Serve the default-language home page at the site root, replacing Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="SafeSteps")
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "SafeSteps"
        site.save()
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()


def _export_page(page, section):
    text = {"title": page.title}
    if section != "home":
        text["slug"] = page.slug
    if page.intro:
        text["intro"] = page.intro
    return text


def export(exporter):
    files = exporter.files
    contacts = {c.locale.language_code: c for c in HelpContacts.objects.select_related("locale")}
    files["help_contacts.yaml"] = {
        locale: [
            {name: text for name, text in item["value"].items() if text} for item in contacts[locale].contacts.raw_data
        ]
        for locale in LOCALES
        if locale in contacts
    }
    procedures = {p.locale.language_code: p for p in ReportingProcedure.objects.select_related("locale")}
    files["reporting.yaml"] = {
        locale: {"title": procedures[locale].title, "body": procedures[locale].body}
        for locale in LOCALES
        if locale in procedures
    }

    site = Site.objects.filter(is_default_site=True).first()
    found = {section: by_locale(model.objects.all()) for section, model in PAGES.items()}
    if site and found["home"] and found["curriculum"]:
        files["site.yaml"] = {}
        for section, pages in found.items():
            if pages:
                versions = next(iter(pages.values()))
                files["site.yaml"][section] = {locale: _export_page(versions[locale], section) for locale in LOCALES}
    for versions in by_locale(AgeBandPage.objects.select_related("band")).values():
        for locale in LOCALES:
            if versions[locale].intro:
                band_key = exporter.keys[versions[locale].band.translation_key]
                entry = next(b for b in files["bands.yaml"] if b["key"] == band_key)
                entry[locale]["intro"] = versions[locale].intro
