"""Blocks shared by every app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HelpContactValue(blocks.StructValue):
    def href(self):
        """Where tapping the contact goes: a phone call if there is a number, else the web address."""
        return f"tel:{self['phone']}" if self.get("phone") else self.get("url", "")


class HelpContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, label=_("Name"))
    phone = blocks.CharBlock(max_length=30, required=False, label=_("Phone number"))
    url = blocks.URLBlock(required=False, label=_("Web address"))
    purpose = blocks.CharBlock(max_length=300, label=_("What it is for"))

    class Meta:
        icon = "help"
        label = _("Help contact")
        template = "components/help_contact.html"
        value_class = HelpContactValue
        preview_value = {
            "name": _("A trusted adult"),
            "purpose": _("A parent, carer or teacher you trust. Tell them about anything that worries you."),
        }
