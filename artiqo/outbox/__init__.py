"""The durable email outbox: mail is written with the change it reports and sent after commit."""
