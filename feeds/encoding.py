"""Content codings: which one a client accepts, and a body's bytes in it.

Feeds, pages and JSON are text that gzip makes four to eight times smaller,
and every calendar client and browser accepts it. A resource's compressed
bytes are made once, the first time they are asked for, and kept with it; the
same body gives the same bytes in every process (no time or name in the gzip
header), so their ETag agrees across workers and with the export's `.gz` files.
"""

from __future__ import annotations

from zlib_ng import zlib_ng

#: The codings this server makes, in the order it prefers them. Not brotli: on our
#: bodies (`bench/codings.py`) its quality 5 makes 9% fewer bytes than gzip in 1.5 times
#: the CPU time (feeds, most of what is fetched, 6 to 13% fewer), and quality 11 19%
#: fewer in 94 times; the export would write a third file for each, and nginx would
#: need a module of its own to send them.
CODINGS = ("gzip",)

#: Below this size, compressing saves less than the headers it adds.
MIN_SIZE = 512

#: Gzip is made by zlib-ng (`zlib-ng`, bindings of the maintained fork of zlib with
#: its SIMD code), at its default level. On our bodies (`bench/codings.py`, 143 MiB of
#: feeds, pages and JSON) it takes 0.74x the CPU time of the standard library's zlib at
#: level 6 for 1.02x the bytes (feeds 1.01x to 1.02x, pages 1.04x); zlib's own level 4
#: takes 0.85x for 1.03x, ISA-L 0.26x to 0.42x for 1.08x to 1.10x.
LEVEL = 6

_COMPRESSIBLE = ("text/", "application/json", "application/atom+xml", "image/svg+xml")


def compressible(media_type: str) -> bool:
    """Whether answers of this type may come compressed (and so vary by Accept-Encoding)."""
    return media_type.startswith(_COMPRESSIBLE)


def worth_it(media_type: str, size: int) -> bool:
    """Whether a body of this type and size is sent compressed to a client that accepts it."""
    return size >= MIN_SIZE and compressible(media_type)


def compress(body: bytes, coding: str) -> bytes:
    """`body` in `coding`: the same bytes for the same body, in every process."""
    if coding != "gzip":
        raise ValueError(f"unknown coding {coding!r}")
    # A gzip header without a time or name: the same bytes from the same body.
    return zlib_ng.compress(body, LEVEL, wbits=31)


def etag(identity_etag: str, coding: str) -> str:
    """The ETag of a coding of a representation: a different one for each coding."""
    return f'{identity_etag[:-1]}-{coding}"'


#: At most this many codings of an Accept-Encoding header are looked at.
_MAX_CODINGS = 32


def preferred(accept_encoding: str | None) -> str | None:
    """The coding to answer in for this Accept-Encoding header (RFC 9110 12.5.3), or None.

    A coding is acceptable if it is listed, or `*` is, with a q-value above 0;
    `x-gzip` is `gzip`. No header means no coding.
    """
    if not accept_encoding:
        return None
    weights: dict[str, float] = {}
    for part in accept_encoding.split(",", _MAX_CODINGS)[:_MAX_CODINGS]:
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if name == "x-gzip":
            name = "gzip"
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        if name:
            weights[name] = max(weights.get(name, 0.0), weight) if name in weights else weight
    for coding in CODINGS:
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > 0:
            return coding
    return None
