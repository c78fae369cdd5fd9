import { productionRoutes } from "@/lib/api/log-routes";

export const { PATCH, DELETE } = productionRoutes;
