"""The artists endpoints, and what the studio's and special orders' endpoints share (upload and vibe fields)."""
