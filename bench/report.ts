// bench/results.json and bench/RESULTS.md: one row per scenario, DeskOps next to its reference.
import { writeFile } from "node:fs/promises";
import path from "node:path";

export interface ScenarioResult {
  scenario: string;
  deskops: string;
  reference: string;
  ratio: string;
  target: string;
  /** null: not built yet, or nothing to judge. */
  pass: boolean | null;
  note?: string;
}

export interface BenchReport {
  startedAt: string;
  scale: number;
  dispatches: number;
  machine: string;
  setupSeconds: number;
  results: ScenarioResult[];
}

const verdict = (pass: boolean | null) => (pass === null ? "—" : pass ? "pass" : "**missed**");

export function markdown(report: BenchReport): string {
  const lines = [
    "# DeskOps benchmarks",
    "",
    `Run ${report.startedAt} on ${report.machine}; scale ${report.scale} (${report.dispatches.toLocaleString("en-US")} dispatches over 20 sites and 365 days); data generated, and the app built alongside, in ${report.setupSeconds.toFixed(0)} s.`,
    "Every DeskOps figure is measured in the same run as its reference, alternating runs, on the same machine.",
    "",
    "| scenario | DeskOps | reference | ratio | target | result |",
    "| --- | --- | --- | --- | --- | --- |",
    ...report.results.map(
      (row) => `| ${row.scenario} | ${row.deskops} | ${row.reference} | ${row.ratio} | ${row.target} | ${verdict(row.pass)} |`,
    ),
    "",
  ];
  const notes = report.results.filter((row) => row.note);
  if (notes.length > 0) {
    lines.push("## Notes", "", ...notes.map((row) => `- **${row.scenario}**: ${row.note}`), "");
  }
  return lines.join("\n");
}

export async function writeReport(dir: string, report: BenchReport): Promise<void> {
  await writeFile(path.join(dir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(dir, "RESULTS.md"), markdown(report));
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
