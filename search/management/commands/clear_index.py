"""Haystack's `clear_index`, holding the index writer lock so queue drains never collide with it."""
from haystack.management.commands import clear_index

from search.management.locked import locked_command

Command = locked_command(clear_index.Command)
