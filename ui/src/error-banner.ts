// The dismissible banner for errors the user should see (ApiError messages).
import { byId } from "./dom";
import { errorMessage } from "./ipc";

export function showError(error: unknown, context?: string) {
  const text = errorMessage(error);
  byId("error-text").textContent = context ? `${context}: ${text}` : text;
  byId("error-banner").hidden = false;
}

export function hideError() {
  byId("error-banner").hidden = true;
}

export function initErrorBanner() {
  byId("error-dismiss").addEventListener("click", hideError);
}
