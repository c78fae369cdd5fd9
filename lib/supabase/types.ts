// The typed Supabase client every query takes, and the generated table types it speaks.
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/lib/database.types";

export type Supabase = SupabaseClient<Database>;
export type DatabaseFunctions = Database["public"]["Functions"];
export type { Database, Json, Tables, TablesInsert, TablesUpdate } from "@/lib/database.types";
