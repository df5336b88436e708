"""The email outbox against a real SMTP server on 127.0.0.1: retries, dedup, rollback, dead mail."""
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from artiqo.outbox.models import OutboxMessage, OutboxStatus
from artiqo.outbox.services import message_enqueue, message_render_enqueue, message_requeue, outbox_send_due

pytestmark = pytest.mark.django_db


def _enqueue(key: str = "welcome-1", to: str = "ada@example.com", **extra) -> OutboxMessage:
    return message_enqueue(to=[to], subject="Welcome to Artiqo", text="Hello Ada", html="<p>Hello <b>Ada</b></p>",
                           dedup_key=key, **extra)


def _send_until_settled(max_runs: int = 20) -> int:
    """Run the worker as time passes (each run an hour later) until nothing is left queued."""
    now, runs = timezone.now(), 0
    while OutboxMessage.objects.filter(status=OutboxStatus.QUEUED).exists() and runs < max_runs:
        now += timedelta(hours=12)
        outbox_send_due(now=now)
        runs += 1
    return runs


def test_a_message_the_server_refuses_three_times_arrives_exactly_once(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.handler.refuse_times = 3
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            message = _enqueue()
    # The immediate send after commit was refused: the message waits for a retry.
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 1)
    assert "451" in message.last_error and message.next_attempt_at > timezone.now()

    _send_until_settled()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.SENT, 4, "")
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["Message-ID"] == message.message_id
    assert received["To"] == "ada@example.com" and received["Subject"] == "Welcome to Artiqo"
    assert received.get_body(("plain",)).get_content().strip() == "Hello Ada"
    assert "<b>Ada</b>" in received.get_body(("html",)).get_content()
    # Nothing more goes out later.
    assert outbox_send_due(now=timezone.now() + timedelta(days=30)).total == 0
    assert len(smtp_server.messages) == 1


def test_each_retry_waits_twice_as_long_as_the_one_before(smtp_server, settings):
    settings.OUTBOX_BACKOFF_SECONDS = 30
    smtp_server.handler.refuse_times = 3
    message = _enqueue()
    waits = []
    now = timezone.now()
    for _ in range(3):
        outbox_send_due(now=now)
        message.refresh_from_db()
        waits.append(round((message.next_attempt_at - timezone.now()).total_seconds() / 30))
        now = message.next_attempt_at
    assert waits == [1, 2, 4]
    # Not due yet: a worker running before the wait is over sends nothing.
    assert outbox_send_due(now=now - timedelta(seconds=5)).total == 0
    assert outbox_send_due(now=now).sent == 1


def test_a_rolled_back_transaction_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                _enqueue()
                raise RuntimeError("the change this mail reports failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert outbox_send_due(now=timezone.now() + timedelta(days=1)).total == 0
    assert smtp_server.messages == []


def test_queueing_the_same_dedup_key_twice_sends_one_message(smtp_server):
    first = _enqueue(key="order-1-confirmation")
    again = message_enqueue(to="someone-else@example.com", subject="Other", text="Other",
                            dedup_key="order-1-confirmation")
    assert again.pk == first.pk and OutboxMessage.objects.count() == 1
    outbox_send_due()
    outbox_send_due(now=timezone.now() + timedelta(days=1))
    assert [m["To"] for m in smtp_server.messages] == ["ada@example.com"]


def test_after_the_last_attempt_the_message_is_dead_and_admins_see_why(smtp_server, settings, admin_client):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.handler.refuse_times = 100
    message = _enqueue()
    assert _send_until_settled() == 3
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DEAD, 3)
    assert "451" in message.last_error and "try again later" in message.last_error
    assert smtp_server.messages == []

    django_admin = admin_client.get("/django-admin/outbox/outboxmessage/?status__exact=dead")
    assert django_admin.status_code == 200 and b"Welcome to Artiqo" in django_admin.content
    assert b"451" in django_admin.content
    wagtail_list = admin_client.get("/cms/outbox/?status=dead")
    assert wagtail_list.status_code == 200 and b"Welcome to Artiqo" in wagtail_list.content
    assert b"451" in wagtail_list.content
    # The Wagtail list is for looking only.
    assert admin_client.get(f"/cms/outbox/edit/{message.pk}/").status_code in (302, 403)
    assert admin_client.get(f"/cms/outbox/inspect/{message.pk}/").status_code == 200


def test_an_admin_retry_gives_a_dead_message_fresh_attempts(smtp_server, settings, admin_client):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    smtp_server.handler.refuse_times = 1
    message = _enqueue()
    outbox_send_due()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    response = admin_client.post("/django-admin/outbox/outboxmessage/",
                                 {"action": "retry", "_selected_action": [message.pk]})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 0)
    assert outbox_send_due().sent == 1 and len(smtp_server.messages) == 1


def test_a_recipient_the_server_does_not_know_is_dead_at_once(smtp_server):
    smtp_server.handler.refuse_recipients = {"nobody@example.com"}
    message = _enqueue(to="nobody@example.com")
    counts = outbox_send_due()
    message.refresh_from_db()
    assert (counts.dead, message.status, message.attempts) == (1, OutboxStatus.DEAD, 1)
    assert "550" in message.last_error


def test_one_failing_message_does_not_hold_up_the_others(smtp_server):
    smtp_server.handler.refuse_recipients = {"nobody@example.com"}
    _enqueue(key="a", to="nobody@example.com")
    _enqueue(key="b", to="bob@example.com")
    _enqueue(key="c", to="cy@example.com")
    counts = outbox_send_due()
    assert (counts.sent, counts.dead) == (2, 1)
    assert sorted(m["To"] for m in smtp_server.messages) == ["bob@example.com", "cy@example.com"]


def test_send_outbox_command_sends_what_is_due(smtp_server, capsys):
    _enqueue()
    call_command("send_outbox")
    assert "sent 1, retrying 0, dead 0" in capsys.readouterr().out
    assert len(smtp_server.messages) == 1


def test_the_default_file_backend_writes_mail_a_developer_can_open(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    message = _enqueue()
    assert outbox_send_due().sent == 1
    [written] = list((tmp_path / "mail").iterdir())
    content = written.read_text()
    assert message.message_id in content and "Welcome to Artiqo" in content


def test_rendered_mail_has_a_one_line_subject_unescaped_text_and_escaped_html(settings, tmp_path):
    folder = tmp_path / "templates" / "emails"
    folder.mkdir(parents=True)
    (folder / "hello_subject.txt").write_text("Hi {{ name }},\nwelcome\n")
    (folder / "hello.txt").write_text('{% extends "emails/base.txt" %}{% block content %}Hi {{ name }}{% endblock %}')
    (folder / "hello.html").write_text('{% extends "emails/base.html" %}{% block content %}Hi {{ name }}{% endblock %}')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    settings.SITE_URL = "https://artiqo.example/"
    message = message_render_enqueue(to="ada@example.com", template="emails/hello", context={"name": "Tom & Jerry"},
                                     dedup_key="hello-1")
    assert message.subject == "Hi Tom & Jerry, welcome"
    assert message.text.startswith("Hi Tom & Jerry") and "https://artiqo.example/" in message.text
    assert "Hi Tom &amp; Jerry" in message.html and 'href="https://artiqo.example/"' in message.html


def test_a_message_needs_a_valid_recipient_and_a_dedup_key():
    with pytest.raises(ValueError):
        message_enqueue(to=[], subject="s", text="t", dedup_key="k")
    with pytest.raises(ValueError):
        message_enqueue(to="not an address", subject="s", text="t", dedup_key="k")
    with pytest.raises(ValueError):
        message_enqueue(to="a@example.com", subject="s", text="t", dedup_key="")
    assert not OutboxMessage.objects.exists()


def test_requeue_never_resends_a_sent_message(smtp_server):
    message = _enqueue()
    outbox_send_due()
    message_requeue(message=message)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert outbox_send_due(now=timezone.now() + timedelta(days=1)).total == 0


@pytest.mark.mysql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_never_send_the_same_message(smtp_server):
    if connection.vendor != "mysql":
        pytest.skip("Row locking with SKIP LOCKED needs MariaDB/MySQL; SQLite has one writer anyway.")
    for n in range(40):
        _enqueue(key=f"bulk-{n}", to=f"reader{n}@example.com")
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            while outbox_send_due(limit=3).total:
                pass
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
