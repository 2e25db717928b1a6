"""The Results section of the organizer's workshop page: its downloads and the printable record."""

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

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
    assert f'href="/organize/w/{hers.id}/record" target="_blank" rel="noopener"' in page.text
    assert f'/organize/w/{hers.id}/export.pdf"' in page.text


@pytest.mark.parametrize(
    ("extension", "media_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("zip", "application/zip"),
        ("json", "application/json"),
        ("pdf", "application/pdf"),
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


def test_the_printable_record_is_a_page_in_the_workshops_language(signed_in, hers):
    page = signed_in.get(f"/organize/w/{hers.id}/record", headers=EN)

    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<html lang="de">' in page.text and "Protokoll des Workshops" in page.text
    assert '<link rel="stylesheet" href="/static/css/record.css">' in page.text
    assert "style=" not in page.text, "the CSP allows only our own stylesheet"
    assert "style-src 'self'" in page.headers["Content-Security-Policy"]
    assert "Daten werden gelöscht:" in page.text
    stylesheet = signed_in.get("/static/css/record.css")
    stylesheet.close()  # a static file stays open until its response is closed
    assert stylesheet.status_code == 200


def test_the_pdf_download_opens(signed_in, hers):
    data = signed_in.get(f"/organize/w/{hers.id}/export.pdf").data

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert hers.title in text and "Daten werden gelöscht:" in text


@pytest.mark.parametrize("path", ["record", "export.pdf"])
def test_signed_out_nobody_sees_the_record(client, hers, path):
    response = client.get(f"/organize/w/{hers.id}/{path}")

    assert response.status_code in (302, 404)
    assert hers.title not in response.text
