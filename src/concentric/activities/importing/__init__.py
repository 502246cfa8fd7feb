"""The import of activities with their participants and volunteer hours (one row per participant)."""
