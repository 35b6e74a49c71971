from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalin.core.models import DuplicatePair, ImportBatch, ImportJob, Person
from jalin.core.services.people import person_create

VCARDS = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santoso\r\nTEL:0812-3456-7890\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santosa\r\nEMAIL:bs@example.com\r\nEND:VCARD\r\n"
)


def upload(client, data=VCARDS, name="contacts.vcf", **fields):
    return client.post(
        reverse("imports"),
        {"files": [SimpleUploadedFile(name, data)], **fields},
    )


def test_an_uploaded_file_is_imported_and_its_summary_shown(signed_in, owner):
    response = upload(signed_in)
    job = ImportJob.objects.get(owner=owner)
    assert response["Location"] == reverse("import_job", args=[job.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert "contacts.vcf" in page
    assert "2 records: 2 new people" in page
    assert "Review 1 possible duplicate" in page
    assert Person.objects.filter(owner=owner).count() == 2


def test_a_dry_run_from_the_page_stores_nothing(signed_in, owner):
    upload(signed_in, dry_run="on")
    assert not Person.objects.filter(owner=owner).exists()
    assert (
        "Checked only"
        in signed_in.get(reverse("import_job", args=[ImportJob.objects.get().pk])).content.decode()
    )


def test_an_unrecognised_file_is_reported_not_imported(signed_in, owner):
    response = upload(signed_in, data=b"\x00\x01\x02 garbage", name="notes.bin")
    page = signed_in.get(response["Location"]).content.decode()
    assert "not a recognised format" in page
    assert not Person.objects.filter(owner=owner).exists()


def test_the_page_asks_for_a_file(signed_in):
    response = signed_in.post(reverse("imports"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]


def test_review_merges_a_suggested_pair(signed_in, owner):
    upload(signed_in)
    pair = DuplicatePair.objects.get(owner=owner)
    response = signed_in.post(
        reverse("review_decide", args=[pair.a_id, pair.b_id]),
        {"decision": "merge"},
        headers={"HX-Request": "true"},
    )
    assert "Merged" in response.content.decode()
    assert Person.objects.filter(owner=owner, archived=False).count() == 1


def test_an_import_is_undone_from_the_page(signed_in, owner):
    upload(signed_in)
    batch = ImportBatch.objects.get(owner=owner)
    signed_in.post(reverse("import_undo", args=[batch.pk]))
    assert not Person.objects.filter(owner=owner).exists()


def test_nobody_sees_or_undoes_another_owners_import(signed_in, other_owner, client):
    from django.test import Client

    theirs = Client()
    theirs.force_login(other_owner)
    upload(theirs)
    job = ImportJob.objects.get(owner=other_owner)
    batch = ImportBatch.objects.get(owner=other_owner)
    assert signed_in.get(reverse("import_job", args=[job.pk])).status_code == 404
    assert signed_in.post(reverse("import_undo", args=[batch.pk])).status_code == 404
    pair = DuplicatePair.objects.get(owner=other_owner)
    response = signed_in.post(
        reverse("review_decide", args=[pair.a_id, pair.b_id]), {"decision": "merge"}
    )
    assert response.status_code == 404
    assert Person.objects.filter(owner=other_owner, archived=False).count() == 2
    assert "Budi" not in signed_in.get(reverse("review")).content.decode()


def test_review_never_shows_another_owners_people(signed_in, other_owner):
    a = person_create(owner=other_owner, name="Rahasia Satu")
    b = person_create(owner=other_owner, name="Rahasia Satu")
    DuplicatePair.objects.create(owner=other_owner, a=a, b=b, score=99)
    assert "Rahasia" not in signed_in.get(reverse("review")).content.decode()


def test_two_uploads_with_the_same_name_are_both_imported(signed_in, owner):
    first = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santoso\r\nTEL:0812-1111-1111\r\nEND:VCARD\r\n"
    second = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sari Dewi\r\nTEL:0812-2222-2222\r\nEND:VCARD\r\n"
    signed_in.post(
        reverse("imports"),
        {
            "files": [
                SimpleUploadedFile("contacts.vcf", first),
                SimpleUploadedFile("contacts.vcf", second),
            ]
        },
    )
    names = set(Person.objects.filter(owner=owner).values_list("name", flat=True))
    assert names == {"Budi Santoso", "Sari Dewi"}
