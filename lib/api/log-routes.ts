// Seed 001's site-log routes (production, received, equipment, manpower) from one definition each:
// list a site's rows with their catalogue rows, create one row (atomic and idempotent through the
// table's create_*_batch), change and delete one row. RLS decides who may do what.
import "server-only";
import { NextResponse } from "next/server";
import { authenticated } from "@/lib/api/handler";
import { batchIdFor } from "@/lib/idempotency";
import { equipmentLog, manpowerLog, productionLog, receivedLog, type LogModule, type LogTableName } from "@/lib/queries/log-modules";
import { createLogRow, deleteLogRow, listLogRows, updateLogRow } from "@/lib/queries/logs";
import { logQuerySchema } from "@/lib/validations/logs";
import { idParamsSchema } from "@/lib/validations/params";

/** Seed 001's keys: the list's ({ productions }), and the created row's ({ production }) or none (the row itself). */
export interface LogRouteKeys {
  list: string;
  item: string | null;
}

export function logRoutes<Table extends LogTableName, Row, Insert, Update>(module: LogModule<Table, Row, Insert, Update>, keys: LogRouteKeys) {
  const GET = authenticated({ query: logQuerySchema }, async ({ supabase, query }) =>
    NextResponse.json({ [keys.list]: await listLogRows(supabase, module, query) }),
  );

  const POST = authenticated({ body: module.createSchema }, async ({ request, supabase, userId, body }) => {
    const row = await createLogRow(supabase, module, body, batchIdFor(userId, request.headers.get("idempotency-key"), undefined));
    return NextResponse.json(keys.item ? { [keys.item]: row } : row, { status: 201 });
  });

  const PATCH = authenticated({ params: idParamsSchema, body: module.updateSchema }, async ({ supabase, params, body }) =>
    NextResponse.json({ [keys.item ?? "data"]: await updateLogRow(supabase, module, params.id, body) }),
  );

  const DELETE = authenticated({ params: idParamsSchema }, async ({ supabase, params }) => {
    await deleteLogRow(supabase, module, params.id);
    return NextResponse.json({ success: true });
  });

  return { GET, POST, PATCH, DELETE };
}

export const productionRoutes = logRoutes(productionLog, { list: "productions", item: "production" });
export const receivedRoutes = logRoutes(receivedLog, { list: "receivedMaterials", item: null });
export const equipmentLogRoutes = logRoutes(equipmentLog, { list: "equipmentLogs", item: "equipmentLog" });
export const manpowerLogRoutes = logRoutes(manpowerLog, { list: "manpowerLogs", item: null });
