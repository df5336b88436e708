"""The published contract: a valid OpenAPI schema and a Postman collection generated from it."""
import json

import pytest
from drf_spectacular.validation import validate_schema

from storefront.api.postman import COLLECTION_PATH, FLOW, collection_build, collection_text, schema_generate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return schema_generate()


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_every_scripted_operation_is_in_the_schema_with_its_error_statuses(schema):
    operations = {op["operationId"]: op for item in schema["paths"].values() for op in item.values()
                  if isinstance(op, dict) and "operationId" in op}
    for step in FLOW:
        responses = operations[step.operation_id]["responses"]
        assert str(step.expect) in responses, step.operation_id
        assert "405" in responses and responses["405"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/Error")


def test_the_committed_postman_collection_is_up_to_date_with_the_schema():
    assert COLLECTION_PATH.exists(), "run `manage.py export_postman`"
    assert COLLECTION_PATH.read_text(encoding="utf-8") == collection_text(), (
        "docs/postman/artiqo.postman_collection.json drifted from the schema: run `manage.py export_postman`"
    )


def test_the_collection_has_a_base_url_and_the_login_stores_the_token(schema):
    collection = json.loads(json.dumps(collection_build(schema=schema)))
    variables = {variable["key"] for variable in collection["variable"]}
    assert {"baseUrl", "token"} <= variables
    requests = [item for folder in collection["item"] for item in folder["item"]]
    login = next(item for item in requests if item["request"]["url"]["raw"] == "{{baseUrl}}/api/v1/users/login")
    script = "\n".join(login["event"][-1]["script"]["exec"])
    assert 'pm.collectionVariables.set("token", pm.response.json().token)' in script
    cart_add = next(item for item in requests if item["request"]["url"]["raw"].endswith("/add"))
    assert json.loads(cart_add["request"]["body"]["raw"].replace("{{productId}}", "7")) == {
        "product_id": 7, "quantity": 1}
    profile = next(item for item in requests if item["name"] == "My profile")
    assert {"key": "Authorization", "value": "Token {{token}}"} in profile["request"]["header"]
