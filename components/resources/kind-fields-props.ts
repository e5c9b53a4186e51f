/** What every kind's fields of the resource form receive (kind-fields.tsx, header-fields.tsx). */
export type Config = Record<string, unknown>;
export type SecretPatch = Record<string, string | null | undefined>;

export interface KindFieldsProps {
  config: Config;
  setConfig: (patch: Config) => void;
  secretsSet: Record<string, boolean>;
  secrets: SecretPatch;
  setSecret: (name: string, value: string | null | undefined) => void;
  /** Stored secrets the edited target would not receive: they must be entered again. */
  mustReenter: ReadonlySet<string>;
}
