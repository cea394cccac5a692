"""`flask connect-number`: point a Twilio number at this line (SMS, voice and both fallbacks)."""
import os
import re
from urllib.parse import urlsplit

import click
import requests
from flask.cli import with_appcontext
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from ivr.config import E164


def make_client(account_sid: str, auth_token: str) -> Client:
    """The Twilio REST client (tests give it a stand-in HTTP client)."""
    return Client(account_sid, auth_token)


def webhook_urls(base_url: str) -> dict:
    base = base_url.rstrip("/")
    return {
        "sms_url": f"{base}/sms", "sms_method": "POST",
        "sms_fallback_url": f"{base}/fallback/sms", "sms_fallback_method": "POST",
        "voice_url": f"{base}/voice", "voice_method": "POST",
        "voice_fallback_url": f"{base}/fallback/voice", "voice_fallback_method": "POST",
    }


@click.command("connect-number")
@click.argument("number")
@click.option("--base-url", required=True, help="The line's public https URL, e.g. https://line.example.org")
@click.option("--dry-run", is_flag=True, help="Print what would be set, without calling Twilio.")
@with_appcontext
def connect_number_command(number, base_url, dry_run):
    """Set NUMBER's SMS and voice webhooks and their fallbacks to this line.

    Uses TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the environment.
    """
    if not E164.fullmatch(number):
        raise click.UsageError(f"NUMBER must be in E.164 form, like +15555550123; got {number!r}")
    parts = urlsplit(base_url)
    if parts.scheme != "https" or not parts.netloc or parts.query:
        raise click.UsageError(f"--base-url must be an https URL with no query, like https://line.example.org; "
                               f"got {base_url!r}. Twilio signs and sends data to it: plain http would expose it.")
    urls = webhook_urls(base_url)
    shown = "\n".join(f"  {name}: {value}" for name, value in urls.items() if name.endswith("_url"))
    if dry_run:
        click.echo(f"Would set {number} to:\n{shown}\n(dry run: nothing was sent to Twilio)")
        return
    account_sid = os.environ.get("TWILIO_ACCOUNT_SID", "")
    auth_token = os.environ.get("TWILIO_AUTH_TOKEN", "")
    if not re.fullmatch(r"AC[0-9a-fA-F]{32}", account_sid):
        raise click.UsageError("TWILIO_ACCOUNT_SID must be set to the account's SID (AC followed by 32 hex characters).")
    if not auth_token:
        raise click.UsageError("TWILIO_AUTH_TOKEN must be set to the account's Auth Token.")
    client = make_client(account_sid, auth_token)
    try:
        found = client.incoming_phone_numbers.list(phone_number=number, limit=2)
        if not found:
            raise click.ClickException(f"{number} is not a number on account {account_sid}.")
        found[0].update(**urls)
    except (TwilioException, requests.RequestException) as error:
        status = _http_status(error)
        if status in (401, 403):
            raise click.ClickException(f"Twilio refused the Account SID or Auth Token (HTTP {status}).") from None
        if status:
            raise click.ClickException(f"Twilio answered HTTP {status}; nothing was changed.") from None
        raise click.ClickException(f"Could not reach Twilio ({type(error).__name__}); nothing was changed.") from None
    click.echo(f"Set {number} ({found[0].sid}) to:\n{shown}")


def _http_status(error: Exception) -> int | None:
    """The HTTP status behind a twilio error: TwilioRestException has it, a failed page fetch carries the response."""
    if isinstance(error, TwilioRestException):
        return error.status
    return next((arg.status_code for arg in error.args if hasattr(arg, "status_code")), None)
