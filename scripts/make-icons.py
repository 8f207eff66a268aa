#!/usr/bin/env python3
"""Draws the app icons (red disc, gold star) as PNG without any image library.
Run once when the design changes: python3 scripts/make-icons.py"""
import math, struct, zlib, pathlib

def star(cx, cy, r_out, r_in):
    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts

def inside(poly, x, y):
    hit = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit

def icon(size, maskable):
    red, gold, clear = (159, 29, 32, 255), (242, 201, 76, 255), (0, 0, 0, 0)
    c = size / 2
    poly = star(c, c * 1.04, size * 0.30, size * 0.12)
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            px, py = x + 0.5, y + 0.5
            in_disc = maskable or (px - c) ** 2 + (py - c) ** 2 <= (size * 0.48) ** 2
            colour = gold if inside(poly, px, py) else (red if in_disc else clear)
            row += bytes(colour)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))

out = pathlib.Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
for size in (192, 512):
    (out / f"icon-{size}.png").write_bytes(icon(size, False))
(out / "maskable-512.png").write_bytes(icon(512, True))
