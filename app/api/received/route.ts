import { logRoutes } from "@/lib/api/log-routes";
import { receivedModule } from "@/lib/api/log-modules";

export const { GET, POST } = logRoutes(receivedModule);
