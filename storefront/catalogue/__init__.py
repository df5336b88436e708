"""The catalogue: Oscar's catalogue app, forked for artworks (vibes, styles, sizes, images) and browsing."""
