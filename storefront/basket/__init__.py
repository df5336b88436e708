"""The buyer's cart: Oscar's basket app, forked for the cart's reads and writes and the login-first add."""
