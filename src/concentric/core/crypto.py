"""国密 primitives for sensitive fields: SM4-GCM encryption, HMAC-SM3 blind indexes, SM3 digests.

Keys are derived from settings.FIELD_KEY with HMAC-SM3 and labels, so one configured secret
yields independent keys for encryption and for blind indexes. Stored ciphertext is
``v1:`` + base64url(nonce || ciphertext || tag).
"""

import base64
import hmac as std_hmac
import os
import unicodedata
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

CIPHERTEXT_PREFIX = "v1:"
NONCE_BYTES = 12
TAG_BYTES = 16


class SelfTestFailed(RuntimeError):
    """A known-answer test of SM4 or SM3 failed: the cryptographic module must not be used."""


class DecryptionFailed(ValueError):
    """Stored ciphertext is malformed, was altered, or was written under another key."""


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize()


@lru_cache(maxsize=4)
def _derived_keys(field_key: str) -> tuple[bytes, bytes]:
    master = field_key.encode()
    return hmac_sm3(master, b"concentric/sm4-gcm")[:16], hmac_sm3(master, b"concentric/blind-index")


def _encryption_key() -> bytes:
    return _derived_keys(settings.FIELD_KEY)[0]


def _index_key() -> bytes:
    return _derived_keys(settings.FIELD_KEY)[1]


@lru_cache(maxsize=4)
def _sm4(key: bytes) -> algorithms.SM4:
    return algorithms.SM4(key)


@lru_cache(maxsize=4)
def _keyed_mac(key: bytes) -> hmac.HMAC:
    """An HMAC-SM3 context holding only the key; copies of it skip the key setup per digest."""
    return hmac.HMAC(key, hashes.SM3())


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(_sm4(_encryption_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return CIPHERTEXT_PREFIX + base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode()


def encrypt_many(plaintexts: list[str]) -> list[str]:
    """``encrypt`` of each value, for bulk writes: the same format, one call for all the nonces."""
    algorithm = _sm4(_encryption_key())
    nonces = os.urandom(NONCE_BYTES * len(plaintexts))
    b64 = base64.urlsafe_b64encode
    result = []
    for start, plaintext in zip(range(0, len(nonces), NONCE_BYTES), plaintexts, strict=True):
        nonce = nonces[start : start + NONCE_BYTES]
        encryptor = Cipher(algorithm, modes.GCM(nonce)).encryptor()
        body = encryptor.update(plaintext.encode()) + encryptor.finalize()
        result.append(CIPHERTEXT_PREFIX + b64(nonce + body + encryptor.tag).decode())
    return result


def decrypt(stored: str) -> str:
    if not stored.startswith(CIPHERTEXT_PREFIX):
        raise DecryptionFailed("not a Concentric ciphertext")
    try:
        raw = base64.urlsafe_b64decode(stored[len(CIPHERTEXT_PREFIX) :])
    except ValueError as error:
        raise DecryptionFailed("ciphertext is not valid base64") from error
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed("ciphertext is truncated")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(_sm4(_encryption_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as error:
        raise DecryptionFailed("ciphertext failed authentication") from error


@lru_cache(maxsize=8)
def _purpose_key(field_key: str, purpose: str) -> bytes:
    """An SM4 key of its own for one purpose (files at rest, …), derived like the field keys."""
    return hmac_sm3(field_key.encode(), f"concentric/sm4-gcm/{purpose}".encode())[:16]


def encrypt_bytes(data: bytes, *, purpose: str) -> bytes:
    """SM4-GCM of a whole file under the purpose's key: nonce || ciphertext || tag. The purpose
    is also bound as associated data, so a blob cannot be passed off as another kind."""
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(_sm4(_purpose_key(settings.FIELD_KEY, purpose)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(purpose.encode())
    body = encryptor.update(data) + encryptor.finalize()
    return nonce + body + encryptor.tag


def decrypt_bytes(blob: bytes, *, purpose: str) -> bytes:
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed("ciphertext is truncated")
    nonce, body, tag = blob[:NONCE_BYTES], blob[NONCE_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    decryptor = Cipher(_sm4(_purpose_key(settings.FIELD_KEY, purpose)), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(purpose.encode())
    try:
        return decryptor.update(body) + decryptor.finalize()
    except InvalidTag as error:
        raise DecryptionFailed("ciphertext failed authentication") from error


def normalise(value: str) -> str:
    """The form a value is indexed under: NFKC (full-width digits become ASCII), no spaces or
    dashes, upper case (an ID number's check character x is X)."""
    text = unicodedata.normalize("NFKC", value)
    if text.isalnum():  # no space or dash to drop: the common case (ID numbers, phones)
        return text.upper()
    return "".join(ch for ch in text if not ch.isspace() and ch != "-").upper()


BLIND_INDEX_BYTES = 16


def _keyed_mac_of(value: str, purpose: str) -> bytes:
    mac = _keyed_mac(_index_key()).copy()
    mac.update(f"{purpose}\x00{value}".encode())
    return mac.finalize()


def keyed_digest(value: str, *, purpose: str) -> str:
    """Keyed HMAC-SM3 of the exact value, in hex; ``purpose`` separates digests of different kinds
    of value. For secrets looked up by their digest (API tokens)."""
    return _keyed_mac_of(value, purpose).hex()


def blind_index(value: str, *, purpose: str) -> bytes:
    """The blind index of a value: the first 16 bytes of the keyed HMAC-SM3 of the normalised
    value, so equal values typed differently match. 128 bits keep equality matching free of
    collisions up to billions of values (docs/decisions.md) in a quarter of the hex digest's space."""
    return _keyed_mac_of(normalise(value), purpose)[:BLIND_INDEX_BYTES]


# Known-answer vectors: GB/T 32907-2016 appendix A (SM4) and GB/T 32905-2016 appendix A (SM3).
SM4_VECTORS = [
    ("0123456789abcdeffedcba9876543210", "0123456789abcdeffedcba9876543210", "681edf34d206965e86b3e94f536e4246"),
]
SM3_VECTORS = [
    (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    (b"abcd" * 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
]


def self_test(sm4_vectors=None, sm3_vectors=None) -> None:
    """Run the known-answer tests; raise SelfTestFailed on any mismatch."""
    sm4_vectors = SM4_VECTORS if sm4_vectors is None else sm4_vectors
    sm3_vectors = SM3_VECTORS if sm3_vectors is None else sm3_vectors
    for key_hex, plain_hex, cipher_hex in sm4_vectors:
        # GB/T 32907's vectors are one block through the bare cipher; data is only ever sealed with GCM.
        single_block = modes.ECB()  # nosec B305  # the standard's known-answer test is ECB by definition
        encryptor = Cipher(algorithms.SM4(bytes.fromhex(key_hex)), single_block).encryptor()
        result = encryptor.update(bytes.fromhex(plain_hex)) + encryptor.finalize()
        if not std_hmac.compare_digest(result.hex(), cipher_hex):
            raise SelfTestFailed(f"SM4 known-answer test failed for key {key_hex}")
    for message, digest_hex in sm3_vectors:
        if not std_hmac.compare_digest(sm3_hex(message), digest_hex):
            raise SelfTestFailed("SM3 known-answer test failed")
    probe = "self-test 自检"
    key = bytes(range(16))
    nonce = bytes(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    body = encryptor.update(probe.encode()) + encryptor.finalize()
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, encryptor.tag)).decryptor()
    if decryptor.update(body) + decryptor.finalize() != probe.encode():
        raise SelfTestFailed("SM4-GCM round trip failed")
