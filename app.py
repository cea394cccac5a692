"""Entry point: `python serve.py` (`make serve`) serves `app` with gunicorn; `python app.py` runs it locally."""
import os

from ivr import create_app
from ivr.config import SettingsError
from ivr.core.content import ContentError
from serve import cannot_start

try:
    app = create_app()
except (ContentError, SettingsError) as error:
    cannot_start(error)  # the operator has a file or a setting to fix: say which, and stop

if __name__ == "__main__":
    port = int(os.environ.get("PORT", "5000"))
    app.logger.info("Try the line in a browser: http://127.0.0.1:%d/try", port)
    app.run(host="127.0.0.1", port=port)
