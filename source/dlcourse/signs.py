"""A synthetic, SIGNS-like set of hand images (six classes: 0 to 5 raised digits).

The canonical course's SIGNS photographs cannot be redistributed, so this module
draws a stand-in with NumPy alone: a hand (palm, forearm, optional sleeve, five
digits) seen from the front on a cluttered background, 64x64 RGB, ``uint8``.
The label is the number of extended digits. 1080 training images (180 per
class) and 120 test images (20 per class).

Nuisance factors, so the task is "count the raised digits" rather than "match a
template": hand position, rotation, size and mirroring; digit lengths, widths
and spread; which digits are raised (for a fraction of the images a random set
of ``k`` digits, and "3" is shown two ways); skin tone; sleeve; background
level, tint, gradient and soft blotches; a lighting gradient; pixel noise.

Determinism
    Image ``i`` of a split depends only on ``(SEED, split, i)``: it has its own
    legacy ``np.random.RandomState`` (whose stream NumPy keeps frozen), so
    :func:`render` can make any single image without making the others. The
    order of the labels is a seeded permutation of a balanced list.

    Per-pixel arithmetic uses only operations that IEEE 754 rounds exactly
    (``+ - * /``, ``sqrt``, comparisons); the few sines and cosines are taken of
    per-image scalars with :mod:`math`. NumPy's SIMD code paths, which differ
    between CPUs in the last bit of ``exp``/``sin``/..., therefore do not reach
    the pixels.

Speed
    Shapes are drawn as signed-distance fields on a 2x supersampled canvas, and
    each part is evaluated only inside its bounding box: the whole set takes
    about 2 s on one core (the straightforward full-canvas version took ~6 s).

Public functions: :func:`labels`, :func:`render`, :func:`make_split`,
:func:`make_signs`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

IMAGE_SIZE = 64          # output images are IMAGE_SIZE x IMAGE_SIZE x 3
SUPERSAMPLE = 2          # shapes are drawn at 2x and averaged down (anti-aliasing)
N_CLASSES = 6
SEED = 2024
#: split name -> (split id used in the seeds, images per class)
SPLITS = {"train": (0, 180), "test": (1, 20)}

# Difficulty knobs. With these, small NumPy networks on standardised inputs fit
# the training set but stay well short of perfect on the test set.
P_RANDOM_DIGITS = 0.1          # probability that k random digits are raised
P_THREE_WITH_THUMB = 0.5       # "3" as thumb + index + middle instead of index..ring
MAX_ROTATION_DEG = 15.0
SHIFT_SD, SHIFT_MAX = 2.5, 5.0  # hand centre offset, output pixels
SCALE_RANGE = (1.05, 1.25)
P_MIRROR = 0.2                 # a left hand
P_SLEEVE = 0.5
NOISE_SD_RANGE = (4.0, 12.0)   # pixel noise, grey levels

# Which digits a canonical sign raises (0 thumb, 1 index, 2 middle, 3 ring, 4 little).
RAISED = {0: (), 1: (1,), 2: (1, 2), 3: (1, 2, 3), 4: (1, 2, 3, 4), 5: (0, 1, 2, 3, 4)}
THREE_WITH_THUMB = (0, 1, 2)

# The four fingers in the hand's own frame (digits point towards -y, palm at
# the origin): base x, base y, angle from vertical (deg), raised length, radius.
FINGERS = (
    (-7.0, -6.5, -14.0, 15.0, 2.5),   # index
    (-2.4, -9.0, -4.5, 17.5, 2.6),    # middle
    (2.4, -8.5, 4.5, 16.0, 2.5),      # ring
    (6.8, -5.5, 14.0, 12.5, 2.1),     # little
)
LIGHT_SKIN = np.array([235.0, 195.0, 165.0])
DARK_SKIN = np.array([120.0, 80.0, 60.0])
OUTLINE_WIDTH = 0.55           # hand units
OUTLINE_SHADE = 0.62

_N = IMAGE_SIZE * SUPERSAMPLE
_CENTRE = IMAGE_SIZE / 2
# Centres of the supersampled pixels, in output-pixel units.
_COORD = (np.arange(_N) + 0.5) / SUPERSAMPLE
_GY, _GX = np.meshgrid(_COORD, _COORD, indexing="ij")


@dataclass
class _Pose:
    """Maps image coordinates to the hand's frame and back."""
    cx: float
    cy: float
    cos: float
    sin: float
    scale: float
    mirror: float          # +1 right hand, -1 left hand

    def to_image(self, hx, hy):
        u, v = hx * self.scale * self.mirror, hy * self.scale
        return (self.cx + u * self.cos - v * self.sin,
                self.cy + u * self.sin + v * self.cos)

    def hand_coords(self):
        dx, dy = _GX - self.cx, _GY - self.cy
        px = (dx * self.cos + dy * self.sin) / self.scale * self.mirror
        py = (dy * self.cos - dx * self.sin) / self.scale
        return px, py


@dataclass
class _Part:
    """A capsule (segment a-b of radius r) or, with ``ellipse``, an ellipse
    centred at a with semi-axes (r, ry); coordinates in the hand's frame."""
    ax: float
    ay: float
    bx: float
    by: float
    r: float
    colour: np.ndarray
    shade_radius: float
    ry: float = 0.0
    ellipse: bool = False


@dataclass
class Hand:
    """Every random choice behind one image (drawn by :func:`sample_hand`)."""
    label: int
    raised: tuple
    background: np.ndarray          # (3,) base colour
    gradient: tuple                 # (direction cos, sin, strength)
    blotches: list                  # [(x, y, radius, amplitude)]
    pose: _Pose
    parts: list                     # [_Part], in painting order
    light: tuple                    # (direction cos, sin, strength)
    noise: np.ndarray               # (64, 64, 3) pixel noise


def labels(split: str) -> np.ndarray:
    """Labels of a split, shape (m,), int64: balanced, in a seeded random order."""
    split_id, per_class = _split(split)
    y = np.repeat(np.arange(N_CLASSES, dtype=np.int64), per_class)
    order = np.random.RandomState(SEED + 1000 * split_id).permutation(y.size)
    return y[order]


def image_rng(split: str, index: int) -> np.random.RandomState:
    """The random stream of one image."""
    split_id, per_class = _split(split)
    if not 0 <= index < per_class * N_CLASSES:
        raise IndexError(f"image index {index} out of range for split {split!r}")
    return np.random.RandomState([SEED, split_id, int(index)])


def render(split: str, index: int) -> np.ndarray:
    """Image ``index`` of ``split`` ("train" or "test"), (64, 64, 3) uint8.

    Identical to ``make_split(split)[0][index]``, without making the others.
    """
    label = int(labels(split)[index])
    return draw(sample_hand(label, image_rng(split, index)))


def make_split(split: str) -> tuple[np.ndarray, np.ndarray]:
    """All images of a split: X (m, 64, 64, 3) uint8 and y (m,) int64."""
    y = labels(split)
    X = np.empty((y.size, IMAGE_SIZE, IMAGE_SIZE, 3), dtype=np.uint8)
    for i, label in enumerate(y):
        X[i] = draw(sample_hand(int(label), image_rng(split, i)))
    return X, y


def make_signs():
    """``(X_train, y_train, X_test, y_test, classes)`` with y of shape (m,)."""
    X_train, y_train = make_split("train")
    X_test, y_test = make_split("test")
    return X_train, y_train, X_test, y_test, np.arange(N_CLASSES, dtype=np.int64)


def _split(split):
    try:
        return SPLITS[split]
    except (KeyError, TypeError):
        raise ValueError(f"split must be one of {sorted(SPLITS)}, not {split!r}") from None


# --------------------------------------------------------------------------
# Drawing the random choices
# --------------------------------------------------------------------------

def sample_hand(label: int, rs: np.random.RandomState) -> Hand:
    """Draw every random choice of one image with ``label`` raised digits."""
    # Background: a level, a tint, a linear gradient, up to three blotches.
    background = rs.uniform(150, 235) + rs.uniform(-18, 18, size=3)
    angle = rs.uniform(0, 2 * math.pi)
    gradient = (math.cos(angle), math.sin(angle), rs.uniform(5, 25))
    blotches = [(rs.uniform(0, IMAGE_SIZE), rs.uniform(0, IMAGE_SIZE),
                 2.5 * rs.uniform(6, 18), rs.uniform(-25, 25))
                for _ in range(rs.randint(0, 4))]

    # Pose of the hand.
    cx = _CENTRE + float(np.clip(rs.normal(0, SHIFT_SD), -SHIFT_MAX, SHIFT_MAX))
    cy = _CENTRE + float(np.clip(rs.normal(0, SHIFT_SD), -SHIFT_MAX, SHIFT_MAX))
    theta = math.radians(rs.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG))
    pose = _Pose(cx, cy, math.cos(theta), math.sin(theta), rs.uniform(*SCALE_RANGE),
                 -1.0 if rs.rand() < P_MIRROR else 1.0)

    # Colours.
    tone = rs.uniform(0, 1)
    skin = (1 - tone) * LIGHT_SKIN + tone * DARK_SKIN + rs.uniform(-10, 10, size=3)
    sleeve = rs.uniform(20, 230, size=3)

    # Which digits are raised.
    raised = RAISED[label]
    if label == 3 and rs.rand() < P_THREE_WITH_THUMB:
        raised = THREE_WITH_THUMB
    if rs.rand() < P_RANDOM_DIGITS:
        raised = tuple(sorted(int(j) for j in rs.choice(5, size=label, replace=False)))

    # Parts, in painting order: forearm, sleeve, palm, folded digits, raised digits.
    parts = [_Part(0.0, 6.0, 0.0, 70.0, 7.0 * rs.uniform(0.9, 1.1), skin * 0.95, 7.0)]
    if rs.rand() < P_SLEEVE:
        parts.append(_Part(0.0, 20.0 + rs.uniform(-3, 6), 0.0, 80.0, 9.0, sleeve, 9.0))
    parts.append(_Part(0.0, 0.0, 0.0, 0.0, 10.0 * rs.uniform(0.9, 1.1), skin, 8.0,
                       ry=11.0 * rs.uniform(0.9, 1.1), ellipse=True))
    spread = rs.uniform(0.6, 1.4)
    digits = []                                  # (raised?, segment, radius)
    for j, (bx, by, angle_deg, length, radius) in enumerate(FINGERS, start=1):
        angle = math.radians(angle_deg * spread + rs.uniform(-5, 5))
        radius *= rs.uniform(0.85, 1.15)
        length = length * rs.uniform(0.85, 1.1) if j in raised else rs.uniform(1.5, 4.0)
        digits.append((j in raised, bx, by, angle, length, radius))
    if 0 in raised:                              # thumb out to the side
        angle, length, bx, by = -60 + rs.uniform(-15, 15), 11.0 * rs.uniform(0.85, 1.15), -8.0, 3.0
    else:                                        # thumb folded across the palm
        angle, length, bx, by = 50 + rs.uniform(-15, 15), 8.0 * rs.uniform(0.8, 1.1), -8.0, 4.0
    digits.append((0 in raised, bx, by, math.radians(angle), length, 3.0 * rs.uniform(0.9, 1.1)))
    digits.sort(key=lambda d: d[0])              # stable: folded ones first
    for _, bx, by, angle, length, radius in digits:
        tip_x, tip_y = bx + length * math.sin(angle), by - length * math.cos(angle)
        parts.append(_Part(bx, by, tip_x, tip_y, radius, skin * rs.uniform(0.95, 1.05), radius))

    angle = rs.uniform(0, 2 * math.pi)
    light = (math.cos(angle), math.sin(angle), rs.uniform(0.0, 0.15))
    noise = rs.normal(0, rs.uniform(*NOISE_SD_RANGE), size=(IMAGE_SIZE, IMAGE_SIZE, 3))
    return Hand(label, raised, background, gradient, blotches, pose, parts, light, noise)


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------

def draw(hand: Hand) -> np.ndarray:
    """Render a :class:`Hand` to a (64, 64, 3) uint8 image."""
    gc, gs, gk = hand.gradient
    ramp = ((_GX - _CENTRE) * gc + (_GY - _CENTRE) * gs) / _CENTRE
    img = hand.background + (gk * ramp)[..., None]            # (N, N, 3)
    for bx, by, radius, amplitude in hand.blotches:
        rows, cols = _window(bx - radius, bx + radius, by - radius, by + radius)
        if rows.start < rows.stop and cols.start < cols.stop:
            r2 = ((_GX[rows, cols] - bx) ** 2 + (_GY[rows, cols] - by) ** 2) / (radius * radius)
            bump = np.maximum(1.0 - r2, 0.0) ** 2                # smooth, compact support
            img[rows, cols] += (amplitude * bump)[..., None]

    px, py = hand.pose.hand_coords()
    for part in hand.parts:
        _paint(img, px, py, hand.pose, part)

    lc, ls, lk = hand.light
    img *= (1.0 + lk * ((_GX - _CENTRE) * lc + (_GY - _CENTRE) * ls) / _CENTRE)[..., None]
    img = (img[0::2, 0::2] + img[1::2, 0::2] + img[0::2, 1::2] + img[1::2, 1::2]) * 0.25
    img += hand.noise
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def _window(x0, x1, y0, y1):
    """Row and column slices of the supersampled pixels whose centres may lie
    in [x0, x1] x [y0, y1] (output-pixel units), clipped to the canvas."""
    def span(lo, hi):
        start = max(int(math.floor(lo * SUPERSAMPLE - 0.5)), 0)
        stop = min(int(math.ceil(hi * SUPERSAMPLE - 0.5)) + 1, _N)
        return slice(start, max(start, stop))
    return span(y0, y1), span(x0, x1)


def _paint(img, px, py, pose, part):
    """Paint one part: flat colour, rounded shading, a darker outline."""
    if part.ellipse:
        reach = max(part.r, part.ry) * pose.scale + 1.0
        cx, cy = pose.to_image(part.ax, part.ay)
        rows, cols = _window(cx - reach, cx + reach, cy - reach, cy + reach)
    else:
        reach = part.r * pose.scale + 1.0
        ax, ay = pose.to_image(part.ax, part.ay)
        bx, by = pose.to_image(part.bx, part.by)
        rows, cols = _window(min(ax, bx) - reach, max(ax, bx) + reach,
                             min(ay, by) - reach, max(ay, by) + reach)
    if rows.start >= rows.stop or cols.start >= cols.stop:
        return
    x, y = px[rows, cols], py[rows, cols]
    if part.ellipse:
        q = np.sqrt(((x - part.ax) / part.r) ** 2 + ((y - part.ay) / part.ry) ** 2)
        d = (q - 1.0) * min(part.r, part.ry)
    else:
        d = _capsule_distance(x, y, part.ax, part.ay, part.bx, part.by, part.r)
    inside = d < 0
    if not inside.any():
        return
    shade = 0.78 + 0.22 * np.sqrt(np.clip(-d / part.shade_radius, 0.0, 1.0))
    shade[d > -OUTLINE_WIDTH] = OUTLINE_SHADE
    region = img[rows, cols]                                   # a view
    region[inside] = shade[inside][:, None] * part.colour


def _capsule_distance(x, y, ax, ay, bx, by, r):
    """Signed distance from (x, y) to the capsule a-b of radius r (< 0 inside)."""
    dx, dy = bx - ax, by - ay
    t = np.clip(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy + 1e-9), 0.0, 1.0)
    ex, ey = x - ax - t * dx, y - ay - t * dy
    return np.sqrt(ex * ex + ey * ey) - r
