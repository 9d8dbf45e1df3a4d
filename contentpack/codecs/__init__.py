"""One codec per content type of the pack. Each module has, side by side:

- check(pack): raise PackError for the first problem in its files (run by load_pack, before anything is written);
- prepare(pack): its files as the data the site stores (block data checked by the blocks), nothing written;
- write(importer, prepared): create or update the site's items; unchanged items are left alone;
- export(exporter): the site's items back into its files, so that prepare(export(write(prepare(p)))) == prepare(p).

CODECS is in dependency order: a codec may link to what the codecs before it wrote or exported.
"""

from . import guidance, guides, lessons, quizzes, site, taxonomy

CODECS = (taxonomy, guidance, site, quizzes, lessons, guides)
