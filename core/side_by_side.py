"""One language of a page or snippet, read-only, for the side-by-side view: the same HTML for the same content.

Wagtail's revision comparison (`wagtail.admin.compare`) strips rich text to its words, so paragraphs and list
items run together where an editor saved the text (Draftail writes `<p>…</p><p>…</p>`) and stay apart where
the content pack wrote it (`<p>…</p> <p>…</p>`), and it shows a list of "what would you do?" options as raw
field names and True/False. Here rich text is read through Draftail's own converter (so pack and editor HTML
come out the same, only the features the field allows), blocks keep their labels, lists are lists and yes/no
answers are words. Other fields use Wagtail's comparison of the item with itself.
"""

import re

from django.template.defaultfilters import linebreaksbr
from django.utils.encoding import force_str
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.compare import M2MFieldComparison, RichTextFieldComparison, StreamFieldComparison
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import expand_db_html
from wagtail.rich_text import features as feature_registry

BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')  # Draftail's random paragraph ids, new on every conversion


def rich_text(html, features=None):
    """Rich text as an editor would see it in Draftail: normalised by its converter, links expanded."""
    if not html:
        return ""
    converter = ContentstateConverter(features or feature_registry.get_default_features())
    normalised = BLOCK_KEY.sub("", converter.to_database_format(converter.from_database_format(force_str(html))))
    return format_html('<div class="side-by-side__rich-text">{}</div>', mark_safe(expand_db_html(normalised)))  # noqa: S308 (built by Draftail's converter from allowed features only)


def _choice_label(block, value):
    for key, label in block.field.choices:
        if isinstance(label, (list, tuple)):  # a group of choices
            found = dict(label).get(value)
            if found is not None:
                return found
        elif key == value:
            return label
    return value


def block_html(block, value):
    """One block's value, labelled and structured like the editor's form."""
    if value is None and not isinstance(block, blocks.BooleanBlock):
        return ""  # a child block added to the definition after this version was saved
    if isinstance(block, blocks.StreamBlock):
        return format_html_join(
            "\n",
            '<div class="comparison__child-object"><p class="side-by-side__kind">{}</p>{}</div>',
            ((child.block.label, block_html(child.block, child.value)) for child in value or ()),
        )
    if isinstance(block, blocks.StructBlock):
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                ((child.label, block_html(child, value.get(name))) for name, child in block.child_blocks.items()),
            ),
        )
    if isinstance(block, blocks.ListBlock):
        items = ((block_html(block.child_block, item),) for item in value or ())
        return format_html("<ol>{}</ol>", format_html_join("", "<li>{}</li>", items))
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if value else "", block.features)
    if isinstance(block, blocks.BooleanBlock):
        return _("Yes") if value else _("No")
    if isinstance(block, blocks.ChoiceBlock):
        return escape(_choice_label(block, value))
    if isinstance(block, blocks.TextBlock):
        return linebreaksbr(value or "")
    return escape("" if value is None else force_str(value))


def _field_html(comparison):
    if isinstance(comparison, StreamFieldComparison):
        return block_html(comparison.field.stream_block, comparison.val_a)
    if isinstance(comparison, RichTextFieldComparison):
        return rich_text(comparison.val_a, getattr(comparison.field, "features", None))
    if isinstance(comparison, M2MFieldComparison):  # strands, outcomes: one per line, not comma-joined
        items = ((item,) for item in comparison.get_items()[0])
        return format_html('<ul class="comparison__items">{}</ul>', format_html_join("", "<li>{}</li>", items))
    if isinstance(comparison.val_a, bool):
        return _("Yes") if comparison.val_a else _("No")
    return comparison.htmldiff()  # the item compared with itself: its value, escaped


def readable(comparison):
    """HTML of one field (or inline child list, such as a quiz's questions) of an item compared with itself."""
    if comparison.is_field:
        return _field_html(comparison)
    children = (
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((f.field_label(), readable(f)) for f in fields))
        for fields in (child.get_field_comparisons() for child in comparison.get_child_comparisons())
    )
    return format_html_join("\n", '<dl class="comparison__list">{}</dl>', ((child,) for child in children))
