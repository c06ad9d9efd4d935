"""People and reference data: persons, groups, categories, services, configuration items."""
