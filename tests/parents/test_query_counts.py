import pytest

from parents.models import ParentGuidePage, ParentsIndexPage


def _guide(index, band, topics, *, items):
    """A published guide with `items` entries in every section."""
    guide = ParentGuidePage(
        title=f"Guide with {items} items",
        age_band=band,
        summary="A guide made by a test.",
        body=[
            {"type": "text", "value": {"heading": "Heading", "body": "<p>Talk calmly.</p>"}}
            if number % 2
            else {"type": "tip", "value": {"message": "It is never your child's fault."}}
            for number in range(items)
        ],
        conversation_starters=[{"type": "starter", "value": {"question": "What do you play?", "why": ""}}] * items,
        warning_signs=[{"type": "sign", "value": {"sign": "Gifts from strangers.", "detail": ""}}] * items,
        if_child_tells=[{"type": "step", "value": {"action": "Listen.", "detail": "Stay calm."}}] * items,
        settings_tools=[{"type": "setting", "value": {"title": "Messages", "detail": "Friends only."}}] * items,
        where_to_report=[
            {"type": "place", "value": {"name": "Police", "phone": "110", "url": "", "purpose": "Danger."}}
        ]
        * items,
    )
    guide.topics = topics
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def _count(client, url, django_assert_max_num_queries):
    client.get(url)
    with django_assert_max_num_queries(30) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_guide_of_sixty_items_costs_the_same_queries_as_one_of_two(client, django_assert_max_num_queries):
    """A guide page renders in a fixed number of queries however many items its sections hold."""
    index = ParentsIndexPage.objects.get(locale__language_code="en")
    existing = ParentGuidePage.objects.child_of(index).first()
    topics = list(existing.topics.all())
    short = _guide(index, existing.age_band, topics, items=2)
    long = _guide(index, existing.age_band, topics, items=60)
    short_count, _ = _count(client, short.url, django_assert_max_num_queries)
    long_count, html = _count(client, long.url, django_assert_max_num_queries)
    assert short_count == long_count
    assert html.count("What do you play?") == 60


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_guides(client, django_assert_max_num_queries):
    """The parents' index costs the same queries with five more guides."""
    index = ParentsIndexPage.objects.get(locale__language_code="en")
    existing = ParentGuidePage.objects.child_of(index).first()
    before, _ = _count(client, index.url, django_assert_max_num_queries)
    for _number in range(5):
        _guide(index, existing.age_band, list(existing.topics.all()), items=2)
    after, html = _count(client, index.url, django_assert_max_num_queries)
    assert before == after
    assert html.count("Guide with 2 items") >= 5
