"""Entry point: `gunicorn app:app` serves the line; `python app.py` runs it locally."""
import os
import sys

from ivr import create_app
from ivr.config import SettingsError
from ivr.content import ContentError

try:
    app = create_app()
except (ContentError, SettingsError) as error:
    # A clear message first: the operator has a file or setting to fix.
    print(f"The line cannot start.\n{error}", file=sys.stderr, flush=True)
    if __name__ == "__main__":
        sys.exit(1)
    raise  # under gunicorn, an import error makes it stop ("Worker failed to boot") rather than retry

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
