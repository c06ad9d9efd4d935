"""The change calendar: month, week and day views and a swimlane timeline with live conflict checks."""
