import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.ts';

describe('CookieJar', () => {
  it('sends back the cookies a response set, without their attributes', () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append('set-cookie', 'session=abc.def; Path=/; HttpOnly; SameSite=Lax');
    headers.append('set-cookie', 'csrf=xyz; Path=/; Max-Age=3600');
    jar.store({ headers });
    expect(jar.header()).toBe('session=abc.def; csrf=xyz');
    expect(jar.get('csrf')).toBe('xyz');
  });

  it('forgets a cookie set to empty, with Max-Age=0 or with an Expires date in the past', () => {
    const jar = new CookieJar();
    jar.store(['a=1', 'b=2', 'c=3', 'd=4']);
    jar.store([
      'a=; Path=/',
      'b=2; Max-Age=0',
      'c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'd=5; Expires=Fri, 01 Jan 2100 00:00:00 GMT',
    ]);
    expect(jar.names()).toEqual(['d']);
    expect(jar.header()).toBe('d=5');
  });

  it('takes the raw set-cookie value of an app.inject() response', () => {
    const jar = new CookieJar();
    jar.store('token=t1; Path=/');
    jar.store(undefined);
    expect(jar.header()).toBe('token=t1');
  });

  it('gives an empty header when it holds nothing', () => {
    expect(new CookieJar().header()).toBe('');
  });
});
