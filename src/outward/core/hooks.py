"""Template hooks: a page includes another area's section when that area provides its template.

A page names the templates it would include (e.g. `plans/hooks/partner_plans.html`); an area
adds a section by creating the template at that name, without editing the page.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import get_template


def existing_hooks(hooks: dict[str, str]) -> dict[str, str]:
    """The hook templates (hook name → template name) that some area has provided."""
    found = {}
    for name, template_name in hooks.items():
        try:
            get_template(template_name)
        except TemplateDoesNotExist:
            continue
        found[name] = template_name
    return found
