"""What information publishing brings to the shell (filled in as the pages arrive)."""
