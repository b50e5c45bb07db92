"""Business rules of territory mapping (shared/spec/territories.md)."""
