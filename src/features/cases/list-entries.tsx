// What the case form's add-another lists share (the people the victim is afraid of, earlier MARACs):
// focus after adding or removing an entry, and the add button, which carries the list's own error
// ("Add at least one …") when the question needs an entry and there is none.
import { useEffect, useRef, type RefObject } from "react";
import { describedBy, fieldClass, FieldMessages } from "../../ui/form-field";

/**
 * The button pressed disappears (remove) or moves down (add): put focus where work continues, the
 * new entry's first field or the add button, rather than leaving it on the page body.
 */
export function useListFocus(length: number): {
  addButton: RefObject<HTMLButtonElement | null>;
  added: (firstFieldId: string) => void;
  removed: () => void;
} {
  const pending = useRef<{ kind: "added"; fieldId: string } | { kind: "removed" } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    if (target?.kind === "added") document.getElementById(target.fieldId)?.focus();
    if (target?.kind === "removed") addButton.current?.focus();
  }, [length]);
  return {
    addButton,
    added: (fieldId) => {
      pending.current = { kind: "added", fieldId };
    },
    removed: () => {
      pending.current = { kind: "removed" };
    },
  };
}

export interface AddEntryButtonProps {
  id: string;
  label: string;
  error: string | undefined;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onAdd: () => void;
}

/** "Add a …" with the list's inline error above it; the error summary's link focuses the button. */
export function AddEntryButton({ id, label, error, buttonRef, onAdd }: AddEntryButtonProps) {
  return (
    <div className={fieldClass(error)}>
      <FieldMessages id={id} error={error} />
      <div className="button-row">
        <button
          type="button"
          id={id}
          ref={buttonRef}
          className="button button--secondary"
          aria-describedby={describedBy(id, false, error !== undefined)}
          onClick={onAdd}
        >
          {label}
        </button>
      </div>
    </div>
  );
}

export function RemoveEntryButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <div className="button-row">
      <button type="button" className="button button--secondary" onClick={onRemove}>
        {label}
      </button>
    </div>
  );
}
