"""Ballot intake: secret ballots cast on the event loop, for the minute after a mass meeting
opens a vote.

When 5,000 people vote within a minute, Django's request cycle (a thread per request, the
middleware chain, the session and the user loaded through the ORM, the view's queries) costs
several times what the ballot itself costs. This ASGI layer sits in front of Django and takes
`POST /polls/<id>/cast/` for a **secret** poll on PostgreSQL, and does only what that request
needs, with Django's own parts where they are pure computation:

1. the CSRF check is Django's `CsrfViewMiddleware`, run on a Django `ASGIRequest`;
2. one query reads the session (which keeps its person in a column of its own,
   `accounts.PersonSession`), the person, the poll, the person's membership and elector
   weight, and the options; the session is decoded by Django's session store and the person
   checked exactly as `django.contrib.auth.get_user` does (active, session hash);
3. the ballot is read by the field names of the view's `BallotForm` and checked by the same
   `ballot_content_check` as the service's;
4. the ballot is written by one statement (`VoteCast` and `Ballot`, or nothing), which takes
   the same share lock on the poll row as `services.ballot_cast`, so a close still waits for
   it, and which writes only if the poll is open, secret and not past its closing time;
5. the receipt is the view's page (`votes.receipt`), and the response passes through the
   response side of the installed middleware (security headers, CSRF cookie, language, frame
   options).

Anything else goes to Django unchanged, with the request body replayed: a GET, a roll-call
poll, SQLite, no session, a CSRF failure, a person who is not an elector, a poll that is not
open, a ballot the form refuses, a second ballot (the unique constraint), any error before the
write. Django then answers exactly as it always does, with the reason. The intake never
refuses anything itself, so it cannot refuse differently; it only ever accepts what Django's
path would accept, and the tests hold both paths to the same outcomes.
"""

from rankfile.votes.intake.app import BallotIntake, intake_enabled
from rankfile.votes.intake.transport import MAX_BODY

__all__ = ["MAX_BODY", "BallotIntake", "intake_enabled"]
