'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';

/** DESIGN.md, "What it deliberately does not do": shown wherever an account is created. */
export function AcceptableUseText() {
  return (
    <div className="space-y-1.5 text-xs leading-relaxed text-muted-foreground">
      <p>
        Fleetwright drives browsers openly, for testing, monitoring, permitted data collection and automation
        of your own tools. Use it only on sites and data you are allowed to automate, and do not use it to:
      </p>
      <ul className="list-disc space-y-0.5 pl-4">
        <li>hide automation or spoof browser fingerprints to pass as a person;</li>
        <li>
          inflate engagement: unattended media playback, dismissing “are you still watching” prompts, skipping
          ads, simulated activity, many sessions watching the same media;
        </li>
        <li>send traffic through open proxies found on public lists (those are other people’s machines).</li>
      </ul>
      <p>
        Administrators can cap per-domain concurrency, block target domains and read an audit log of critical
        actions.
      </p>
    </div>
  );
}

/** The notice and its required checkbox, for sign-up and setup. */
export function AcceptableUseField({
  checked,
  onCheckedChange,
  error,
}: {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  error?: string | null;
}) {
  return (
    <fieldset className="grid gap-2 rounded-md border bg-muted/30 p-3">
      <legend className="px-1 text-xs font-medium">Acceptable use</legend>
      <AcceptableUseText />
      <div className="flex items-center gap-2">
        <Checkbox
          id="acceptTerms"
          name="acceptTerms"
          checked={checked}
          onCheckedChange={(value) => onCheckedChange(value === true)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'acceptTerms-error' : undefined}
        />
        <Label htmlFor="acceptTerms" className="text-sm font-normal leading-snug">
          I accept the acceptable-use notice
        </Label>
      </div>
      {error ? (
        <p id="acceptTerms-error" data-testid="field-error-acceptTerms" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
