from typing import NamedTuple

from django import template
from django.utils.translation import get_language

from core.addresses import absolute_url, qr_data_uri
from core.grades import is_early_reader
from core.models import HELP_LANGUAGE_SESSION_KEY, HelpContacts, ReportingProcedure

register = template.Library()


@register.simple_tag(takes_context=True)
def help_contacts(context):
    """The help contacts to show, read once per request: `shown` (the current language's) and `home` (those of a
    signed-in pupil's school when it is in another language, else None)."""
    request = context.get("request")
    if request is None:
        return HelpList(*HelpContacts.for_reader())
    if not hasattr(request, "_help_contacts"):
        session = getattr(request, "session", None)
        home_language = session.get(HELP_LANGUAGE_SESSION_KEY) if session is not None else None
        request._help_contacts = HelpList(*HelpContacts.for_reader(home_language))
    return request._help_contacts


class HelpList(NamedTuple):
    shown: HelpContacts | None
    home: HelpContacts | None


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
