"""How a service runs: the HTTP app skeleton, the worker, and the ``api|worker|migrate`` CLI."""
