"""The web app serves the catalog's bytes, the same as the static export."""

from __future__ import annotations

from feeds.web import create_app


def test_every_path_is_served_with_the_catalog_s_bytes(bundled):
    client = create_app({"DATA": "data", "TESTING": True}).test_client()
    for resource in bundled:
        response = client.get(resource.path)
        assert response.status_code == 200, resource.path
        assert response.data == resource.body
        assert response.headers["Content-Type"] == resource.media_type
        assert response.headers["ETag"] == resource.etag


def test_a_conditional_request_gets_304_and_an_unknown_path_404(bundled):
    client = create_app({"DATA": "data", "TESTING": True}).test_client()
    etag = bundled.get("/zh/oewg-ict-s2/all.ics").etag
    response = client.get("/zh/oewg-ict-s2/all.ics", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert client.get("/zh/oewg-ict-s2/item/7.ics").status_code == 404
