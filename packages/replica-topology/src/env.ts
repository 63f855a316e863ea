/**
 * What every child process inherits from this one: only what finding programs and a home directory need. The
 * rest of the parent's environment (a test runner's variables, a developer's GATEWAY_PORT) must not leak into the
 * topology's processes, whose configuration is exactly what `startReplicaTopology` passes. The only place this
 * package reads the environment.
 */
export function inheritedEnv(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
