"""Purges the shared page cache (core/caching.py) when what a visitor would see changes: a page published,
unpublished or deleted purges it and the pages above it that list it, in both languages; a move, or a
change to the help contacts, the reporting procedure, a page's view restrictions or a site purges every page
(cached pages are served before Wagtail's routing and its restriction check, core.caching.serve_cached_pages)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .caching import purge_pages, purge_site
from .models import HelpContacts, ReportingProcedure


def purge_page_and_ancestors(page):
    purge_pages(page.get_ancestors(inclusive=True).exclude(depth=1))


@receiver(page_published, dispatch_uid="core.purge_published")
@receiver(page_unpublished, dispatch_uid="core.purge_unpublished")
def on_page_changed(sender, instance, **kwargs):
    purge_page_and_ancestors(instance)


@receiver(post_delete, dispatch_uid="core.purge_deleted")
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_pages([instance])
        parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
        if parent is not None:
            purge_page_and_ancestors(parent)


@receiver(post_save, dispatch_uid="core.purge_alias_created")
def on_alias_created(sender, instance, created, **kwargs):
    """A new alias page takes its source's view restrictions: the list of pages to check (caching.checked_paths)
    is made again."""
    if created and isinstance(instance, Page) and instance.alias_of_id:
        purge_site()


@receiver(post_page_move, dispatch_uid="core.purge_moved")
def on_page_moved(sender, instance, **kwargs):
    purge_site()  # every path below the page changed, and menus and breadcrumbs with them


@receiver(post_save, sender=HelpContacts, dispatch_uid="core.purge_help_contacts_saved")
@receiver(post_delete, sender=HelpContacts, dispatch_uid="core.purge_help_contacts_deleted")
@receiver(post_save, sender=ReportingProcedure, dispatch_uid="core.purge_reporting_saved")
@receiver(post_delete, sender=ReportingProcedure, dispatch_uid="core.purge_reporting_deleted")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="core.purge_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="core.purge_restriction_deleted")
@receiver(post_save, sender=Site, dispatch_uid="core.purge_site_saved")
@receiver(post_delete, sender=Site, dispatch_uid="core.purge_site_deleted")
def on_shown_everywhere_changed(sender, **kwargs):
    purge_site()
