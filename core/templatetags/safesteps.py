from typing import NamedTuple

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.addresses import absolute_url, qr_data_uri
from core.caching import kept
from core.grades import is_early_reader
from core.models import HELP_LANGUAGE_SESSION_KEY, HelpContacts, ReportingProcedure

register = template.Library()


class HelpList(NamedTuple):
    shown: HelpContacts | None  # the current language's
    home: HelpContacts | None  # where a signed-in pupil's school is, when that is another language's


@register.simple_tag(takes_context=True)
def help_contacts_list(context):
    """The help contacts (components/help_contacts_list.html) on every pupil and parent page: the current
    language's, and first those that answer where a signed-in pupil's school is when that is another language's
    (`HELP_LANGUAGE_SESSION_KEY`). Rendered once per pair of languages and kept in the shared cache until the
    contacts (or a site) change: the pair is the same for every pupil of such schools, nothing personal."""
    language = get_language()
    session = getattr(context.get("request"), "session", None)
    home = session.get(HELP_LANGUAGE_SESSION_KEY) if session is not None else None
    home = home if home != language else None

    def render():
        return render_to_string(
            "components/help_contacts_list.html", {"help": HelpList(*HelpContacts.for_reader(home))}
        )

    return mark_safe(kept(f"help-contacts:{language}:{home or '-'}", render))  # noqa: S308 (our own template)


@register.simple_tag
def reporting_procedure():
    """The reporting procedure of the current language (one query); only for templates that show teacher notes."""
    return ReportingProcedure.for_active_locale()


@register.simple_tag(takes_context=True)
def full_address(context, path="/"):
    """A path of this site as the full public address (core.addresses), for print: never a development host."""
    return absolute_url(context.get("request"), path)


@register.filter
def qr_code(url):
    """The QR code of an address as an SVG data URI."""
    return qr_data_uri(url)


@register.filter
def early_reader(grade):
    """Grades 1–3 (core.grades): read-aloud and the other help for pupils who read little yet."""
    return is_early_reader(grade)


@register.simple_tag
def sentence_gap():
    """What goes between two separately translated sentences: a space, but none in Chinese, where a full stop (。)
    already ends the sentence and a space would show as a gap."""
    return "" if (get_language() or "").startswith("zh") else " "
