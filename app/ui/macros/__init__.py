"""Reply templates and macros in the window: the manager page and the controller that applies macros."""
