"""Artists: accounts, showcase pages (Wagtail), the studio and special orders."""
