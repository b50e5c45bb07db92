"""Template hooks: a page includes another area's section only when its template exists."""

from outward.core.hooks import existing_hooks


def test_existing_hooks_keeps_only_templates_that_exist():
    hooks = {"page": "partners/detail.html", "later": "nobody/hooks/not_written_yet.html"}

    assert existing_hooks(hooks) == {"page": "partners/detail.html"}
