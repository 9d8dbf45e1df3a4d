from django import template

from core.dates import short_date as format_short_date

register = template.Library()


@register.filter
def short_date(value):
    """{{ assignment.due_date|short_date }}: "12月15日（周二）" or "Tue 15 Dec", in the current language."""
    return format_short_date(value)
