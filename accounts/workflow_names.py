"""The safeguarding review's workflow and task names: stored once, as their English msgid, and shown in the
reader's language.

Wagtail shows a workflow's and a task's `name` as it is, in about a hundred places (the action menu's "Submit
to …", the status panel, the dashboard, the history, reports, emails), and writes it into the log entries of
the workflow. Every Workflow, Task and workflow log entry loaded from the database gets our names as a
`TranslatedName`: a str whose value (what the database, JSON and comparisons see) is the msgid and whose text
(templates, `%`-formatting, `format`) is its translation in the active language. A name the operator gives
another workflow is left as typed. An admin form that shows the translated name and is saved unchanged stores
the msgid again (`restore_msgid`); a log entry that recorded a translated (or the old bilingual) name reads in
the reader's language too."""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

WORKFLOW_NAME = gettext_noop("Safeguarding review")
TASK_NAME = gettext_noop("Reviewer approval")
NAMES = (WORKFLOW_NAME, TASK_NAME)
# The bilingual names an earlier version stored ("学生保护审核 · Safeguarding review"); renamed after migrate.
OLD_NAMES = {"学生保护审核 · Safeguarding review": WORKFLOW_NAME, "审核员批准 · Reviewer approval": TASK_NAME}


class TranslatedName(str):
    """A msgid that reads as its translation in the active language."""

    def __str__(self):
        return gettext(str.__str__(self))

    def __format__(self, spec):
        return format(str(self), spec)


@functools.cache
def _msgids():
    """{every way our names have been stored: msgid} (the msgids, their translations, the old bilingual names)."""
    known = dict(OLD_NAMES)
    for msgid in NAMES:
        known[msgid] = msgid
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                known[gettext(msgid)] = msgid
    return known


def translated(name):
    """One of our names, however stored, as a TranslatedName; any other value as it is."""
    msgid = _msgids().get(name) if isinstance(name, str) else None
    return TranslatedName(msgid) if msgid else name


def translate_name(sender, instance, **kwargs):
    """post_init of Workflow and of Task and its subclasses."""
    name = instance.__dict__.get("name")  # not loaded when deferred
    if name is not None:
        instance.__dict__["name"] = translated(name)


def restore_msgid(sender, instance, **kwargs):
    """pre_save of Workflow and Task: one of our names, shown translated in a form and saved, is stored as the msgid."""
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        instance.name = translated(name)


def translate_log_entry(sender, instance, **kwargs):
    """post_init of log entries: the workflow and task titles a workflow log entry recorded (Wagtail stores them
    as they read when the entry was written, in the language of whoever acted)."""
    data = instance.__dict__.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("workflow"), dict):
        return
    workflow = data["workflow"]
    workflow["title"] = translated(workflow.get("title"))
    for key in ("task", "next"):
        if isinstance(workflow.get(key), dict):
            workflow[key]["title"] = translated(workflow[key].get("title"))


def connect():
    from django.db.models.signals import post_init, pre_save
    from wagtail.models import ModelLogEntry, PageLogEntry, Task, Workflow
    from wagtail.workflows import get_task_types

    for model in {Workflow, Task, *get_task_types()}:
        post_init.connect(translate_name, sender=model, dispatch_uid=f"workflow_names.post_init.{model.__name__}")
        pre_save.connect(restore_msgid, sender=model, dispatch_uid=f"workflow_names.pre_save.{model.__name__}")
    for model in (PageLogEntry, ModelLogEntry):
        post_init.connect(translate_log_entry, sender=model, dispatch_uid=f"workflow_names.log.{model.__name__}")
