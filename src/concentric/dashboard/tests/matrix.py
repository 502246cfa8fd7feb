"""The dashboard's declarations for the sweeps (tests/routes.py): its page, export and API are open
to every signed-in user and show only the figures of the user's own scope (tested in
test_dashboard.py)."""

from tests.routes import self_service

ROUTE_SPECS = {
    "dashboard:index": self_service(),
    "dashboard:export": self_service(),
    "api:dashboard": self_service(api=True),
}
