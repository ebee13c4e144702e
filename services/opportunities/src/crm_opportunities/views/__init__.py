"""The opportunities service's read side: queries as the API shows them, each scoped by the
shared policy — the pipeline's board and reports, evaluation questionnaires, partners'
applications."""
