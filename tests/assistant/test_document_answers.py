"""How people write an issuer's name (no index, no model)."""

from assistant.document_answers import issuer_forms


def test_an_issuer_is_written_from_its_level_without_人民_and_with_办_for_办公室():
    office = issuer_forms("西山市人民政府办公室")
    assert {"西山市人民政府办公室", "市人民政府办公室", "市政府办公室", "市政府办", "政府办"} <= office
    government = issuer_forms("西山市人民政府")
    assert {"市人民政府", "市政府"} <= government and "政府" not in government  # two characters name no issuer
    assert not office & {"市政府"}  # the office is never named by the government's name alone
