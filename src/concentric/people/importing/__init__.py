"""The member registry's import kind (core.kit.importing): its columns, its handler, its duplicate lookups."""
