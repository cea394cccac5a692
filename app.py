"""Entry point: `gunicorn app:app` serves the line; `python app.py` runs it locally."""
import os
import sys

from ivr import create_app
from ivr.config import SettingsError
from ivr.core.content import ContentError

try:
    app = create_app()
except (ContentError, SettingsError) as error:
    # The operator has a file or a setting to fix: say which, with no traceback to scroll past.
    print(f"The line cannot start.\n{error}", file=sys.stderr, flush=True)
    # 4 is gunicorn's "the app cannot load": its master then stops rather than start the worker again.
    sys.exit(4)

if __name__ == "__main__":
    port = int(os.environ.get("PORT", "5000"))
    app.logger.info("Try the line in a browser: http://127.0.0.1:%d/try", port)
    app.run(host="127.0.0.1", port=port)
