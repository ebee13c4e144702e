from sqlalchemy import MetaData

# The service's own tables arrive with its feature issues; outbox and inbox exist already.
metadata = MetaData()
