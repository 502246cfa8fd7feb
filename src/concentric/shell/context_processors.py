from django.utils.functional import SimpleLazyObject

from concentric.core.working_unit import assigned_units, working_unit
from concentric.shell.menu import menu_for


def shell(request):
    """What the base layout needs: the menu and the unit switcher for the signed-in user.
    Lazy: a partial (an htmx table refresh) never shows them and never computes them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: menu_for(request)),
        "shell_units": SimpleLazyObject(lambda: assigned_units(request)),
        "shell_working_unit": SimpleLazyObject(lambda: working_unit(request)),
    }
