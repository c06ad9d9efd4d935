"""Everything Qt: the window, feature packages, the task runner and app-wide events."""
