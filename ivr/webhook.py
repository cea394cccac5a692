"""What the webhooks share: the app and request objects behind Flask's proxies.

Every attribute read through `current_app` or `request` looks the object up again,
about 2 microseconds each; a webhook reads a dozen, which cost as much as reading
Twilio's whole form (see bench/). So each webhook looks them up once, here.
"""
from flask import Flask, Request, current_app, request


def app_and_request() -> tuple[Flask, Request]:
    return current_app._get_current_object(), request._get_current_object()
