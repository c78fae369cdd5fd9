// Stands in for next/cache when tests call server actions directly: records what was revalidated.
export const revalidated: string[] = [];

export function revalidatePath(path: string): void {
  revalidated.push(path);
}

export function revalidateTag(tag: string): void {
  revalidated.push(`tag:${tag}`);
}
