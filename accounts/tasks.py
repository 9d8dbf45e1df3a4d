"""Background work on accounts (Django's tasks framework): removing the stored sessions of deleted accounts.

A deleted account's sessions already sign nobody in, but their rows would stay in the session store until
they expire. Finding them means reading every live session (the store has no index by account), so the
task worker does it, once for a whole deleted class."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db.models.signals import post_delete
from django.tasks import task
from django.utils import timezone

from .models import Kind


@task
def delete_sessions(*, user_ids):
    """Delete every stored session signed in as one of these accounts; returns how many. A cache-only session
    store cannot be searched: its sessions just expire."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    wanted = {str(pk) for pk in user_ids}
    deleted = 0
    for row in store.get_model_class().objects.filter(expire_date__gt=timezone.now()).iterator():
        if store().decode(row.session_data).get(SESSION_KEY) in wanted:
            store(session_key=row.session_key).delete()  # the row, and the cached copy with cached_db
            deleted += 1
    return deleted


def staff_deleted(sender, instance, **kwargs):
    """`post_delete` of a member of staff's account (an operator deleting it): its sessions go too. Pupils'
    are queued by the classrooms services, one task for a whole class."""
    if instance.kind == Kind.STAFF:
        delete_sessions.enqueue(user_ids=[instance.pk])


def connect():
    post_delete.connect(staff_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.staff_deleted")
