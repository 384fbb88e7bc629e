"""
gunicorn settings for ``make bench-site``: the project's ``gunicorn.conf.py``
(which reads the environment), without the access log, which would format and
write a line for each of the benchmark's requests.
"""

from pathlib import Path
from runpy import run_path

PROJECT_SETTINGS = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"

globals().update(
    (name, value)
    for name, value in run_path(str(PROJECT_SETTINGS)).items()
    if not name.startswith("__")
)
accesslog = None
