import { productionRoutes } from "@/lib/api/log-routes";

export const { GET, POST } = productionRoutes;
