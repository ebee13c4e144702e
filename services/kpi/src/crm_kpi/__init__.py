"""KPI, targets, commission and the daily sales figures, projected from every event."""
