"""Event contracts, one package per publishing service, one module per major version."""
