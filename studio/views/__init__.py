"""Studio pages, by area: `works` (dashboard, art, orders, special orders, showcase), `apply` (becoming an
artist), `billing` (earnings, plan, featured listings, card) and `payouts`."""
