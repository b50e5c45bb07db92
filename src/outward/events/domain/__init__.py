"""Business rules for events."""
