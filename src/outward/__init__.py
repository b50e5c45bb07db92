"""Outward: partner relationship management that measures the partner's side."""

from outward.celery import app as celery_app

__all__ = ["celery_app"]
