'use client';

import { type MemberRole, memberRoles } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { NativeSelect } from '@/components/ui/native-select';

export function RoleSelect({
  value,
  onValueChange,
  ...props
}: { value: MemberRole; onValueChange: (role: MemberRole) => void } & Omit<
  React.ComponentProps<typeof NativeSelect>,
  'value' | 'onChange'
>) {
  const t = useTranslations('roles');
  return (
    <NativeSelect
      value={value}
      onChange={(event) => onValueChange(event.target.value as MemberRole)}
      {...props}
    >
      {memberRoles.map((role) => (
        <option key={role} value={role}>
          {t(role)}
        </option>
      ))}
    </NativeSelect>
  );
}
