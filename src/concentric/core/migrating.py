"""Data steps of migrations shared by the apps: blind indexes from hex text to binary and back.

Blind indexes were stored as the 64 hex digits of the whole HMAC-SM3; ``BlindIndexField`` keeps
the first 16 bytes (``crypto.blind_index``). A stored digest converts without the key and without
decrypting anything: the new value is the first 32 hex digits as bytes, NULL for an empty one.
Going back needs the whole digest, so the reverse recomputes it from the decrypted source.
"""

from concentric.core import crypto

BATCH = 50_000
_SQLITE_FUNCTION = "concentric_blind_index_from_hex"


def _from_hex(value: str | None) -> bytes | None:
    return bytes.fromhex(value[: 2 * crypto.BLIND_INDEX_BYTES]) if value else None


def blind_indexes_to_binary(connection, table: str, columns: dict[str, str]) -> None:
    """Fill each binary column of ``table`` (the values of ``columns``) from the hex digests of
    the text column named by its key, every row at once on PostgreSQL and in batches of ids on
    SQLite, with plain SQL. ``connection``: a migration's ``schema_editor.connection``."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        hex_digits = 2 * crypto.BLIND_INDEX_BYTES
        assignments = ", ".join(
            f"{quote(binary)} = decode(NULLIF(substr({quote(text)}, 1, {hex_digits}), ''), 'hex')"
            for text, binary in columns.items()
        )
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {quote(table)} SET {assignments}")  # nosec B608  # the migration's own table and columns, quoted; no values
        return
    if connection.vendor != "sqlite":
        raise NotImplementedError(f"blind index conversion on {connection.vendor}")
    connection.ensure_connection()
    connection.connection.create_function(_SQLITE_FUNCTION, 1, _from_hex, deterministic=True)
    assignments = ", ".join(f"{quote(binary)} = {_SQLITE_FUNCTION}({quote(text)})" for text, binary in columns.items())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(id), MAX(id) FROM {quote(table)}")  # nosec B608  # the migration's own table, quoted; no values
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, BATCH):
            cursor.execute(
                f"UPDATE {quote(table)} SET {assignments} WHERE id BETWEEN %s AND %s",  # nosec B608  # the migration's own table and columns, quoted; values are %s parameters
                [start, start + BATCH - 1],
            )


def blind_indexes_to_hex(connection, table: str, columns: dict[str, tuple[str, str]]) -> None:
    """The reverse: fill each hex text column of ``table`` (the keys of ``columns``) with the whole
    keyed digest of its source column's normalised plaintext (value: source column, purpose),
    "" for an empty source; in batches of ids."""
    quote = connection.ops.quote_name
    targets = list(columns)
    sources = [source for source, _purpose in columns.values()]
    purposes = [purpose for _source, purpose in columns.values()]
    select = (
        f"SELECT id, {', '.join(quote(source) for source in sources)} FROM {quote(table)} WHERE id > %s ORDER BY id"  # nosec B608  # the migration's own table and columns, quoted; values are %s parameters
    )
    update = f"UPDATE {quote(table)} SET {', '.join(f'{quote(t)} = %s' for t in targets)} WHERE id = %s"  # nosec B608  # the migration's own table and columns, quoted; values are %s parameters
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(f"{select} LIMIT {BATCH}", [last])
            rows = cursor.fetchall()
            if not rows:
                return
            values = []
            for pk, *stored in rows:
                digests = [
                    crypto.keyed_digest(crypto.normalise(crypto.decrypt(ciphertext)), purpose=purpose)
                    if ciphertext
                    else ""
                    for ciphertext, purpose in zip(stored, purposes, strict=True)
                ]
                values.append((*digests, pk))
            cursor.executemany(update, values)
            last = rows[-1][0]
