# Draws packaging/icon.png (128 x 128, a 3-3-1 network) with the standard library only: python3 packaging/make-icon.py
import zlib, struct, math
N = 128
bg = (11, 61, 102)
img = [[bg for _ in range(N)] for _ in range(N)]
def blend(x, y, c, a):
    if 0 <= x < N and 0 <= y < N:
        o = img[y][x]
        img[y][x] = tuple(int(o[i] * (1 - a) + c[i] * a) for i in range(3))
def line(x0, y0, x1, y1, c, w):
    for y in range(N):
        for x in range(N):
            dx, dy = x1 - x0, y1 - y0
            t = max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
            d = math.hypot(x - (x0 + t * dx), y - (y0 + t * dy))
            a = max(0, min(1, w / 2 + 0.5 - d))
            if a > 0: blend(x, y, c, a * 0.8)
def disc(cx, cy, r, c):
    for y in range(N):
        for x in range(N):
            a = max(0, min(1, r + 0.5 - math.hypot(x - cx, y - cy)))
            if a > 0: blend(x, y, c, a)
inputs = [(26, 34), (26, 64), (26, 94)]
hidden = [(64, 30), (64, 64), (64, 98)]
out = [(102, 64)]
white = (235, 240, 245)
for a in inputs:
    for b in hidden: line(*a, *b, white, 2.2)
for a in hidden:
    for b in out: line(*a, *b, white, 2.2)
for p in inputs: disc(*p, 9, (240, 160, 48))
for p in hidden: disc(*p, 9, white)
for p in out: disc(*p, 11, (95, 211, 160))
raw = b''.join(b'\x00' + bytes(v for px in row for v in px) for row in img)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open(__import__('os').path.join(__import__('os').path.dirname(__file__), 'icon.png'), 'wb').write(png)
print(len(png))
