// Says, once per run, which real servers the suites used and what fell back or was skipped, so a green run on a
// laptop without PostgreSQL or Redis is never mistaken for a run against them. CI sets THREADLY_REQUIRE_SERVERS=1.
const servers = [
  { name: 'PostgreSQL', variable: 'DATABASE_URL', fallback: 'integration suites ran on embedded PGlite instead' },
  { name: 'Redis', variable: 'REDIS_URL', fallback: 'Redis suites were skipped' },
  // Not installable on these machines (no package carries the server), so CI cannot require it.
  { name: 'Meilisearch', variable: 'MEILI_HOST', fallback: 'the Meilisearch search suite was skipped (the docker-compose stack provides one)', optional: true },
];

function describe() {
  return servers.map(({ name, variable, fallback }) =>
    process.env[variable] ? `  ${name}: real server (${variable})` : `  ${name}: not configured (${variable} unset) — ${fallback}`,
  );
}

export function setup() {
  const missing = servers.filter(({ variable, optional }) => !optional && !process.env[variable]);
  if (process.env.THREADLY_REQUIRE_SERVERS === '1' && missing.length > 0) {
    throw new Error(`THREADLY_REQUIRE_SERVERS=1 but ${missing.map((s) => s.variable).join(', ')} unset: start the servers and set them.`);
  }
}

export function teardown() {
  console.log(['', 'Servers used by this run:', ...describe(), ''].join('\n'));
}
