from concentric.reports.tests.article import article  # noqa: F401  (the article's 2020, a fixture)
