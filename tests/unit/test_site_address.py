"""Links in emails lead to the shop where `make run` serves it, whatever the port."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _site_url(**env) -> str:
    clean = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT")}
    clean.update(env, DJANGO_SETTINGS_MODULE="artiqo.settings.dev")
    done = subprocess.run([sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
                          cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_site_address_follows_the_port_make_run_serves_on():
    assert _site_url() == "http://127.0.0.1:8000"
    assert _site_url(PORT="8080") == "http://127.0.0.1:8080"


def test_a_configured_site_url_wins():
    assert _site_url(PORT="8080", SITE_URL="https://artiqo.example") == "https://artiqo.example"
