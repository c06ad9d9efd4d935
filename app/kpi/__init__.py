"""KPIs on the desk: daily figures, measures, periods and drill-downs for the dashboard."""
