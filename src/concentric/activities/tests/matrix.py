"""The activities app's declarations for the route sweeps (tests/routes.py)."""

from concentric.activities.tests.matrix_donations import FACTORIES as DONATION_FACTORIES

FACTORIES = {**DONATION_FACTORIES}
