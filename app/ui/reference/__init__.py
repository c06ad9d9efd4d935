"""The Reference data page: services, groups and their members, categories and sites."""
