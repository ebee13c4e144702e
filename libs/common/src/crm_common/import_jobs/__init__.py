"""Imports of uploaded spreadsheets run in the background (leads' lead imports, the call
center's call lists), written once: the job a manager follows (status, counts, progress), the
uploaded file kept with it, its rejected rows, and the worker that reads the file a slice of
rows at a time, each slice one transaction with what its rows made and the job's progress.

A service keeps only its row handling: which column is which, and what a slice of rows
makes (``jobs.RowHandler``). ``model`` is pure (a service's domain may use it), ``tables``
declares the job's tables in the service's own database, ``store`` is their SQL and ``jobs``
the upload, the reads and the worker loop."""
