import { logRoutes } from "@/lib/api/log-routes";
import { manpowerModule } from "@/lib/api/log-modules";

export const { PATCH, DELETE } = logRoutes(manpowerModule);
