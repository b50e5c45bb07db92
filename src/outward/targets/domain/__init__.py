"""Business rules of the vendor's targets: pro-rating to a period, and setting the next ones."""
