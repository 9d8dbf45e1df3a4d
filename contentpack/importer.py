"""Writing the content pack into the site: every codec in turn, in one transaction."""

from django.db import transaction

from core.translations import mark_all_up_to_date, writing_every_language

from .codecs import CODECS
from .common import Importer


@transaction.atomic
def import_pack(pack):
    """Create or update everything in a checked pack (load_pack); returns counts of created, updated, unchanged.

    Every codec prepares its part before any is written, so a block error late in the pack writes nothing."""
    prepared = [(codec, codec.prepare(pack)) for codec in CODECS]
    importer = Importer()
    with writing_every_language():  # both languages come from one file: neither is left out of date
        for codec, data in prepared:
            codec.write(importer, data)
        mark_all_up_to_date(importer.written.values())
    return importer.counts
