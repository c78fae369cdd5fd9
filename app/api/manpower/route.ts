import { logRoutes } from "@/lib/api/log-routes";
import { manpowerModule } from "@/lib/api/log-modules";

export const { GET, POST } = logRoutes(manpowerModule);
