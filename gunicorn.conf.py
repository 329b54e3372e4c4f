"""gunicorn's production configuration for Salon Matchmaker (``make serve``).

Sync workers, 2 × cores + 1 of them: each request has a process to itself, so a slow page
never holds up another's thread and a crash takes one request down, not a dozen. gthread
workers are not supported (see README, "Serving in production"). Override with the usual
gunicorn flags or with MATCHMAKER_BIND / MATCHMAKER_WORKERS / MATCHMAKER_ACCESS_LOG.
"""

import multiprocessing
import os

wsgi_app = "matchmaker:create_app()"
bind = os.environ.get("MATCHMAKER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MATCHMAKER_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request that takes longer than this is a bug; solver runs are background jobs, not requests.
timeout = 60
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow for the whole fair.
max_requests = 5000
max_requests_jitter = 500
# Behind a reverse proxy (nginx, a load balancer) on the same machine or network.
forwarded_allow_ips = os.environ.get("MATCHMAKER_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("MATCHMAKER_ACCESS_LOG") or None  # "-" logs to stdout
errorlog = "-"
# Load the app once in the master and compute what every worker needs (search index, jieba's
# dictionary) before forking: workers start warm and share that memory.
preload_app = True


def when_ready(server):
    from matchmaker.warmup import warm_shared_state

    warm_shared_state(server.app.wsgi())
