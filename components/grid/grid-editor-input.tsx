"use client";

// The input over the cell being edited. Lookup columns suggest the catalogue's names as the user
// types (a native datalist: keyboard and screen readers know it).
import type { GridEditor } from "@/hooks/use-grid-editor";
import type { GridColumn } from "@/lib/grid/columns";
import type { Catalogue } from "@/lib/grid/validate";

interface GridEditorInputProps {
  editor: GridEditor;
  column: GridColumn | undefined;
  catalogue: Catalogue;
  listId: string;
}

export function GridEditorInput({ editor, column, catalogue, listId }: GridEditorInputProps) {
  const options = column?.lookup ? (catalogue[column.lookup] ?? []) : [];
  return (
    <>
      <input
        // The editor exists only while editing: it takes the focus the moment it appears.
        autoFocus
        aria-label={column?.label}
        className="absolute inset-0 size-full bg-background px-2 text-sm outline-2 -outline-offset-2 outline-primary"
        value={editor.editing?.text ?? ""}
        list={options.length > 0 ? listId : undefined}
        onChange={(event) => editor.setEditing({ text: event.target.value, mode: editor.editing?.mode ?? "edit" })}
        onKeyDown={editor.editorKeyDown}
        // Leaving the cell keeps the text; an input removed by Esc (cancel) keeps nothing.
        onBlur={(event) => {
          if (event.target.isConnected) editor.commit();
        }}
        onFocus={(event) => {
          const end = event.target.value.length;
          event.target.setSelectionRange(end, end);
        }}
        data-testid="cell-editor"
      />
      {options.length > 0 ? (
        <datalist id={listId}>
          {options.map((option) => (
            <option key={option.id} value={option.name}>
              {option.code}
            </option>
          ))}
        </datalist>
      ) : null}
    </>
  );
}
