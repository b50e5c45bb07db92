import os

from django.core.wsgi import get_wsgi_application

from outward.core.wsgi import HeadWithoutBody

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outward.settings")
application = HeadWithoutBody(get_wsgi_application())
