"""Redis: shared, hot, short-lived data (rate limits, leaderboards, caches) — never the only
copy of business data."""
