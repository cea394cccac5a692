"""The SMS session cookie (the conversation's language), signed with SECRET_KEY.

Only the SMS webhook uses a session: every other request gets Flask's null session
(empty, never saved). Flask also builds a new signing serializer for every request;
the key never changes while the app runs, so this builds it once.
"""
from flask.sessions import SecureCookieSessionInterface

SESSION_PATHS = {"/sms"}  # matched by path: Flask opens the session before it routes the request


class SmsSessionInterface(SecureCookieSessionInterface):
    def __init__(self):
        self._serializers = {}

    def get_signing_serializer(self, app):
        serializer = self._serializers.get(id(app))
        if serializer is None:
            serializer = self._serializers[id(app)] = super().get_signing_serializer(app)
        return serializer

    def open_session(self, app, request):
        if request.path not in SESSION_PATHS:
            return self.make_null_session(app)
        return super().open_session(app, request)
