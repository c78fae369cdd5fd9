// Runs `work` once per burst of calls: `wait` ms after the last call, and at least every `maxWait`
// ms while calls keep coming (a steady stream of changes still refreshes the page).
export interface Debounced {
  (): void;
  cancel(): void;
}

export function debounce(work: () => void, wait: number, maxWait: number = Number.POSITIVE_INFINITY): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstCallAt: number | undefined;
  const run = () => {
    timer = undefined;
    firstCallAt = undefined;
    work();
  };
  const debounced = () => {
    const now = Date.now();
    firstCallAt ??= now;
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(wait, firstCallAt + maxWait - now)));
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    firstCallAt = undefined;
  };
  return debounced;
}
