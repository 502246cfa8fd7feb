"""The activities app's declarations for the route sweeps (tests/routes.py), one module per area."""

from concentric.activities.tests import matrix_activities, matrix_donations, matrix_files, matrix_volunteering

AREAS = (matrix_activities, matrix_donations, matrix_files, matrix_volunteering)
FACTORIES = {model: build for area in AREAS for model, build in getattr(area, "FACTORIES", {}).items()}
ROUTE_SPECS = {name: spec for area in AREAS for name, spec in getattr(area, "ROUTE_SPECS", {}).items()}
VERSIONED = {name: values for area in AREAS for name, values in getattr(area, "VERSIONED", {}).items()}
