"""The organisation the portal publishes for: its units (``portal.org.models.Unit``)."""
