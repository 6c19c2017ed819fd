import type { Rectangle } from 'electron';

const MARGIN = 8;

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(value, Math.max(min, max)));

/**
 * Where to put the window so it opens next to the tray icon: below a top bar (macOS, GNOME),
 * above a bottom taskbar (Windows), always inside the work area. Linux trays often report empty
 * bounds; then the window goes to the top-right corner of the work area.
 */
export function positionNearTray(tray: Rectangle, size: { width: number; height: number }, workArea: Rectangle): { x: number; y: number } {
  const right = workArea.x + workArea.width - size.width - MARGIN;
  const bottom = workArea.y + workArea.height - size.height - MARGIN;
  if (tray.width === 0 && tray.height === 0) return { x: right, y: workArea.y + MARGIN };
  const x = clamp(Math.round(tray.x + tray.width / 2 - size.width / 2), workArea.x + MARGIN, right);
  const trayCenterY = tray.y + tray.height / 2;
  const inTopHalf = trayCenterY < workArea.y + workArea.height / 2;
  const y = inTopHalf ? Math.max(tray.y + tray.height, workArea.y) + MARGIN : Math.min(tray.y, workArea.y + workArea.height) - size.height - MARGIN;
  return { x, y: clamp(y, workArea.y + MARGIN, bottom) };
}
