import { logRoutes } from "@/lib/api/log-routes";
import { productionModule } from "@/lib/api/log-modules";

export const { PATCH, DELETE } = logRoutes(productionModule);
