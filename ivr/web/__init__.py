"""The Twilio shell: webhook views, signatures, TwiML, the team's pages."""
