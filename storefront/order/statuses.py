"""Order status names and the transitions staff may make (plain constants; the Order model takes PIPELINE)."""

PENDING_PAYMENT = "Pending payment"
PAID = "Paid"
SHIPPED = "Shipped"
COMPLETE = "Complete"
EXPIRED = "Expired"
CANCELLED = "Cancelled"
REFUNDED = "Refunded"

# Statuses in which the order's stock is held for the buyer (hold may still expire).
HOLDING = (PENDING_PAYMENT,)
# Statuses of an order the buyer has paid for and the artists must fulfil.
SOLD = (PAID, SHIPPED, COMPLETE)
# Statuses from which a late successful payment can still claim the works.
PAYABLE = (PENDING_PAYMENT, EXPIRED)

PIPELINE = {
    PENDING_PAYMENT: (PAID, EXPIRED, CANCELLED),
    EXPIRED: (PENDING_PAYMENT, PAID, CANCELLED),
    PAID: (SHIPPED, REFUNDED),
    SHIPPED: (COMPLETE,),
    COMPLETE: (),
    CANCELLED: (),
    REFUNDED: (),
}
