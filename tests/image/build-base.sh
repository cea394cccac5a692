#!/usr/bin/env bash
# A base image made from Debian's packages (python3 3.11 and venv, as python:3.11-slim has), for
# a machine that reaches Debian and PyPI but no container registry. Built once, then kept.
# The machine's own certificate authorities (/usr/local/share/ca-certificates: a proxy that
# inspects TLS) are trusted inside it too, pip included, so the image can install from PyPI.
set -euo pipefail
if podman image exists localhost/line-debian-base; then
  exit 0
fi
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
mmdebstrap --quiet --variant=apt --include=python3,python3-venv,passwd,ca-certificates \
  --customize-hook='cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null || true' \
  --customize-hook='chroot "$1" update-ca-certificates' \
  bookworm "$folder/base.tar"
podman import --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' "$folder/base.tar" localhost/line-debian-base
