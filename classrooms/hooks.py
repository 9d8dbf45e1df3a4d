"""Hooks classrooms offers to the apps above it (events go up, imports point down).

DASHBOARD_LINKS: a function `(request, classrooms) -> {classroom pk: [{"url": ..., "label": ...}, ...]}` adds
links to each class's card on the teacher's dashboard. It is called once per dashboard, with every class
shown, so it must cost a fixed number of queries.
"""

DASHBOARD_LINKS = "classrooms_dashboard_links"
