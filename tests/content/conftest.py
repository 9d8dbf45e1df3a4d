import pytest


def pytest_collection_modifyitems(items):
    """Every test in this folder is about the starter content: run them alone with `-m content`."""
    for item in items:
        if "tests/content/" in str(item.fspath):
            item.add_marker(pytest.mark.content)
