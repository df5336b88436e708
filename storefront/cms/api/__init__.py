"""The CMS's content API (Wagtail API v2, read-only, /api/v2/)."""
