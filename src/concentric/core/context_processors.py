from concentric.core.menu import menu_for
from concentric.core.shell import assigned_units, working_unit


def shell(request):
    """What the base layout needs: the menu and the unit switcher for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": menu_for(request),
        "shell_units": assigned_units(request),
        "shell_working_unit": working_unit(request),
    }
