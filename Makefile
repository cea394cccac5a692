# `make run` starts the line on http://127.0.0.1:5000; `make test` runs every test.
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PORT ?= 5000

.PHONY: run test test-attacks test-fast serve bench bench-senders image image-test clean

# What the line needs to run (requirements.txt), and on top of it what the tests need.
$(VENV)/.installed: requirements.txt
	@echo "Installing the line's requirements into $(VENV) (the first time takes a minute or two)..."
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	@echo "Starting the line on http://127.0.0.1:$(PORT) (the first start fits the intent model: a few seconds)..."
	PORT=$(PORT) $(VENV)/bin/python app.py

# Production: gunicorn with gunicorn.conf.py, started by serve.py (needs TWILIO_AUTH_TOKEN and SECRET_KEY).
serve: $(VENV)/.installed
	$(VENV)/bin/python serve.py

# Reply times under 100 requests a second for 60 s to the line as `make serve` runs it, a worker's memory, start-up.
bench: $(VENV)/.installed-dev
	$(VENV)/bin/python bench/bench.py

# A worker's memory and time per text as 200,000 different numbers text the line.
bench-senders: $(VENV)/.installed-dev
	$(VENV)/bin/python bench/senders.py

# Three processes, each test file in one: the tests that hold sockets for seconds mostly wait. The
# content check runs once, as a test (tests/test_cli.py), and its report prints at the end.
test: $(VENV)/.installed-dev
	$(VENV)/bin/python -m pytest -n 3 --dist loadfile

# tests/attacks: minutes of connections held against the line as `make serve` runs it (CI runs it).
test-attacks: $(VENV)/.installed-dev
	ATTACK_TEST=1 $(VENV)/bin/python -m pytest -p no:cacheprovider tests/attacks

# Every test but those that start servers or hold sockets for seconds (marked slow).
test-fast: $(VENV)/.installed-dev
	$(VENV)/bin/python -m pytest -n 3 --dist loadfile -m "not slow"

# The container image (Containerfile), from BASE: the official python:3.11-slim unless given.
BASE ?= docker.io/library/python:3.11-slim
IMAGE ?= naltrexone-line
image:
	podman build --format docker --build-arg BASE=$(BASE) -t $(IMAGE) .
	podman image inspect $(IMAGE) --format 'image $(IMAGE): {{.Size}} bytes'

# Build the image on a base made from Debian's packages (no container registry needed), run
# it with podman, and test it as Twilio would use it (tests/test_image.py).
image-test: export CONTAINERS_CONF = $(CURDIR)/tests/image/containers.conf
image-test: $(VENV)/.installed-dev
	tests/image/build-base.sh
	$(MAKE) image BASE=localhost/line-debian-base
	IMAGE=$(IMAGE) IMAGE_TEST=1 $(VENV)/bin/python -m pytest -p no:cacheprovider tests/image

clean:
	rm -rf $(VENV) .pytest_cache
