"""Import jobs of every import kind (core.kit.importing): encrypted uploads, the background task,
the upload and job pages, the API and ``concentric import <kind>``."""
