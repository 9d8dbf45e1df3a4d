"""Writing the content pack into the site: every codec in turn, in one transaction, recorded in the audit log."""

import getpass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext, LogFormatter, log
from wagtail.models import Site

from core.translations import mark_all_up_to_date, writing_every_language

from .codecs import CODECS
from .common import Importer

IMPORT_ACTION = "contentpack.import"
CHANGED_LISTED = 500  # items named in the log entry; the counts are always complete


class ImportLogFormatter(LogFormatter):
    """The pack import's entry in Wagtail's audit log (registered in contentpack/wagtail_hooks.py)."""

    label = _("Import content pack")

    def format_message(self, log_entry):
        return _(
            "Imported the content pack %(pack)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged"
        ) % {key: log_entry.data.get(key, "") for key in ("pack", "created", "updated", "unchanged")}


def _os_account():
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the process's user id (some containers)
        return ""


@transaction.atomic
def import_pack(pack, *, user=None):
    """Create or update everything in a checked pack (load_pack); returns counts of created, updated, unchanged.

    Every codec prepares its part before any is written, so a block error late in the pack writes nothing.
    Everything changed is published at once as `user` (the site operator: the pack does not wait for the
    safeguarding review), and one `contentpack.import` entry in Wagtail's audit log records who imported which
    pack and what it changed; the revisions and publish entries of the items share its log context."""
    prepared = [(codec, codec.prepare(pack)) for codec in CODECS]
    with LogContext(user=user), writing_every_language():  # both languages from one file: neither left out of date
        importer = Importer(user=user)
        for codec, data in prepared:
            codec.write(importer, data)
        mark_all_up_to_date(importer.written.values())
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is not None:
            log(
                instance=site,
                action=IMPORT_ACTION,
                user=user,
                data={
                    "pack": str(pack.root),
                    "operator": user.get_username() if user is not None else None,
                    "os_account": _os_account(),
                    "lessons": len(pack.lessons),
                    "guides": len(pack.guides),
                    **{key: importer.counts[key] for key in ("created", "updated", "unchanged")},
                    "changed": importer.changed[:CHANGED_LISTED],
                },
            )
    return importer.counts
