/**
 * Waits for `work` to settle, at most `ms`: true when it settled in time. Never rejects (the
 * caller meets a failure again where it reads for itself).
 *
 * @example
 * if (await settlesWithin(readAhead(), 500)) useWhatWasRead();
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return settled;
}
