from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap


class AllLanguagesSitemap(Sitemap):
    """Every live public page of the site, in every language tree (Wagtail's own lists only the default one)."""

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return Page.objects.filter(trees).live().public().order_by("path").defer_streamfields().specific()
