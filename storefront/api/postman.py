"""Postman collection (v2.1) generated from the OpenAPI schema, runnable end to end by newman.

Every operation of the schema becomes a request (URL, method, path variables, query
parameters, an example body built from the request schema, the token header where the
operation needs one). The buyer's journey through Artiqo's own endpoints is ordered and
scripted (`FLOW`): the login request's test script stores `{{token}}`, list requests
store the ids the next requests use, and each checks the status it must answer. Other
operations follow in their tag's folder, checked against the statuses the schema lists.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

COLLECTION_PATH = Path(settings.BASE_DIR) / "docs" / "postman" / "artiqo.postman_collection.json"
POSTMAN_SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

# Collection variables: where the server is, the demo logins, and what the run stores.
VARIABLES = {
    "baseUrl": "http://127.0.0.1:8000",
    "token": "",
    "userId": "",
    "newUsername": "",
    "newPassword": "Postman-run-2024-canvas",
    "adminUsername": "admin",
    "adminPassword": "artiqo-admin",
    "adminToken": "",
    "artistUsername": "artist",
    "artistPassword": "artiqo-artist",
    "artistToken": "",
    "productId": "",
    "artistId": "",
    "orderNumber": "",
}
# Path parameters of the schema → the collection variable that fills them.
PATH_VARIABLES = {"user_id": "userId", "product_id": "productId", "artist_id": "artistId", "number": "orderNumber"}


def _store(variable: str, expression: str) -> str:
    return f'pm.collectionVariables.set("{variable}", {expression});'


@dataclass(frozen=True)
class Step:
    """One scripted request of the journey: which operation, with what, expecting what."""

    operation_id: str
    name: str
    expect: int
    body: dict | None = None
    query: dict = field(default_factory=dict)
    auth: str = "token"
    headers: dict = field(default_factory=dict)
    prerequest: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()


FLOW = (
    Step("users_register", "Register a buyer", 201,
         body={"username": "{{newUsername}}", "email": "{{newUsername}}@example.com", "password": "{{newPassword}}",
               "first_name": "Ada", "last_name": "Lovelace"},
         prerequest=(_store("newUsername", '"postman" + Date.now()'),)),
    Step("users_login", "Log in (stores {{token}} and {{userId}})", 201,
         body={"username": "{{newUsername}}", "password": "{{newPassword}}"},
         stores=(_store("token", "pm.response.json().token"), _store("userId", "pm.response.json().user.id"))),
    Step("users_profile_retrieve", "My profile", 200),
    Step("users_profile_update", "Replace my profile", 200,
         body={"first_name": "Post", "last_name": "Man", "email": "{{newUsername}}@example.com"}),
    Step("users_profile_partial_update", "Change my first name", 200, body={"first_name": "Ada"}),
    Step("users_login", "Log in as the admin (stores {{adminToken}})", 201,
         body={"username": "{{adminUsername}}", "password": "{{adminPassword}}"},
         stores=(_store("adminToken", "pm.response.json().token"),)),
    Step("users_view_users", "All users (admin)", 200, auth="adminToken"),
    Step("users_logout", "Log the admin out ({{adminToken}} stops working)", 204, auth="adminToken"),
    Step("users_login", "Log in as an artist (stores {{artistToken}})", 201,
         body={"username": "{{artistUsername}}", "password": "{{artistPassword}}"},
         stores=(_store("artistToken", "pm.response.json().token"),)),
    Step("products_list", "Artworks for sale, cheapest first (stores {{productId}})", 200,
         query={"available": "true", "ordering": "price"},
         stores=(_store("productId", "pm.response.json().results[0].id"),)),
    Step("products_retrieve", "One artwork", 200),
    Step("artists_list", "Artists (stores {{artistId}})", 200,
         stores=(_store("artistId", "pm.response.json().results[0].id"),)),
    Step("artists_retrieve", "One artist with their artworks", 200),
    Step("cart_add", "Add the artwork to my cart", 201, body={"product_id": "{{productId}}", "quantity": 1}),
    Step("cart_retrieve", "My cart", 200),
    Step("cart_update", "Set its quantity", 200, body={"product_id": "{{productId}}", "quantity": 1}),
    Step("cart_remove", "Remove it", 200),
    Step("cart_add", "Add it again, to order it", 201, body={"product_id": "{{productId}}", "quantity": 1}),
    Step("orders_create", "Place the order (stores {{orderNumber}})", 201, body={},
         headers={"Idempotency-Key": "{{$guid}}"}, stores=(_store("orderNumber", "pm.response.json().number"),)),
    Step("orders_list", "My orders", 200),
    Step("orders_retrieve", "My order", 200),
    Step("order_orderartview", "Orders of my art (artist)", 200, auth="artistToken"),
)


def schema_generate() -> dict:
    """The API's OpenAPI schema as plain JSON data (what /api/v1/schema serves)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        spec = schema["components"]["schemas"][name]
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in spec:
            return _resolve(schema, spec[combinator][0])
    return spec


def _example(schema: dict, spec: dict, depth: int = 0):
    """A plausible value for `spec`: its example, first enum value, or one by type."""
    spec = _resolve(schema, spec)
    if "example" in spec:
        return spec["example"]
    if spec.get("enum"):
        return next((value for value in spec["enum"] if value not in (None, "")), None)
    kind = spec.get("type")
    if kind == "object" or "properties" in spec:
        if depth > 3:
            return {}
        return {name: _example(schema, prop, depth + 1) for name, prop in spec.get("properties", {}).items()
                if not prop.get("readOnly")}
    if kind == "array":
        return [_example(schema, spec.get("items", {}), depth + 1)]
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return True
    return {"email": "buyer@example.com", "uri": "https://example.com/", "date-time": "2025-01-01T00:00:00Z",
            "decimal": "10.00"}.get(spec.get("format"), "string")


def _body_text(schema: dict, operation: dict, body) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    body_schema = _resolve(schema, content["application/json"]["schema"])
    if body is None:
        body = _example(schema, body_schema)
    text = json.dumps(body, indent=2, ensure_ascii=False)
    # Numeric fields filled from a variable go unquoted, so the JSON keeps its types.
    for name, prop in body_schema.get("properties", {}).items():
        if _resolve(schema, prop).get("type") == "integer":
            text = re.sub(rf'("{name}": )"(\{{\{{\w+\}}\}})"', r"\1\2", text)
    return text


def _needs_token(operation: dict) -> bool:
    security = operation.get("security")
    return bool(security) and {} not in security and any("tokenAuth" in scheme for scheme in security)


def _url(path: str, operation: dict, query: dict) -> dict:
    parts = []
    for segment in path.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            name = segment[1:-1]
            segment = "{{" + PATH_VARIABLES.get(name, name) + "}}"
        parts.append(segment)
    trailing = path.endswith("/")
    query_items = []
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        name = parameter["name"]
        item = {"key": name, "value": str(query.get(name, "")), "disabled": name not in query}
        if parameter.get("description"):
            item["description"] = parameter["description"]
        query_items.append(item)
    enabled = "&".join(f"{item['key']}={item['value']}" for item in query_items if not item["disabled"])
    raw = "{{baseUrl}}/" + "/".join(parts) + ("/" if trailing else "") + (f"?{enabled}" if enabled else "")
    url = {"raw": raw, "host": ["{{baseUrl}}"], "path": parts + ([""] if trailing else [])}
    if query_items:
        url["query"] = query_items
    return url


def _documented_statuses(operation: dict) -> list[int]:
    return sorted(int(code) for code in operation.get("responses", {}) if code.isdigit())


def _tests(operation: dict, step: Step | None) -> list[str]:
    if step is not None:
        lines = [f'pm.test("answers {step.expect}", function () {{ pm.response.to.have.status({step.expect}); }});']
        return lines + list(step.stores)
    statuses = _documented_statuses(operation)
    return [
        f'pm.test("answers a documented status", function () {{ '
        f"pm.expect({json.dumps(statuses)}).to.include(pm.response.code); }});",
        'pm.test("never a server error", function () { pm.expect(pm.response.code).to.be.below(500); });',
    ]


def _request_item(schema: dict, path: str, method: str, operation: dict, step: Step | None) -> dict:
    headers = []
    if _needs_token(operation) or (step is not None and step.auth != "token"):
        token_variable = step.auth if step is not None else "token"
        headers.append({"key": "Authorization", "value": f"Token {{{{{token_variable}}}}}"})
    body = _body_text(schema, operation, step.body if step is not None else None)
    if body is not None:
        headers.append({"key": "Content-Type", "value": "application/json"})
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "header" and not (step and parameter["name"] in step.headers):
            headers.append({"key": parameter["name"], "value": "{{$guid}}", "disabled": True,
                            "description": parameter.get("description", "")})
    for key, value in (step.headers if step is not None else {}).items():
        headers.append({"key": key, "value": value})
    request = {
        "method": method.upper(),
        "header": headers,
        "url": _url(path, operation, step.query if step is not None else {}),
        "description": "\n\n".join(filter(None, [operation.get("summary"), operation.get("description")])),
    }
    if body is not None:
        request["body"] = {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}}
    events = [{"listen": "test", "script": {"type": "text/javascript", "exec": _tests(operation, step)}}]
    if step is not None and step.prerequest:
        events.insert(0, {"listen": "prerequest", "script": {"type": "text/javascript", "exec": list(step.prerequest)}})
    name = step.name if step is not None else operation.get("summary") or f"{method.upper()} {path}"
    return {"name": name, "event": events, "request": request}


def collection_build(*, schema: dict) -> dict:
    """The Postman collection for `schema`: the scripted journey first, then the rest by tag."""
    operations = {
        operation["operationId"]: (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }
    folders: dict[str, list[dict]] = {}

    def add(operation_id: str, step: Step | None) -> None:
        path, method, operation = operations[operation_id]
        tag = (operation.get("tags") or ["other"])[0]
        folders.setdefault(tag, []).append(_request_item(schema, path, method, operation, step))

    scripted = [step for step in FLOW if step.operation_id in operations]
    for step in scripted:
        add(step.operation_id, step)
    covered = {step.operation_id for step in scripted}
    for operation_id in sorted(set(operations) - covered, key=lambda op: (operations[op][0], operations[op][1])):
        add(operation_id, None)

    # Path parameters the journey does not fill get a placeholder id: such a request then
    # answers a documented 404 instead of sending a literal "{{name}}".
    variables = dict(VARIABLES)
    for item in schema["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter["in"] == "path":
                    variables.setdefault(PATH_VARIABLES.get(parameter["name"], parameter["name"]), "0")
    info = schema.get("info", {})
    return {
        "info": {
            "_postman_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"artiqo-api/{info.get('version', '')}")),
            "name": f"{info.get('title', 'API')} {info.get('version', '')}".strip(),
            "description": f"{info.get('description', '')}\n\nGenerated from /api/v1/schema by "
            "`manage.py export_postman`; do not edit by hand. Set `baseUrl`, run the folders in "
            "order (newman: `newman run docs/postman/artiqo.postman_collection.json`).",
            "schema": POSTMAN_SCHEMA,
        },
        "item": [{"name": tag, "item": items} for tag, items in folders.items()],
        "variable": [{"key": key, "value": value} for key, value in variables.items()],
    }


def collection_render(collection: dict) -> str:
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"


def collection_text() -> str:
    """The collection as it should be committed, from the current code."""
    return collection_render(collection_build(schema=schema_generate()))
