"""Excel import of people: template, guard against hostile files, reader, row checks, runner."""
