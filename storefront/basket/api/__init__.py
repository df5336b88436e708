"""The cart part of the API: the Oscar basket a browser uses, by user id."""
