from django import template

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
def reporting_procedure():
    """The reporting procedure of the current language (one query); only for templates that show teacher notes."""
    return ReportingProcedure.for_active_locale()
