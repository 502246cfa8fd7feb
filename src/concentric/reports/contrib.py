"""What the reports app brings to the shell (core.registry)."""
