"""The Results section of the organizer's workshop page and its three downloads."""

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from tests.exports.every_kind import build_workshop
from tests.web.test_organizer import EN, organizer, sign_in


@pytest.fixture
def maria(store):
    return organizer(store, "maria@example.org", "Maria")


@pytest.fixture
def hers(store, maria):
    workshop, _ = build_workshop(store, participants=4)
    store.db["workshops"].update(workshop.id, {"owner_id": maria.id})
    return store.workshop(workshop.id)


@pytest.fixture
def signed_in(client, maria):
    assert sign_in(client, maria.email).status_code == 302
    return client


def test_the_workshop_page_links_the_three_exports(signed_in, hers):
    page = signed_in.get(f"/organize/w/{hers.id}", headers=EN)

    assert page.status_code == 200
    assert "Results" in page.text
    for extension in ("xlsx", "zip", "json"):
        assert f'/organize/w/{hers.id}/export.{extension}"' in page.text
    assert '<option value="semicolon" selected>' in page.text, "a German workshop: semicolons"


@pytest.mark.parametrize(
    ("extension", "media_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("zip", "application/zip"),
        ("json", "application/json"),
    ],
)
def test_each_download_has_its_type_and_a_file_name(signed_in, hers, extension, media_type):
    response = signed_in.get(f"/organize/w/{hers.id}/export.{extension}")

    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="kaizen-impuls-fehlerkultur-fuhrung.{extension}"'
    )


def test_the_downloads_open(signed_in, hers):
    base = f"/organize/w/{hers.id}"

    book = load_workbook(io.BytesIO(signed_in.get(f"{base}/export.xlsx").data))
    document = json.loads(signed_in.get(f"{base}/export.json").data)

    assert book.sheetnames[0] == "Übersicht"
    assert document["participants"] == 4


def test_the_csv_delimiter_can_be_chosen(signed_in, hers):
    base = f"/organize/w/{hers.id}/export.zip"

    def overview(query):
        with zipfile.ZipFile(io.BytesIO(signed_in.get(base + query).data)) as archive:
            return archive.read("00 Übersicht.csv").decode("utf-8-sig").splitlines()[0]

    assert overview("") == f"Titel;{hers.title}"
    assert overview("?delimiter=comma") == f"Titel,{hers.title}"
    assert overview("?delimiter=semicolon") == f"Titel;{hers.title}"


def test_an_unknown_extension_is_not_found(signed_in, hers):
    assert signed_in.get(f"/organize/w/{hers.id}/export.docx").status_code == 404


def test_signed_out_nobody_downloads(client, hers):
    response = client.get(f"/organize/w/{hers.id}/export.json")

    assert response.status_code in (302, 404)
    assert hers.title not in response.text
