"""Changes on the desk: operations, queries, planning, conflicts, schedules, the calendar."""
