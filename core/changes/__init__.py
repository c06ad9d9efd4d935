"""Change rules: the change workflow, risk, field validation."""
