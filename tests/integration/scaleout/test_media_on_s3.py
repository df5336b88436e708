"""Media on S3 (django-storages): uploads land in the bucket and pages link to its domain.

moto stands in for S3 inside this process (no network): the real boto3 and
django-storages code runs against it.
"""
import boto3
import pytest
from moto import mock_aws

from artiqo.scaleout import s3_storage
from tests.factories.catalogue import make_artwork

BUCKET, REGION, MEDIA_DOMAIN = "artiqo-media", "eu-north-1", "media.artiqo-usercontent.example"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_storage(bucket=BUCKET, region=REGION, endpoint_url="", custom_domain=MEDIA_DOMAIN,
                                  location="media", querystring_auth=False),
        }
        yield s3


def _keys(s3) -> set[str]:
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_uploaded_artwork_picture_and_its_thumbnail_are_stored_in_the_bucket(bucket, artist):
    artwork = make_artwork(artist, title="Fjord in Fog")
    image = artwork.primary_image()

    keys = _keys(bucket)
    assert f"media/{image.original.name}" in keys
    assert f"media/{image.thumbnail.name}" in keys
    stored = bucket.get_object(Bucket=BUCKET, Key=f"media/{image.original.name}")
    assert stored["ContentType"] in {"image/jpeg", "image/png", "image/webp"}
    assert stored["CacheControl"] == "max-age=31536000, immutable"


def test_the_api_links_pictures_to_the_media_domain_not_the_shop(bucket, artist, client):
    artwork = make_artwork(artist, title="Fjord in Fog")

    body = client.get(f"/api/v1/products/{artwork.pk}").json()

    picture = body["images"][0]
    assert picture["original"].startswith(f"https://{MEDIA_DOMAIN}/media/")
    assert picture["thumbnail"].startswith(f"https://{MEDIA_DOMAIN}/media/")


def test_two_uploads_with_one_file_name_never_overwrite_each_other(bucket, artist):
    first = make_artwork(artist, title="Same Name").primary_image()
    second = make_artwork(artist, title="Same Name").primary_image()

    assert first.original.name != second.original.name
    assert {f"media/{first.original.name}", f"media/{second.original.name}"} <= _keys(bucket)
