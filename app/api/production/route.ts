import { productionRoutes } from "@/lib/api/log-routes";
import { otherMethods } from "@/lib/api/methods";

export const { GET, POST } = productionRoutes;

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
