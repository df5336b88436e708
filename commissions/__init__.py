"""Commissions: special orders, a buyer's brief to one artist, quoted, paid, made and delivered."""
