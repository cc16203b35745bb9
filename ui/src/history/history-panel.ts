// The History tab: image size (with its layers), build time and cache hits per build, as SVG.
import type { HistoryPoint, HistoryView } from "../bindings";
import { byId, svg } from "../dom";
import { formatBytes, formatDuration } from "../format";
import { cacheChart, CHART_BOX, sizeChart, timeChart, type Bar, type BarChart } from "./chart-geometry";

const box = CHART_BOX;

function frame(chart: SVGElement, top: string, empty: boolean) {
  chart.setAttribute("viewBox", `0 0 ${box.width} ${box.height}`);
  chart.setAttribute("preserveAspectRatio", "xMinYMin meet");
  const base = box.height - box.bottom;
  chart.replaceChildren(
    svg("line", { class: "axis", x1: box.left, x2: box.width - box.right, y1: base, y2: base }),
    svg("line", { class: "grid", x1: box.left, x2: box.width - box.right, y1: box.top, y2: box.top }),
    svg("text", { class: "axis-label", x: box.left - 6, y: box.top + 4, "text-anchor": "end" }, top),
    svg("text", { class: "axis-label", x: box.left - 6, y: base, "text-anchor": "end" }, "0"),
  );
  if (empty) {
    chart.append(svg("text", { class: "empty", x: box.width / 2, y: box.height / 2, "text-anchor": "middle" }, "no builds yet"));
  }
}

function when(p: HistoryPoint): string {
  return `build #${p.buildId}, ${new Date(p.startedAtMs).toLocaleString()} (${p.status})`;
}

function delta(value: number | null, format: (n: number) => string): string {
  if (value === null) return "";
  return ` (${value >= 0 ? "+" : "−"}${format(Math.abs(value))})`;
}

function barGroup(bar: Bar, title: string, parts: SVGElement[]): SVGElement {
  const classes = ["bar", bar.regression && "regression", bar.failed && "failed"].filter(Boolean).join(" ");
  const group = svg("g", { class: classes, "data-build-id": bar.point.buildId }, svg("title", {}, title), ...parts);
  if (bar.regression) {
    group.append(svg("text", { class: "regression-marker", x: bar.x + bar.width / 2, y: bar.y - 3, "text-anchor": "middle" }, "▲"));
  }
  return group;
}

function rect(r: { x: number; y: number; width: number; height: number }, cls: string, title?: string): SVGElement {
  return svg("rect", { class: cls, x: r.x, y: r.y, width: r.width, height: r.height }, ...(title ? [svg("title", {}, title)] : []));
}

function renderSize(chart: SVGElement, data: BarChart) {
  frame(chart, formatBytes(data.max), data.bars.length === 0);
  for (const bar of data.bars) {
    const p = bar.point;
    const size = p.sizeBytes === null ? "no image" : formatBytes(p.sizeBytes) + delta(p.sizeDeltaBytes, formatBytes);
    const layers = bar.layers.map((l, i) =>
      rect(l, `layer layer-${i % 6}`, `${formatBytes(l.layer.sizeBytes)} — ${l.layer.createdBy}`),
    );
    const parts = layers.length > 0 ? layers : [rect(bar, "layer")];
    chart.append(barGroup(bar, `${when(p)}: ${size}, ${p.layers.length} layers`, parts));
  }
}

function renderTime(chart: SVGElement, data: BarChart) {
  frame(chart, formatDuration(data.max), data.bars.length === 0);
  for (const bar of data.bars) {
    const p = bar.point;
    const title = `${when(p)}: ${formatDuration(p.durationMs)}${delta(p.durationDeltaMs, formatDuration)}`;
    chart.append(barGroup(bar, title, [rect(bar, "bar-fill")]));
  }
}

function renderCache(chart: SVGElement, points: HistoryPoint[]) {
  frame(chart, "100%", points.length === 0);
  const dots = cacheChart(points);
  if (dots.length > 1) {
    chart.append(svg("polyline", { class: "ratio-line", points: dots.map((d) => `${d.x},${d.y}`).join(" ") }));
  }
  for (const d of dots) {
    const title = `${when(d.point)}: ${d.point.cacheHits}/${d.point.stepCount} steps cached (${Math.round(d.ratio * 100)}%)`;
    chart.append(
      svg("circle", { class: `point${d.point.status !== "succeeded" ? " failed" : ""}`, cx: d.x, cy: d.y, r: 3.5, "data-build-id": d.point.buildId }, svg("title", {}, title)),
    );
  }
}

export function renderHistory(view: HistoryView) {
  renderSize(byId<SVGSVGElement>("history-size-chart"), sizeChart(view.points));
  renderTime(byId<SVGSVGElement>("history-time-chart"), timeChart(view.points));
  renderCache(byId<SVGSVGElement>("history-cache-chart"), view.points);
}
