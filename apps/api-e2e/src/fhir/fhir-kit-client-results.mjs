// Runs fhir-kit-client (ESM-only, an independent FHIR client) as the LIS: posts a transaction Bundle (read from the file
// named on the command line) and reads back the DiagnosticReport and its Observations. Prints what it got as JSON on stdout.
// usage: node fhir-kit-client-results.mjs <baseUrl> <bearer token> <bundle.json>
import { readFile } from 'node:fs/promises';

const { Client } = await import('fhir-kit-client');
const [baseUrl, token, file] = process.argv.slice(2);
const client = new Client({ baseUrl, customHeaders: { Authorization: `Bearer ${token}` } });
const body = JSON.parse(await readFile(file, 'utf8'));
const response = await client.transaction({ body });
const [reportType, reportId] = response.entry[0].response.location.split('/');
const report = await client.read({ resourceType: reportType, id: reportId });
const observations = [];
for (const r of report.result ?? []) {
  const [resourceType, id] = r.reference.split('/');
  observations.push(await client.read({ resourceType, id }));
}
const search = await client.search({ resourceType: 'Observation', searchParams: { 'based-on': body.entry[0].resource.basedOn[0].reference, category: 'laboratory' } });
process.stdout.write(JSON.stringify({ response, report, observations, search }));
