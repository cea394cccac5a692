"""Entry point: `gunicorn app:app` serves the line; `python app.py` runs it locally."""
import os
import sys

from ivr import create_app
from ivr.config import SettingsError
from ivr.content import ContentError

try:
    app = create_app()
except (ContentError, SettingsError) as error:
    # A clear message instead of a traceback: the operator has a file or setting to fix.
    sys.exit(f"The line cannot start.\n{error}")

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
