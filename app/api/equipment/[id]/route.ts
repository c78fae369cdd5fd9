import { equipmentLogRoutes } from "@/lib/api/log-routes";

export const { PATCH, DELETE } = equipmentLogRoutes;
