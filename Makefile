# `make run` starts the line on http://127.0.0.1:5000; `make test` runs every test.
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PORT ?= 5000

.PHONY: run test serve bench bench-instructions bench-senders clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	PORT=$(PORT) $(VENV)/bin/python app.py

# Production: gunicorn with gunicorn.conf.py (needs TWILIO_AUTH_TOKEN and SECRET_KEY).
serve: $(VENV)/.installed
	$(VENV)/bin/gunicorn --config gunicorn.conf.py app:app

# Requests a second of the line against an app written as Twilio's docs show it, plus in-process figures (needs wrk).
bench: $(VENV)/.installed
	$(VENV)/bin/python bench/bench.py

bench-instructions: $(VENV)/.installed
	$(VENV)/bin/python bench/instructions.py

# A worker's memory and time per text as 200,000 different numbers text the line.
bench-senders: $(VENV)/.installed
	$(VENV)/bin/python bench/senders.py

test: $(VENV)/.installed
	$(VENV)/bin/flask --app app lint-content
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
