import { logRoutes } from "@/lib/api/log-routes";
import { equipmentModule } from "@/lib/api/log-modules";

export const { PATCH, DELETE } = logRoutes(equipmentModule);
