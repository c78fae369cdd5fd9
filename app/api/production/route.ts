import { logRoutes } from "@/lib/api/log-routes";
import { productionModule } from "@/lib/api/log-modules";

export const { GET, POST } = logRoutes(productionModule);
