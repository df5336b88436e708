"""Haystack's `update_index`, holding the index writer lock so queue drains never collide with it."""
from haystack.management.commands import update_index

from search.management.locked import locked_command

Command = locked_command(update_index.Command)
