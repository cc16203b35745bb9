// Light or dark: the user's last choice, else the system's preference.
const KEY = "drydock.theme";

export type Theme = "light" | "dark";

export function initialTheme(stored: string | null, prefersDark: boolean): Theme {
  if (stored === "light" || stored === "dark") return stored;
  return prefersDark ? "dark" : "light";
}

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

export function initTheme(button: HTMLElement) {
  let theme = initialTheme(localStorage.getItem(KEY), matchMedia("(prefers-color-scheme: dark)").matches);
  apply(theme);
  button.addEventListener("click", () => {
    theme = theme === "dark" ? "light" : "dark";
    localStorage.setItem(KEY, theme);
    apply(theme);
  });
}
