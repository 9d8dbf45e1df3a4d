from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.addresses import absolute_url, qr_data_uri
from core.caching import kept
from core.grades import is_early_reader
from core.models import HelpContacts, ReportingProcedure

register = template.Library()


@register.simple_tag(takes_context=True)
def help_contacts(context):
    """The help contacts of the current language, read once per request."""
    request = context.get("request")
    if request is None:
        return HelpContacts.for_active_locale()
    if not hasattr(request, "_help_contacts"):
        request._help_contacts = HelpContacts.for_active_locale()
    return request._help_contacts


@register.simple_tag
def help_contacts_list():
    """The list of help contacts of the current language (components/help_contacts_list.html), on every pupil and
    parent page: rendered once and kept in the shared cache until the contacts (or a site) change."""
    language = get_language()
    return mark_safe(  # noqa: S308 (our own template's output)
        kept(f"help-contacts:{language}", lambda: render_to_string("components/help_contacts_list.html"))
    )


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
