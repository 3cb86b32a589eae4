// The options of a game as form fields, each with its plain-words help text.
// Used by the create-room form and by the host before the start.
import type { GameName, Options } from '../net/protocol';
import { effectiveValue, visibleSpecs, type OptionSpec, type OptionValue } from '../lobby/gameOptions';

function parseValue(spec: OptionSpec, raw: string): OptionValue {
  if (spec.kind === 'number') return Number(raw);
  const choice = spec.choices?.find((c) => String(c.value) === raw);
  return choice ? choice.value : raw;
}

export function OptionsFields({ game, options, context, onChange, idPrefix, disabled }: {
  game: GameName;
  options: Options;
  /** Options that decide visibility/defaults but are not edited here (players). */
  context?: Options;
  onChange: (next: Options) => void;
  idPrefix: string;
  disabled?: boolean;
}) {
  const all = { ...context, ...options };
  return (
    <div class="options-fields">
      {visibleSpecs(game, all).map((spec) => {
        const id = `${idPrefix}-${spec.key}`;
        const value = effectiveValue(spec, all);
        const set = (raw: string) => onChange({ ...options, [spec.key]: parseValue(spec, raw) });
        return (
          <div class="field" key={spec.key}>
            <label for={id}>{spec.label}</label>
            {spec.kind === 'number' ? (
              <input
                id={id}
                type="number"
                min={spec.min}
                max={spec.max}
                step={spec.step}
                value={String(value)}
                disabled={disabled}
                aria-describedby={`${id}-help`}
                onChange={(e) => set((e.target as HTMLInputElement).value)}
              />
            ) : (
              <select id={id} value={String(value)} disabled={disabled} aria-describedby={`${id}-help`}
                onChange={(e) => set((e.target as HTMLSelectElement).value)}>
                {spec.choices!.map((c) => (
                  <option key={String(c.value)} value={String(c.value)}>{c.label}</option>
                ))}
              </select>
            )}
            <p class="help" id={`${id}-help`}>{spec.help}</p>
          </div>
        );
      })}
    </div>
  );
}
