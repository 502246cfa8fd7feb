"""The shell's declarations for the route sweeps (tests/routes.py): its self-service routes."""

from tests.routes import self_service

ROUTE_SPECS = {
    "home": self_service(),
    "switch_unit": self_service(),
    "api:schema": self_service(api=True),
    "api:docs": self_service(),
}
