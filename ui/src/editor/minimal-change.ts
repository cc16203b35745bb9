// The smallest single replacement turning one text into another (common prefix and suffix
// kept), so a reload from disk moves the cursor only if the text around it changed.
export interface Change {
  from: number;
  to: number;
  insert: string;
}

export function minimalChange(before: string, after: string): Change | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
