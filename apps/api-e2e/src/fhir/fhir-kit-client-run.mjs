// Runs fhir-kit-client (ESM-only, an independent FHIR client) against the running API in its own Node process:
// a real ESM import, not one rewritten by the test runner. Prints what it got as JSON on stdout.
// usage: node fhir-kit-client-run.mjs <baseUrl> <bearer token>
const { Client } = await import('fhir-kit-client');
const [baseUrl, token] = process.argv.slice(2);
const client = new Client({ baseUrl, customHeaders: { Authorization: `Bearer ${token}` } });
const metadata = await client.capabilityStatement();
const bundle = await client.search({ resourceType: 'Patient', searchParams: { _count: 2 } });
const first = bundle.entry?.[0]?.resource;
const patient = first ? await client.read({ resourceType: 'Patient', id: first.id }) : null;
let missing;
try {
  await client.read({ resourceType: 'Patient', id: '00000000-0000-4000-8000-000000000000' });
} catch (e) {
  missing = { status: e.response?.status, outcome: e.response?.data };
}
process.stdout.write(JSON.stringify({ metadata: metadata.resourceType, bundle, patient, missing }));
