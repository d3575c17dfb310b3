"""The mail outbox: every e-mail the site sends is a row written in the transaction of the
action it reports, tried once right after the commit and then by ``manage.py send_outbox``
with retries (docs/accounts.md, "Mail")."""
