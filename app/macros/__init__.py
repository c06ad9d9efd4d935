"""Reply templates and macros on the desk: named operations, named reads, a macro's run and its undo."""
