"""What the quotas app brings to the shell (core.registry)."""
