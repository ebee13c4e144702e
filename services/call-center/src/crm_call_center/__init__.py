"""Call center: agents, queues, call tasks, calls and dispositions."""
