"""The member registry's import kind (core.kit.imports): its columns, its handler, its duplicate lookups."""
