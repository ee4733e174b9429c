import type * as React from 'react';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';

/** The one card every (auth) page is: a title, what to do, the form, and links below. */
export function AuthCard({
  title,
  description,
  footer,
  children,
  ...props
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  footer?: React.ReactNode;
  children?: React.ReactNode;
} & Omit<React.ComponentProps<'div'>, 'title'>) {
  return (
    <Card className="w-full" {...props}>
      <CardHeader className="gap-1.5 px-6 py-5">
        <CardTitle className="text-base">
          <h1>{title}</h1>
        </CardTitle>
        {description ? <CardDescription className="text-sm">{description}</CardDescription> : null}
      </CardHeader>
      {children ? <CardContent className="grid gap-4 px-6 py-5">{children}</CardContent> : null}
      {footer ? (
        <CardFooter className="flex-wrap justify-between gap-2 px-6 text-sm text-muted-foreground">
          {footer}
        </CardFooter>
      ) : null}
    </Card>
  );
}
