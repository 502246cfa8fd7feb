"""The activities app's declarations for the route sweeps (tests/routes.py), one module per area."""

from concentric.activities.tests import matrix_activities, matrix_donations, matrix_files

FACTORIES = {**matrix_activities.FACTORIES, **matrix_donations.FACTORIES, **matrix_files.FACTORIES}
ROUTE_SPECS = {**matrix_activities.ROUTE_SPECS, **matrix_files.ROUTE_SPECS}
VERSIONED = {**matrix_activities.VERSIONED}
