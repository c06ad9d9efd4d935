"""Reply templates (text modules) and macros: the variable syntax, what a macro may set, the shared columns."""
