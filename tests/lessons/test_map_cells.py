import re

from lessons.models import CurriculumPage


def test_empty_map_cells_say_so_to_screen_readers(client, en):
    """An empty cell of the curriculum map has visually hidden text, not an aria-label on a plain span."""
    html = client.get(CurriculumPage.objects.get(locale=en).url).content.decode()
    assert not re.search(r"<span[^>]*aria-label", html)
    empty = html.count('<span class="empty" aria-hidden="true">')
    assert empty > 0
    assert html.count('<span class="visually-hidden">No lesson yet</span>') == empty
