import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

/** A progress bar with rate and ETA on a terminal; silent when stderr is not a TTY (CI, pipes). */
export function progress(): Progress {
  if (!process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: '{label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}',
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let t0 = Date.now();
  return {
    start(total, label) { t0 = Date.now(); bar.start(total, 0, { label, rate: 0 }); },
    update(done) { bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - t0) / 1000)) }); },
    stop() { bar.stop(); },
  };
}
