// Keys between the database's snake_case and seed 001's camelCase (its Prisma client's shape),
// with types that follow the keys, so a renamed column still fails `tsc` on the other side.

type CamelCase<Key extends string> = Key extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : Key;
type SnakeCase<Key extends string> = Key extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : Key;

/** A row and the rows embedded in it, with camelCase keys. */
export type CamelKeys<Value> = Value extends readonly (infer Item)[]
  ? CamelKeys<Item>[]
  : Value extends object
    ? { [Key in keyof Value as Key extends string ? CamelCase<Key> : Key]: CamelKeys<Value[Key]> }
    : Value;

/** A flat input object with snake_case keys; keys whose value is undefined are dropped at run time. */
export type SnakeKeys<Value> = { [Key in keyof Value as Key extends string ? SnakeCase<Key> : Key]: Value[Key] };

const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const toSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function camelDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [toCamel(key), camelDeep(inner)]));
}

export function camelKeys<Value>(value: Value): CamelKeys<Value> {
  // The mapping above is exactly what CamelKeys describes; TypeScript cannot follow it by itself.
  return camelDeep(value) as CamelKeys<Value>;
}

export function snakeKeys<Value extends object>(value: Value): SnakeKeys<Value> {
  const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
  return Object.fromEntries(entries.map(([key, inner]) => [toSnake(key), inner])) as SnakeKeys<Value>;
}
