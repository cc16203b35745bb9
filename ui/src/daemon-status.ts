// The Docker daemon indicator in the header, polled every few seconds.
import type { DaemonStatus } from "./bindings";
import { byId } from "./dom";
import { daemonStatus, errorMessage } from "./ipc";

const POLL_MS = 5000;

export function describeDaemon(status: DaemonStatus): { state: "connected" | "disconnected"; label: string; title: string } {
  if (status.connected) {
    const details = [status.apiVersion && `API ${status.apiVersion}`, status.buildkit ? "BuildKit" : "classic builder", status.host];
    return {
      state: "connected",
      label: `Docker ${status.version ?? ""}`.trim(),
      title: `Docker ${status.version ?? "(unknown version)"} — ${details.filter(Boolean).join(", ")}`,
    };
  }
  const why = [status.message, status.hint].filter(Boolean).join(" — ");
  return { state: "disconnected", label: "No Docker", title: why || `no Docker daemon answers at ${status.host}` };
}

function show(state: string, label: string, title: string) {
  const indicator = byId("daemon-status");
  indicator.dataset.state = state;
  indicator.title = title;
  indicator.setAttribute("aria-label", `Docker daemon: ${title}`);
  byId("daemon-label").textContent = label;
}

export function pollDaemonStatus() {
  const poll = async () => {
    try {
      const d = describeDaemon(await daemonStatus());
      show(d.state, d.label, d.title);
    } catch (error) {
      show("disconnected", "No Docker", errorMessage(error));
    }
    setTimeout(poll, POLL_MS);
  };
  poll();
}
