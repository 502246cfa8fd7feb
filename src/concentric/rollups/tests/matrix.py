"""The rollups app's declarations for the sweeps (tests/routes.py): the records page is open to
every signed-in user; what it lists is the user's own scope (tested in test_records_page.py)."""

from tests.routes import self_service

ROUTE_SPECS = {"rollups:records": self_service()}
