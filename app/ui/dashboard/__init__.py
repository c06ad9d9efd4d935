"""The dashboard: KPI charts with filters, drill-down into the queue and exports."""
