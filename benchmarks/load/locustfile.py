"""Locust user mixes for Artiqo: browse, search, cart and checkout against one host.

Run through benchmarks/load/run.py (it starts the shop under gunicorn on 127.0.0.1 and
prints the figures); to aim it at a shop already running on this machine:

    .venv/bin/locust -f benchmarks/load/locustfile.py --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8000

Every request checks its status. The only refusals counted as intended are 409s where
two buyers want the same original (adding a work sold or held meanwhile, placing an
order for it, paying for it): they are reported apart, per endpoint, in the JSON file
named by ARTIQO_LOAD_CONFLICTS_FILE. Anything else unexpected is a failure.
"""
from __future__ import annotations

import json
import os
import random
import threading
import uuid
from collections import Counter

from locust import HttpUser, between, events, task

PASSWORD = "load-Test-password-42"
SEARCH_WORDS = ["blue", "sea", "calm", "portrait", "city", "forest", "dreamy", "night", "garden", "bold",
                "harbour", "abstract", "watercolour", "oil", "light", "winter"]
TEST_CARD = "4242424242424242"

intended_conflicts: Counter = Counter()
_catalogue_lock = threading.Lock()
catalogue: dict[str, list] = {"artworks": [], "contested": [], "artists": []}


@events.test_start.add_listener
def catalogue_read(environment, **kwargs):
    """What the users pick from: public works for sale, a few contested originals, artists."""
    import requests

    host = environment.host.rstrip("/")
    artworks = []
    for page in (1, 2, 3):
        reply = requests.get(f"{host}/api/v1/products/products", timeout=60,
                             params={"available": "true", "page_size": 100, "page": page})
        if reply.status_code != 200:
            break
        artworks += [(row["id"], row["url"].split("://", 1)[-1].split("/", 1)[-1], row["kind"])
                     for row in reply.json()["results"]]
        if not reply.json().get("next"):
            break
    if not artworks:
        raise RuntimeError("No artworks for sale: load demo data first (benchmarks/load/run.py does).")
    artists = [row["id"] for row in requests.get(f"{host}/api/v1/artists", timeout=60).json()["results"]]
    originals = [artwork for artwork in artworks if artwork[2] == "original"]
    with _catalogue_lock:
        catalogue["artworks"] = artworks
        # Ten originals every checkout user wants: buyers collide on them, as on a popular work.
        catalogue["contested"] = random.Random(7).sample(originals, min(10, len(originals)))
        catalogue["artists"] = artists


def contested_replace(sold: tuple) -> None:
    """A contested work is gone: another original becomes the one everybody wants."""
    with _catalogue_lock:
        if sold in catalogue["contested"]:
            catalogue["contested"].remove(sold)
            candidates = [artwork for artwork in catalogue["artworks"]
                          if artwork[2] == "original" and artwork not in catalogue["contested"] and artwork != sold]
            if candidates:
                catalogue["contested"].append(random.choice(candidates))
            if not catalogue["contested"]:
                catalogue["contested"].append(sold)  # never empty: the buyer then meets a 409


@events.test_stop.add_listener
def conflicts_write(environment, **kwargs):
    path = os.environ.get("ARTIQO_LOAD_CONFLICTS_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump(dict(intended_conflicts), handle, indent=2)


def expect(response, *codes: int, conflict_ok: bool = False) -> bool:
    """Mark a `catch_response` reply: success on `codes`, an intended conflict on 409."""
    if response.status_code in codes:
        response.success()
        return True
    if conflict_ok and response.status_code == 409:
        intended_conflicts[response.request_meta["name"]] += 1
        response.success()
        return False
    response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
    return False


class Visitor(HttpUser):
    """Browses the shop's pages and the catalogue API (no account)."""

    weight = 5
    wait_time = between(0.5, 2)

    @task(4)
    def browse(self):
        page = random.choice(["", "?page=2", "?page=3", "?sort=price_asc", "?vibe=calm&available=1",
                              "?min_price=100&max_price=800"])
        with self.client.get(f"/shop/catalogue/{page}", name="/shop/catalogue/?…", catch_response=True) as reply:
            expect(reply, 200)

    @task(4)
    def artwork_page(self):
        _, path, _ = random.choice(catalogue["artworks"])
        with self.client.get(f"/{path}", name="/shop/catalogue/<artwork>/", catch_response=True) as reply:
            expect(reply, 200)

    @task(2)
    def api_products(self):
        with self.client.get("/api/v1/products/products", params={"page": random.randint(1, 5)},
                             name="/api/v1/products/products", catch_response=True) as reply:
            expect(reply, 200)

    @task(2)
    def api_product(self):
        artwork_id = random.choice(catalogue["artworks"])[0]
        with self.client.get(f"/api/v1/products/{artwork_id}", name="/api/v1/products/<id>",
                             catch_response=True) as reply:
            expect(reply, 200)

    @task(1)
    def artists(self):
        with self.client.get(f"/api/v1/artists/{random.choice(catalogue['artists'])}", name="/api/v1/artists/<id>",
                             catch_response=True) as reply:
            expect(reply, 200)

    @task(1)
    def recommendations(self):
        with self.client.get("/api/v1/recommendations/", name="/api/v1/recommendations/",
                             catch_response=True) as reply:
            expect(reply, 200)


class Searcher(HttpUser):
    """Searches, on the results page and through the API, with filters and suggestions."""

    weight = 3
    wait_time = between(0.5, 2)

    def words(self) -> str:
        return " ".join(random.sample(SEARCH_WORDS, random.choice([1, 1, 2])))

    @task(3)
    def results_page(self):
        with self.client.get("/shop/search/", params={"q": self.words()}, name="/shop/search/?q=",
                             catch_response=True) as reply:
            expect(reply, 200)

    @task(3)
    def api_search(self):
        params = {"q": self.words()}
        if random.random() < 0.3:
            params["max_price"] = "500"
        with self.client.get("/api/v1/search/", params=params, name="/api/v1/search/?q=", catch_response=True) as reply:
            expect(reply, 200)

    @task(1)
    def suggest(self):
        with self.client.get("/api/v1/search/suggest", params={"q": random.choice(SEARCH_WORDS)[:3]},
                             name="/api/v1/search/suggest?q=", catch_response=True) as reply:
            expect(reply, 200)


class Buyer(HttpUser):
    """A signed-up buyer (API token): shared set-up of the cart and checkout mixes."""

    abstract = True

    def on_start(self):
        username = f"load-{uuid.uuid4().hex[:12]}"
        with self.client.post("/api/v1/users/register", name="/api/v1/users/register", catch_response=True,
                              json={"username": username, "email": f"{username}@example.com",
                                    "password": PASSWORD, "first_name": "Load", "last_name": "Tester"}) as reply:
            expect(reply, 201)
        with self.client.post("/api/v1/users/login", name="/api/v1/users/login", catch_response=True,
                              json={"username": username, "password": PASSWORD}) as reply:
            if expect(reply, 201):
                body = reply.json()
                self.user_id = body["user"]["id"]
                self.client.headers["Authorization"] = f"Token {body['token']}"

    def cart_add(self, artwork_id: int) -> bool:
        with self.client.post(f"/api/v1/cart/{self.user_id}/add", json={"product_id": artwork_id},
                              name="/api/v1/cart/<user>/add", catch_response=True) as reply:
            # 409: sold, or held by another buyer's order (the intended collision).
            return expect(reply, 201, conflict_ok=True)

    def cart_remove(self, artwork_id: int) -> None:
        with self.client.delete(f"/api/v1/cart/{self.user_id}/remove/{artwork_id}",
                                name="/api/v1/cart/<user>/remove/<id>", catch_response=True) as reply:
            expect(reply, 200)


class CartBuyer(Buyer):
    """Fills and empties a cart, looking at it in between."""

    weight = 2
    wait_time = between(0.5, 2)

    @task
    def fill_look_empty(self):
        artwork_id = random.choice(catalogue["artworks"])[0]
        added = self.cart_add(artwork_id)
        with self.client.get(f"/api/v1/cart/{self.user_id}", name="/api/v1/cart/<user>", catch_response=True) as reply:
            expect(reply, 200)
        if added:
            self.cart_remove(artwork_id)


class CheckoutBuyer(Buyer):
    """Buys: cart, order (held for them), payment with the test gateway's good card.

    Half the time the work is one of ten contested originals, so buyers collide: one
    gets it, the others get 409 at the cart, the order or the payment. A contested work
    found sold is replaced by another original, so the contest lasts the whole run.
    """

    weight = 1
    wait_time = between(1, 3)

    @task
    def buy(self):
        contested = random.random() < 0.5
        artwork = random.choice(catalogue["contested"] if contested else catalogue["artworks"])
        artwork_id = artwork[0]
        if not self.cart_add(artwork_id):
            if contested:
                contested_replace(artwork)
            return
        with self.client.post("/api/v1/orders/", json={}, name="/api/v1/orders/ (place)", catch_response=True,
                              headers={"Idempotency-Key": uuid.uuid4().hex}) as reply:
            placed = expect(reply, 201, conflict_ok=True)
            number = reply.json()["number"] if placed else None
        if not placed:
            self.cart_remove(artwork_id)  # the work went to someone else: take it out of the cart
            return
        with self.client.post(f"/api/v1/orders/{number}/pay", json={"card_number": TEST_CARD},
                              name="/api/v1/orders/<number>/pay", catch_response=True,
                              headers={"Idempotency-Key": uuid.uuid4().hex}) as reply:
            expect(reply, 200, conflict_ok=True)
        with self.client.get(f"/api/v1/orders/{number}", name="/api/v1/orders/<number>", catch_response=True) as reply:
            expect(reply, 200)
