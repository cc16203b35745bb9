// Geometry of the history charts, in SVG user units: one band per build, oldest on the left.
// Pure, so scales, stacking and flags are tested without a DOM.
import type { HistoryPoint, LayerView } from "../bindings";

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_BOX: ChartBox = { width: 420, height: 150, left: 60, right: 8, top: 16, bottom: 12 };

/** Height given to a bar without a value (a failed build has no image), so it still shows. */
export const STUB_HEIGHT = 4;

/** The smallest of 1, 2, 5 × 10^k that is at least `value` (a round axis maximum). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayerRect extends Rect {
  layer: LayerView;
}

export interface Bar extends Rect {
  point: HistoryPoint;
  value: number | null;
  regression: boolean;
  failed: boolean;
  layers: LayerRect[];
}

export interface BarChart {
  bars: Bar[];
  /** The value at the top of the plot. */
  max: number;
  box: ChartBox;
}

const plotHeight = (box: ChartBox) => box.height - box.top - box.bottom;
const baseline = (box: ChartBox) => box.height - box.bottom;

function band(index: number, count: number, box: ChartBox): { x: number; width: number } {
  const slot = (box.width - box.left - box.right) / Math.max(count, 1);
  const width = Math.min(slot * 0.7, 32);
  return { x: box.left + slot * index + (slot - width) / 2, width };
}

/** Stacks the layers bottom-up inside the bar, scaled so they fill it exactly. */
function stackLayers(bar: Rect, layers: LayerView[]): LayerRect[] {
  const total = layers.reduce((sum, l) => sum + l.sizeBytes, 0);
  if (total <= 0) return [];
  let y = bar.y + bar.height;
  return layers.map((layer) => {
    const height = (layer.sizeBytes / total) * bar.height;
    y -= height;
    return { layer, x: bar.x, y, width: bar.width, height };
  });
}

function barChart(
  points: HistoryPoint[],
  box: ChartBox,
  value: (p: HistoryPoint) => number | null,
  regression: (p: HistoryPoint) => boolean,
  layers: (p: HistoryPoint) => LayerView[],
): BarChart {
  const max = niceMax(Math.max(0, ...points.map((p) => value(p) ?? 0)));
  const bars = points.map((point, i) => {
    const v = value(point);
    const failed = point.status !== "succeeded";
    const height = v === null ? STUB_HEIGHT : Math.max(1, (v / max) * plotHeight(box));
    const rect = { ...band(i, points.length, box), y: baseline(box) - height, height };
    return {
      ...rect,
      point,
      value: v,
      regression: regression(point),
      failed,
      layers: failed ? [] : stackLayers(rect, layers(point)),
    };
  });
  return { bars, max, box };
}

export function sizeChart(points: HistoryPoint[], box = CHART_BOX): BarChart {
  return barChart(points, box, (p) => p.sizeBytes, (p) => p.sizeRegression, (p) => p.layers);
}

export function timeChart(points: HistoryPoint[], box = CHART_BOX): BarChart {
  return barChart(points, box, (p) => p.durationMs, (p) => p.durationRegression, () => []);
}

export interface RatioPoint {
  point: HistoryPoint;
  x: number;
  y: number;
  ratio: number;
}

/** Cache hit ratio (0..1) per build, as points of a line; builds without a ratio are gaps. */
export function cacheChart(points: HistoryPoint[], box = CHART_BOX): RatioPoint[] {
  return points.flatMap((point, i) => {
    if (point.cacheHitRatio === null) return [];
    const b = band(i, points.length, box);
    const ratio = Math.min(1, Math.max(0, point.cacheHitRatio));
    return [{ point, ratio, x: b.x + b.width / 2, y: baseline(box) - ratio * plotHeight(box) }];
  });
}
