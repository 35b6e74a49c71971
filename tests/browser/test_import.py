from playwright.sync_api import expect

from jalin.core.models import Interaction, Person

VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santoso\r\nTEL:0812-3456-7890\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Budi Santosa\r\nEMAIL:bs@example.com\r\nEND:VCARD\r\n"
)
CHAT = (
    "12/03/21, 14:05 - Budi Santoso: Halo, apa kabar?\n"
    "12/03/21, 14:07 - Ayu Lestari: Baik! Minta tolong dong, ada lowongan?\n"
)


def test_import_contacts_and_a_chat_then_review_a_duplicate(
    signed_in_page, live_server, tmp_path, page_errors
):
    contacts = tmp_path / "contacts.vcf"
    contacts.write_text(VCARDS)
    chat = tmp_path / "WhatsApp Chat with Budi Santoso.txt"
    chat.write_text(CHAT)
    page = signed_in_page
    page.get_by_role("link", name="Import").click()
    page.get_by_label("Files").set_input_files([str(contacts), str(chat)])
    page.get_by_role("button", name="Import").click()

    results = page.locator("#import-results")
    expect(results).to_contain_text("contacts.vcf")
    expect(results).to_contain_text("2 records: 2 new people")
    expect(results).to_contain_text("2 messages in 1 conversation,")
    assert Interaction.objects.get().kind == "ask"

    page.get_by_role("button", name="Review 1 possible duplicate").click()
    pair = page.locator(".pair", has_text="Budi Santosa")
    pair.get_by_role("button", name="Same person: merge").click()
    expect(page.get_by_text("Merged Budi Santosa into Budi Santoso.")).to_be_visible()
    assert Person.objects.filter(archived=False).count() == 1
    assert page_errors == []
