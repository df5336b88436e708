"""`manage.py export_postman [--check]`: write (or check) the committed Postman collection."""
from django.core.management.base import BaseCommand, CommandError

from storefront.api.postman import COLLECTION_PATH, collection_text


class Command(BaseCommand):
    help = "Generate docs/postman/artiqo.postman_collection.json from the OpenAPI schema."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Do not write; fail when the committed collection differs from the schema.")
        parser.add_argument("--output", default=str(COLLECTION_PATH), help="Where to write the collection.")

    def handle(self, *args, check: bool = False, output: str = "", **options):
        from pathlib import Path

        path = Path(output)
        text = collection_text()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} is out of date: run `manage.py export_postman`.")
            self.stdout.write(f"{path} matches the schema.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
