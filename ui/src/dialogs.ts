// In-app prompts: a static <dialog> from index.html, answered by the `value` of the button the
// user pressed ("" when dismissed with Esc).
import { byId } from "./dom";

export function ask(dialogId: string): Promise<string> {
  const dialog = byId<HTMLDialogElement>(dialogId);
  return new Promise((resolve) => {
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>("button[value]")];
    const answer = (value: string) => {
      for (const button of buttons) button.removeEventListener("click", onClick);
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onClick = (event: Event) => answer((event.currentTarget as HTMLButtonElement).value);
    const onCancel = (event: Event) => {
      event.preventDefault();
      answer("");
    };
    for (const button of buttons) button.addEventListener("click", onClick);
    dialog.addEventListener("cancel", onCancel);
    if (!dialog.open) dialog.showModal();
    // The safe answer (marked autofocus) has the focus, so a stray Enter loses nothing.
    (dialog.querySelector<HTMLButtonElement>("button[autofocus]") ?? buttons[0])?.focus();
  });
}
