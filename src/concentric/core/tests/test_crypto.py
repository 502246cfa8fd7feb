import pytest
from django.test import override_settings

from concentric.core import crypto


def test_self_test_passes_with_the_standard_vectors():
    crypto.self_test()


def test_self_test_refuses_a_wrong_sm4_answer():
    bad = [(k, p, "00" * 16) for k, p, _ in crypto.SM4_VECTORS]
    with pytest.raises(crypto.SelfTestFailed, match="SM4"):
        crypto.self_test(sm4_vectors=bad)


def test_self_test_refuses_a_wrong_sm3_answer():
    with pytest.raises(crypto.SelfTestFailed, match="SM3"):
        crypto.self_test(sm3_vectors=[(b"abc", "0" * 64)])


def test_sm3_of_abc_is_the_gb_t_32905_value():
    assert crypto.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_encrypt_round_trips_and_uses_a_fresh_nonce():
    first, second = crypto.encrypt("330102195001011237"), crypto.encrypt("330102195001011237")
    assert first != second
    assert first.startswith("v1:")
    assert "330102" not in first
    assert crypto.decrypt(first) == crypto.decrypt(second) == "330102195001011237"


def test_tampered_ciphertext_is_refused():
    stored = crypto.encrypt("13812345678")
    raw = bytearray(stored.encode())
    raw[-3] = ord("A") if raw[-3] != ord("A") else ord("B")
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(raw.decode())


def test_ciphertext_under_another_key_is_refused():
    stored = crypto.encrypt("13812345678")
    with override_settings(FIELD_KEY="another-key-of-sufficient-length-000000"), pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(stored)


@pytest.mark.parametrize("garbage", ["plain text", "v1:!!!", "v1:AAAA"])
def test_malformed_ciphertext_is_refused(garbage):
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(garbage)


def test_blind_index_normalises_full_width_digits_spaces_and_case():
    assert crypto.blind_index("３３０１０２ 19500101123x", purpose="id_number") == crypto.blind_index(
        "33010219500101123X", purpose="id_number"
    )


def test_blind_index_is_keyed_and_separated_by_purpose():
    value = "13812345678"
    assert crypto.blind_index(value, purpose="phone") != crypto.blind_index(value, purpose="id_number")
    with override_settings(FIELD_KEY="another-key-of-sufficient-length-000000"):
        other = crypto.blind_index(value, purpose="phone")
    assert other != crypto.blind_index(value, purpose="phone")
    assert crypto.blind_index(value, purpose="phone") != bytes.fromhex(crypto.sm3_hex(value.encode()))[:16]


def test_blind_index_is_the_first_16_bytes_of_the_keyed_digest_of_the_normalised_value():
    """What the migration from hex digests relies on: the stored hex digest's first 32 digits,
    as bytes, are the new blind index of the same value."""
    index = crypto.blind_index("３３０１０２19500101123x", purpose="id_number")
    assert type(index) is bytes and len(index) == crypto.BLIND_INDEX_BYTES == 16
    assert index == bytes.fromhex(crypto.keyed_digest("33010219500101123X", purpose="id_number")[:32])


def test_start_up_refuses_to_run_when_the_self_test_fails(monkeypatch):
    from django.apps import apps

    monkeypatch.setattr(crypto, "SM3_VECTORS", [(b"abc", "1" * 64)])
    with pytest.raises(crypto.SelfTestFailed):
        apps.get_app_config("core").ready()
