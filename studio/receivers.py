"""Listeners: delivering a special order ships the order line that paid for its work."""
from studio.services import order_lines_ship


def on_special_order_delivering(sender, special_order, line, note: str, **kwargs) -> None:
    # The special order's own event mails the buyer the note: no second "shipped" mail.
    order_lines_ship(artist=special_order.artist, order=line.order, line_ids=[line.pk], note=note, notify=False)
