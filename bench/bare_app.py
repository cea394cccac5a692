"""The yardstick for `make bench`: a bare Flask app that answers every webhook with a constant TwiML string."""
from flask import Flask, Response

app = Flask(__name__)
SMS = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hello.</Message></Response>'
VOICE = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello.</Say></Response>'


@app.post("/sms")
def sms():
    return Response(SMS, mimetype="text/xml")


@app.post("/voice")
def voice():
    return Response(VOICE, mimetype="text/xml")


@app.get("/healthz")
def healthz():
    return "ok"
