"""gunicorn settings for Artiqo behind nginx (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py`."""
import multiprocessing
import os

wsgi_app = "artiqo.wsgi:application"
# nginx talks to gunicorn on this host only; never expose gunicorn to the internet.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Artiqo's views are plain blocking Django; 2 per core plus one is the usual start.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60  # the slowest request is a payment call (STRIPE_TIMEOUT_SECONDS 20, with retries)
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory of the recommender model, fragmentation)
max_requests_jitter = 200
# Trust X-Forwarded-Proto only from nginx on this host (Django reads it through
# SECURE_PROXY_SSL_HEADER); a client that reaches gunicorn directly cannot claim https.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms'
