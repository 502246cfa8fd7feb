"""Import jobs of every import kind (core.kit.imports): encrypted uploads, the background task,
the upload and job pages, the API and ``concentric import <kind>``."""
