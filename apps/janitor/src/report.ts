/** What a person reads after a run: a table of the actions and one summary line. */
import type { JanitorRun } from './janitor';
import type { ActionRecord } from './records';

export function summaryLine(run: JanitorRun, bucket?: string): string {
  const count = (outcome: ActionRecord['outcome']) => run.records.filter((record) => record.outcome === outcome).length;
  const where = `janitor ${run.environment} ${run.region} (${run.trigger}${run.dryRun ? ', dry run' : ''})`;
  const parts = run.dryRun
    ? [`${run.records.length} action(s) planned`, count('failed') > 0 ? `${count('failed')} could not be planned` : undefined, 'nothing changed']
    : [`${run.records.length} action(s)`, `${count('done')} done`, `${count('failed')} failed`];
  if (run.ignored.length > 0) parts.push(`${run.ignored.length} alert message(s) ignored`);
  if (run.recordsKey) parts.push(`records s3://${bucket ?? '<bucket>'}/${run.recordsKey}`);
  if (run.recordsError) parts.push(`records NOT written (${run.recordsError.name}: ${run.recordsError.message})`);
  return `${where}: ${parts.filter((part) => part !== undefined).join(', ')}${run.partial ? ' - PARTIAL RUN' : ''}`;
}

/** Fixed-width columns, the reason last (it is the long one), the AWS error after it. */
export function actionsTable(records: readonly ActionRecord[]): string {
  if (records.length === 0) return 'nothing to do';
  const rows = [
    ['OUTCOME', 'ACTION', 'TYPE', 'RESOURCE', 'REASON'],
    ...records.map((record) => [
      record.outcome,
      record.action,
      record.resourceType,
      record.resourceId,
      record.error ? `${record.reason} [${record.error.name}: ${record.error.message}]` : record.reason,
    ]),
  ];
  const widths = rows[0].slice(0, -1).map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => [...row.slice(0, -1).map((cell, column) => cell.padEnd(widths[column])), row[row.length - 1]].join('  ')).join('\n');
}
