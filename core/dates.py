"""Dates as a reader says them: "12月15日（周二）" in Chinese, "Tue 15 Dec" in English.

The year is added only when it is not the current one. Weekday and month names are written out here
rather than taken from the locale's date formats, whose Chinese weekday is "星期二", not the "周二" a
class timetable uses."""

from django.utils import timezone
from django.utils.translation import get_language

ZH_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value, language=None, today=None):
    """The date in the reader's language, with the weekday; "" for no date."""
    if not value:
        return ""
    language = (language or get_language() or "en").lower()
    this_year = (today or timezone.localdate()).year
    if language.startswith("zh"):
        year = f"{value.year}年" if value.year != this_year else ""
        return f"{year}{value.month}月{value.day}日（周{ZH_WEEKDAYS[value.weekday()]}）"
    year = f" {value.year}" if value.year != this_year else ""
    return f"{EN_WEEKDAYS[value.weekday()]} {value.day} {EN_MONTHS[value.month - 1]}{year}"
