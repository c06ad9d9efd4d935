"""The CMDB's rules: CI classes and their attributes, lifecycle statuses, relation types, cycle-safe traversal."""
