"""The read side of the service desk: queries scoped by the shared policy."""
