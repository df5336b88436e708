"""What the studio's and special orders' endpoints share: fields for uploads and vibes, the services' errors as API errors."""
