// Which practitioner's profile on this device, for react-hook-form's register(). Profiles are
// listed by their label (the name colleagues know them by), valued by their id.
import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, LabelledField } from "./form-field";

export interface ProfileChoice {
  id: string;
  label: string;
}

export interface ProfileSelectProps {
  id: string;
  label: string;
  profiles: readonly ProfileChoice[];
  error: string | undefined;
  field: UseFormRegisterReturn;
}

export function ProfileSelect({ id, label, profiles, error, field }: ProfileSelectProps) {
  return (
    <LabelledField id={id} label={label} error={error}>
      <select
        id={id}
        className="form-field__select"
        autoComplete="off"
        aria-describedby={describedBy(id, false, error !== undefined)}
        {...field}
      >
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
