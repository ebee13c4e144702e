"""Service desk: tickets, SLAs, escalation, feedback, surveys, care rules."""
