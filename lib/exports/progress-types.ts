// What GET /api/exports/progress says of each job (seed 001), for the server and the browser.
import type { ExportStatus } from "@/lib/constants";

export interface JobProgress {
  id: string;
  status: ExportStatus;
  progress: number;
  errorMessage: string | null;
  filePath: string | null;
  downloadUrl: string | null;
}
