class SeedError(ValueError):
    """A seed document that cannot be applied; the message names the offending member."""
