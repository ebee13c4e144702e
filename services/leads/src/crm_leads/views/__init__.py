"""leads' read side: leads, pools and the customer directory as the API and the call center
see them, each query scoped by the shared policy."""
