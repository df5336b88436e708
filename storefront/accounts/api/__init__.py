"""The users part of the API: sign up, log in and out, profile, the admin user list."""
