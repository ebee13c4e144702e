"""Events published by services/kpi."""
