"""Writing the content pack into the site: every codec in turn, in one transaction."""

from django.db import transaction

from .codecs import CODECS
from .common import Importer


@transaction.atomic
def import_pack(pack):
    """Create or update everything in a checked pack (load_pack); returns counts of created, updated, unchanged.

    Every codec prepares its part before any is written, so a block error late in the pack writes nothing."""
    prepared = [(codec, codec.prepare(pack)) for codec in CODECS]
    importer = Importer()
    for codec, data in prepared:
        codec.write(importer, data)
    return importer.counts
