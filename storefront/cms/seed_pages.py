"""The first words of the shop's own pages, `/about/` and `/how-it-works/`, for `setup_artiqo` to seed.

They are ordinary editorial pages: editors change or rewrite them in the CMS, and seeding
never touches a page that exists. Figures that admins set in the CMS (the commission,
plan prices, delivery rates) are left out of the text, so it never contradicts them.
"""
from __future__ import annotations

BROWSE, SEARCH, ARTISTS, APPLY = "/shop/catalogue/", "/shop/search/", "/artists/", "/studio/apply/"

ABOUT = {
    "slug": "about",
    "title": "About Artiqo",
    "seo_title": "About Artiqo: art by local artists",
    "intro": ("Artiqo is a marketplace where local artists show and sell their own drawings, paintings and "
              "limited editions, and where you find a work that feels right — or ask for one made for you."),
    "body": [
        ("heading", "Art from people near you"),
        ("paragraph",
         "<p>Every work on Artiqo is listed by the artist who made it. They set the price, write about the work, "
         "pack it and post it to you themselves (or you collect it from their studio). When you buy, the money goes "
         "to the artist, less Artiqo's commission, which keeps the shop running.</p>"),
        ("heading", "Every work has a vibe"),
        ("paragraph",
         "<p>Art is easier to find by how it feels than by its technique. So each work carries one vibe — "
         "<b>calm</b>, <b>bold</b>, <b>dreamy</b>, <b>dark</b>, <b>playful</b>, <b>melancholic</b>, "
         "<b>vibrant</b> or <b>minimal</b> — next to its medium, style and size. Browse by vibe, search for "
         "anything from “harbour at dusk” to an artist's name, and the more you buy, the better our "
         "recommendations fit your taste.</p>"),
        ("heading", "Originals and limited editions"),
        ("paragraph",
         "<p>An <b>original</b> is one of a kind: once it is sold, it is gone, and the shop says so. A "
         "<b>limited edition</b> is a numbered run of prints, signed by the artist; the page tells you how many "
         "are left.</p>"),
        ("heading", "Made for you"),
        ("paragraph",
         "<p>Many artists take <b>special orders</b>: describe what you would like, your budget and when you need "
         "it, add reference pictures, and the artist answers with a quote. You only pay once you accept it.</p>"),
        ("call_to_action", {"text": "Ready to look around?", "label": "Browse the shop", "page": None,
                            "url": BROWSE}),
        ("call_to_action", {"text": "Do you make art yourself?", "label": "Sell on Artiqo", "page": None,
                            "url": APPLY}),
    ],
}

HOW_IT_WORKS = {
    "slug": "how-it-works",
    "title": "How it works",
    "seo_title": "How buying, commissioning and selling work on Artiqo",
    "intro": "Finding, buying and commissioning art on Artiqo, and how artists sell here — step by step.",
    "body": [
        ("heading", "1. Find a work"),
        ("paragraph",
         f'<p><a href="{BROWSE}">Browse</a> all works, or narrow them down by vibe, category, medium, style, size '
         f'and price. <a href="{SEARCH}">Search</a> looks through titles, descriptions, artists and tags, and '
         f'corrects a misspelt word. Each <a href="{ARTISTS}">artist</a> has a page with their story and all '
         "their work.</p>"),
        ("heading", "2. Buy it"),
        ("paragraph",
         "<ol><li>Add the work to your cart. You will need an account to check out: signing up takes your name, "
         "your email address and a password.</li>"
         "<li>At checkout, give the delivery address and choose how the work reaches you: posted by the artist "
         "(a flat rate per artist) or collected from the artist's studio for free.</li>"
         "<li>Review the order and pay by card. Placing the order holds the works for you for a few minutes while "
         "you pay, so nobody else can buy them meanwhile.</li>"
         "<li>You get a confirmation by email, and another from each artist when they post your work.</li></ol>"
         "<p>A cart can hold works by several artists: it is one order and one payment, and each artist sends "
         "their own part. If a card is declined, nothing is charged and the order can be paid again from your "
         "account.</p>"),
        ("heading", "3. Ask for a special order"),
        ("paragraph",
         "<p>On the page of an artist who takes commissions, choose “Commission this artist”. Describe the "
         "work, your budget and the date you would like it by. The artist replies with a quote — a price and "
         "a ready-by date — or declines. Accept the quote and you pay for it like any other work; the artist "
         "then starts, sends it with photos of the finished piece, and you confirm when it has arrived. Each "
         "step is emailed to you and listed on the special order's page.</p>"),
        ("heading", "4. Selling your art"),
        ("paragraph",
         "<p>Artists sell from their <b>studio</b>: upload a work with its pictures, price, vibe, medium and "
         "size, and it is for sale at once; see the orders of your art, mark them shipped, answer special orders "
         "and keep your showcase page up to date. Artiqo takes a commission on each sale; a subscription plan "
         "can lower it, and you can pay to feature a work at the top of the shop.</p>"
         "<p>To become an artist on Artiqo, sign in and send a short application: your artist name, where you "
         "work and a few words about your art. We read every application and answer by email; once it is "
         "approved, your studio opens.</p>"),
        ("call_to_action", {"text": "Looking for something?", "label": "Browse the shop", "page": None,
                            "url": BROWSE}),
        ("call_to_action", {"text": "Want to sell your art here?", "label": "Become an artist", "page": None,
                            "url": APPLY}),
    ],
}

EDITORIAL_PAGES = (ABOUT, HOW_IT_WORKS)
