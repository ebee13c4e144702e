"""kpi's read side: figures, KPI values, commission statements and targets as the API shows
them, each query scoped by the shared policy."""
