"""A deterministic synthetic registry (realistic names, valid ID numbers, the article's shares): the
demo members of `make run` and the bench's seeds."""
