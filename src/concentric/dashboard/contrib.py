"""What the dashboard app brings to the shell (core.registry)."""
