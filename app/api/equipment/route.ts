import { equipmentLogRoutes } from "@/lib/api/log-routes";

export const { GET, POST } = equipmentLogRoutes;
