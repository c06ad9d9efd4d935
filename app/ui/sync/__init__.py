"""The desktop side of team sync: controller, status bar widget, sign-in dialog, conflict inbox."""
