import pytest

from tests.factories import ImageFactory, LessonPageFactory


def _queries(client, url, django_assert_max_num_queries):
    client.get(url)  # first render makes image renditions; count the steady state
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("route", ["plan/", "step/1/", "step/4/", ""])
def test_fifty_steps_cost_the_same_queries_as_five(client, band_page_en, teacher, route, django_assert_max_num_queries):
    """A lesson of 50 steps (with images) renders in as many queries as one of 5, for teachers and pupils."""
    images = ImageFactory.create_batch(3)
    short = LessonPageFactory(parent=band_page_en, step_count=5, images=images, title="Short")
    long = LessonPageFactory(parent=band_page_en, step_count=50, images=images, title="Long")
    client.force_login(teacher)
    assert _queries(client, short.url + route, django_assert_max_num_queries) == _queries(
        client, long.url + route, django_assert_max_num_queries
    )


def test_plan_with_fifty_image_steps_renders_every_image(client, band_page_en):
    """The teacher view really shows each image step (the count test is not counting an empty page)."""
    images = ImageFactory.create_batch(3)
    lesson = LessonPageFactory(parent=band_page_en, step_count=50, images=images)
    html = client.get(lesson.url + "plan/").content.decode()
    assert html.count('alt="A picture"') == sum(1 for block in lesson.steps if block.block_type == "image")
