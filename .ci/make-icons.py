"""Draws Drydock's icon (a ship's hull on keel blocks in an empty dry dock) and writes the RGBA
PNGs the desktop shell's bundle uses: icons/32x32.png, icons/128x128.png, icons/icon.png (256).

Standard library only. Run from the repository root: python3 .ci/make-icons.py
"""

import struct
import zlib

SUBSAMPLES = 4  # per axis, for anti-aliased edges

NAVY = (22, 52, 84)
BASIN = (37, 78, 112)
CONCRETE = (168, 178, 189)
HULL = (226, 92, 52)
ANTIFOULING = (150, 40, 38)
CABIN = (244, 246, 248)
FUNNEL = (248, 190, 60)
BLOCK = (110, 86, 64)


def rounded_square(radius):
    def inside(x, y):
        cx = min(max(x, radius), 1 - radius)
        cy = min(max(y, radius), 1 - radius)
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2

    return inside


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def polygon(*points):
    """Even-odd test, so any simple polygon works."""

    def inside(x, y):
        hit = False
        for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1]):
            if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
                hit = not hit
        return hit

    return inside


def both(a, b):
    return lambda x, y: a(x, y) and b(x, y)


# Unit coordinates, y pointing down; later entries paint over earlier ones.
HULL_SHAPE = polygon((0.17, 0.44), (0.86, 0.44), (0.74, 0.66), (0.27, 0.66), (0.22, 0.58))
SHAPES = [
    (rounded_square(0.2), NAVY),
    (rect(0.08, 0.36, 0.92, 0.84), CONCRETE),  # dock walls and floor
    (rect(0.14, 0.36, 0.86, 0.76), BASIN),  # the drained basin
    (HULL_SHAPE, HULL),
    (both(HULL_SHAPE, rect(0, 0.58, 1, 1)), ANTIFOULING),  # below the waterline
    (rect(0.36, 0.30, 0.62, 0.44), CABIN),
    (rect(0.50, 0.20, 0.57, 0.30), FUNNEL),
    (rect(0.31, 0.66, 0.37, 0.76), BLOCK),  # keel blocks
    (rect(0.47, 0.66, 0.53, 0.76), BLOCK),
    (rect(0.63, 0.66, 0.69, 0.76), BLOCK),
]


def render(size):
    rows = []
    step = 1 / (size * SUBSAMPLES)
    for py in range(size):
        row = bytearray([0])  # PNG filter type: none
        for px in range(size):
            r = g = b = covered = 0
            for sy in range(SUBSAMPLES):
                y = (py * SUBSAMPLES + sy + 0.5) * step
                for sx in range(SUBSAMPLES):
                    x = (px * SUBSAMPLES + sx + 0.5) * step
                    colour = None
                    for inside, fill in SHAPES:
                        if inside(x, y):
                            colour = fill
                    if colour:
                        r, g, b, covered = r + colour[0], g + colour[1], b + colour[2], covered + 1
            if covered:
                alpha = round(255 * covered / SUBSAMPLES**2)
                row += bytes([r // covered, g // covered, b // covered, alpha])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    for size, name in [(32, "32x32.png"), (128, "128x128.png"), (256, "icon.png")]:
        with open(f"icons/{name}", "wb") as out:
            out.write(png(size, render(size)))
