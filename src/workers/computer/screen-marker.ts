import type { RgbImage } from './xwd-image';

/** Where an action lands, drawn so it shows on any background: red, edged in white. */
const RED = [0xe5, 0x1c, 0x23] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const RING_RADIUS = 16;
const RING_WIDTH = 3;

function paint(image: RgbImage, x: number, y: number, colour: readonly [number, number, number]): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const at = (y * image.width + x) * 3;
  image.rgb[at] = colour[0];
  image.rgb[at + 1] = colour[1];
  image.rgb[at + 2] = colour[2];
}

/** A ring around the point with a cross-hair through it: the point stays visible at its centre. */
export function markPoint(image: RgbImage, cx: number, cy: number): void {
  const outer = RING_RADIUS + RING_WIDTH + 1;
  for (let y = cy - outer; y <= cy + outer; y += 1) {
    for (let x = cx - outer; x <= cx + outer; x += 1) {
      const distance = Math.hypot(x - cx, y - cy);
      if (distance >= RING_RADIUS && distance < RING_RADIUS + RING_WIDTH) paint(image, x, y, RED);
      else if ((distance >= RING_RADIUS - 1 && distance < RING_RADIUS) || (distance >= RING_RADIUS + RING_WIDTH && distance < outer)) paint(image, x, y, WHITE);
    }
  }
  // Cross-hair arms from the ring inwards, stopping short of the point itself.
  for (let d = 4; d < RING_RADIUS; d += 1) {
    for (const w of [-1, 0, 1]) {
      const colour = w === 0 ? RED : WHITE;
      paint(image, cx + d, cy + w, colour);
      paint(image, cx - d, cy + w, colour);
      paint(image, cx + w, cy + d, colour);
      paint(image, cx + w, cy - d, colour);
    }
  }
}

/** An outline around a window (where typed keys go), inside the screen's edges. */
export function markRectangle(image: RgbImage, left: number, top: number, width: number, height: number): void {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(image.width - 1, left + width - 1);
  const y1 = Math.min(image.height - 1, top + height - 1);
  for (let ring = 0; ring < RING_WIDTH + 1; ring += 1) {
    const colour = ring === RING_WIDTH ? WHITE : RED;
    for (let x = x0 + ring; x <= x1 - ring; x += 1) {
      paint(image, x, y0 + ring, colour);
      paint(image, x, y1 - ring, colour);
    }
    for (let y = y0 + ring; y <= y1 - ring; y += 1) {
      paint(image, x0 + ring, y, colour);
      paint(image, x1 - ring, y, colour);
    }
  }
}
