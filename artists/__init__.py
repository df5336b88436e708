"""Artists: identity (user + Oscar partner), Wagtail showcase pages, and applications to become one."""
