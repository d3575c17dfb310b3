"""The production server's settings: ``gunicorn -c gunicorn.conf.py smewindow.web.wsgi``.

``gthread`` workers keep idle keep-alive connections in a poller instead of a blocked
process: with the default ``sync`` workers, a visitor reading a page between two requests
holds a whole worker, and 50 readers on 3 workers wait hundreds of ms for one another
(measured by ``benchmarks/bench_web.py``: p95 720 ms with ``sync``). Python runs one
thread at a time per process, so CPU parallelism comes from the processes (one per core,
plus one), and the threads only overlap waiting (database, network).
Override with SMEWINDOW_BIND, SMEWINDOW_WORKERS and SMEWINDOW_THREADS.
"""

import os

bind = os.environ.get("SMEWINDOW_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SMEWINDOW_WORKERS", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("SMEWINDOW_THREADS", 4))
keepalive = 5
"""Seconds an idle connection is kept: covers a reader's pause between two pages."""
