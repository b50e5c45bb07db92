"""The Celery application. Without CELERY_BROKER_URL, tasks run inline (eagerly)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outward.settings")

app = Celery("outward")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
