"""Blocks of a parent guide: calm, practical sections a parent can read on a phone."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import HelpContactBlock

GUIDE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class GuideTextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    body = blocks.RichTextBlock(features=GUIDE_FEATURES, label=_("Text"))

    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "parents/blocks/text.html"
        preview_value = {
            "heading": _("Start early, keep it ordinary"),
            "body": _("<p>Short, calm talks in everyday moments work better than one big talk.</p>"),
        }


class GuideTipBlock(blocks.StructBlock):
    message = blocks.CharBlock(max_length=300, label=_("Message"))

    class Meta:
        icon = "pick"
        label = _("Key message")
        template = "parents/blocks/tip.html"
        preview_value = {"message": _("Whatever happened, it is never your child's fault.")}


class GuideBodyBlock(blocks.StreamBlock):
    text = GuideTextBlock()
    tip = GuideTipBlock()


class ConversationStarterBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300, label=_("What you might say"))
    why = blocks.CharBlock(max_length=300, required=False, label=_("Why it helps"))

    class Meta:
        icon = "openquote"
        label = _("Conversation starter")
        template = "parents/blocks/conversation_starter.html"
        preview_value = {
            "question": _("Which games do your friends play? Can you show me how it works?"),
            "why": _("Being curious, not worried, keeps the door open."),
        }


class WarningSignBlock(blocks.StructBlock):
    sign = blocks.CharBlock(max_length=300, label=_("Sign"))
    detail = blocks.CharBlock(max_length=400, required=False, label=_("More about it"))

    class Meta:
        icon = "warning"
        label = _("Warning sign")
        template = "parents/blocks/warning_sign.html"
        preview_value = {
            "sign": _("A new online friend gives gifts such as game currency or skins."),
            "detail": _("Gifts can be a way to make a child feel they owe something back."),
        }


class ResponseStepBlock(blocks.StructBlock):
    action = blocks.CharBlock(max_length=200, label=_("What to do"))
    detail = blocks.CharBlock(max_length=500, required=False, label=_("How"))

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "parents/blocks/response_step.html"
        preview_value = {
            "action": _("Stay calm and listen."),
            "detail": _("Thank your child for telling you. Say it is not their fault."),
        }


class SettingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Setting or tool"))
    detail = blocks.CharBlock(max_length=500, label=_("How to set it up"))

    class Meta:
        icon = "cog"
        label = _("Setting or tool")
        template = "parents/blocks/setting.html"
        preview_value = {
            "title": _("Who can message my child"),
            "detail": _("Set messages to friends only, and look at the friend list together."),
        }


class ReportPlaceBlock(HelpContactBlock):
    """Where to report: shown like a help contact, with room for a longer explanation."""

    purpose = blocks.CharBlock(max_length=400, label=_("What it is for"))

    class Meta:
        icon = "link-external"
        label = _("Where to report")
        preview_value = {
            "name": _("The app or game's report button"),
            "purpose": _("Report the account and the messages, then block it."),
        }
