from django.urls import reverse


def test_the_assignment_page_links_to_present_mode(client, teacher, classroom, assignment):
    """A teacher's page for an assigned lesson opens present mode in one click."""
    client.force_login(teacher)
    url = reverse("progress:assignment", kwargs={"pk": classroom.pk, "assignment_pk": assignment.pk})
    response = client.get(url)
    assert f'href="{response.context["lesson"].url}present/"' in response.content.decode()
