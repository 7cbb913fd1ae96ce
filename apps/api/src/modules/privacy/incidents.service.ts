import type {
  TIncident,
  TIncidentBody,
  TIncidentEntryBody,
  TIncidentEntryKind,
  TIncidentUpdateBody,
  ZIncidentsPage,
  ZIncidentsQuery,
} from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import {
  type IncidentChange,
  type IncidentEntryRow,
  type IncidentRow,
  incidentById,
  incidentEntries,
  incidentPage,
  insertIncident,
  insertIncidentEntry,
  updateIncident,
} from './incidents.queries';

/**
 * The register of confidentiality incidents, kept by the platform's admins. An incident's facts and risk
 * assessment change as they become known; its history is a list of dated entries, never edited nor deleted.
 *
 * How long it is kept (nothing destroys it automatically; `keepUntil` tells when it may be):
 * - Québec: 5 years after the date the organisation became aware of the incident (Regulation respecting
 *   confidentiality incidents, CQLR c P-39.1, r 3.1, s. 11);
 * - PIPEDA: 24 months after the breach is determined (Breach of Security Safeguards Regulations,
 *   SOR/2018-64, s. 6), counted here from the last entry, which is never earlier.
 *
 * A risk of serious injury (`risk: serious`) obliges notifying the Commission d'accès à l'information, the
 * Privacy Commissioner and the people concerned: the incident shows which of those dates are still
 * empty, and the console reminds the admin of them.
 */

const QUEBEC_YEARS = 5;
const PIPEDA_MONTHS = 24;

type IncidentsQuery = z.output<typeof ZIncidentsQuery>;
type IncidentsPage = z.infer<typeof ZIncidentsPage>;
type IncidentSummary = IncidentsPage['items'][number];

/** The entries that set a date on the incident the first time they are written. */
const notificationDates = {
  people_notified: 'peopleNotifiedAt',
  cai_notified: 'caiNotifiedAt',
  opc_notified: 'opcNotifiedAt',
} as const satisfies Partial<Record<TIncidentEntryKind, keyof IncidentRow>>;

function addUtcMonths(at: Date, months: number): Date {
  const next = new Date(at);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}

/** The later of the two periods: the register keeps the incident at least until then. */
export function keepUntil(incident: Pick<IncidentRow, 'discoveredAt' | 'lastEntryAt'>): Date {
  const quebec = addUtcMonths(incident.discoveredAt, QUEBEC_YEARS * 12);
  const pipeda = addUtcMonths(incident.lastEntryAt, PIPEDA_MONTHS);
  return new Date(Math.max(quebec.getTime(), pipeda.getTime()));
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

function summaryOf(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    occurredAt: iso(row.occurredAt),
    discoveredAt: row.discoveredAt.toISOString(),
    affectedDescription: row.affectedDescription,
    affectedCount: row.affectedCount,
    dataConcerned: row.dataConcerned,
    risk: row.risk,
    riskAssessment: row.riskAssessment,
    measures: row.measures,
    status: row.closedAt ? 'closed' : 'open',
    peopleNotifiedAt: iso(row.peopleNotifiedAt),
    caiNotifiedAt: iso(row.caiNotifiedAt),
    opcNotifiedAt: iso(row.opcNotifiedAt),
    lastEntryAt: row.lastEntryAt.toISOString(),
    keepUntil: keepUntil(row).toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

function entryOf(row: IncidentEntryRow): TIncident['entries'][number] {
  return {
    id: row.id,
    kind: row.kind as TIncidentEntryKind,
    note: row.note,
    occurredAt: row.occurredAt.toISOString(),
    author: row.authorId
      ? { id: row.authorId, name: `${row.authorFirstName ?? ''} ${row.authorLastName ?? ''}`.trim() }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function viewOf(deps: AppDeps, row: IncidentRow): Promise<TIncident> {
  const entries = await incidentEntries(deps.db, row.id);
  return { ...summaryOf(row), entries: entries.map(entryOf) };
}

/** Dates given by the admin: none ahead of now, and an incident does not happen after it is discovered. */
function checkDates(
  now: Date,
  dates: { occurredAt?: string | null | undefined; discoveredAt?: string | undefined },
  path = 'body',
): void {
  for (const field of ['occurredAt', 'discoveredAt'] as const) {
    const value = dates[field];
    if (value && new Date(value) > now)
      throw fieldError(`${path}.${field}`, 'in_the_future', 'This date is still ahead');
  }
  if (dates.occurredAt && dates.discoveredAt && new Date(dates.occurredAt) > new Date(dates.discoveredAt))
    throw fieldError(
      `${path}.occurredAt`,
      'after_discovery',
      'The incident cannot happen after it was discovered',
    );
}

/** `GET /api/admin/incidents`: the register, most recently discovered first. */
export async function listIncidents(
  deps: AppDeps,
  caller: Caller,
  query: IncidentsQuery,
): Promise<IncidentsPage> {
  requireRole(caller, 'admin');
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await incidentPage(deps.db, { status: query.status, after }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(summaryOf),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ at: last.discoveredAt, id: last.id }) : null,
  };
}

export async function getIncident(deps: AppDeps, caller: Caller, id: string): Promise<TIncident> {
  requireRole(caller, 'admin');
  const row = await incidentById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such incident');
  return viewOf(deps, row);
}

/** `POST /api/admin/incidents`: a new incident; a risk assessed from the start is its first entry. */
export async function createIncident(deps: AppDeps, caller: Caller, body: TIncidentBody): Promise<TIncident> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  checkDates(now, body);
  const row = await withTransaction(deps.pool, async (tx) => {
    const incident = await insertIncident(tx.db, {
      title: body.title,
      kind: body.kind,
      description: body.description,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : null,
      discoveredAt: new Date(body.discoveredAt),
      affectedDescription: body.affectedDescription,
      affectedCount: body.affectedCount ?? null,
      dataConcerned: body.dataConcerned,
      risk: body.risk,
      riskAssessment: body.riskAssessment || null,
      measures: body.measures || null,
      lastEntryAt: now,
      createdBy: caller.id,
      createdAt: now,
      updatedAt: now,
    });
    if (incident.risk !== 'not_assessed' || incident.riskAssessment) {
      await insertIncidentEntry(tx.db, {
        incidentId: incident.id,
        kind: 'assessment',
        note: incident.riskAssessment ?? '',
        occurredAt: now,
        authorId: caller.id,
        createdAt: now,
      });
    }
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.incident_created',
      subjectType: 'privacy_incident',
      subjectId: incident.id,
      // The register holds the facts; the log says who recorded what kind of incident, and its risk.
      after: { kind: incident.kind, risk: incident.risk, discoveredAt: body.discoveredAt },
      ip: caller.ip ?? null,
    });
    return incident;
  });
  return viewOf(deps, row);
}

const editable = [
  'title',
  'kind',
  'description',
  'occurredAt',
  'discoveredAt',
  'affectedDescription',
  'affectedCount',
  'dataConcerned',
  'risk',
  'riskAssessment',
  'measures',
] as const;

/** What the row holds for a field, as the body gives it (instants as ISO strings, empty text as null). */
function stored(row: IncidentRow, field: (typeof editable)[number]): unknown {
  const value = row[field];
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * `PATCH /api/admin/incidents/{id}`: the facts and the assessment as they become known. A change of the
 * risk or of its assessment is also written as an `assessment` entry, so the register keeps each one.
 */
export async function updateIncidentFacts(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: TIncidentUpdateBody,
): Promise<TIncident> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  const row = await withTransaction(deps.pool, async (tx) => {
    const current = await incidentById(tx.db, id, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', 'No such incident');
    checkDates(now, {
      occurredAt: body.occurredAt === undefined ? iso(current.occurredAt) : body.occurredAt,
      discoveredAt: body.discoveredAt ?? current.discoveredAt.toISOString(),
    });
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of editable) {
      if (body[field] === undefined) continue;
      const value =
        field === 'occurredAt' || field === 'discoveredAt'
          ? body[field] && new Date(body[field]).toISOString()
          : body[field] === ''
            ? null
            : body[field];
      if (value === stored(current, field)) continue;
      before[field] = stored(current, field);
      after[field] = value;
    }
    if (Object.keys(after).length === 0) return current;
    const change: IncidentChange = {
      ...(after as Omit<IncidentChange, 'occurredAt' | 'discoveredAt'>),
      ...('occurredAt' in after
        ? { occurredAt: after.occurredAt ? new Date(after.occurredAt as string) : null }
        : {}),
      ...('discoveredAt' in after ? { discoveredAt: new Date(after.discoveredAt as string) } : {}),
      lastEntryAt: now,
      updatedAt: now,
    };
    const updated = await updateIncident(tx.db, id, change);
    if ('risk' in after || 'riskAssessment' in after) {
      await insertIncidentEntry(tx.db, {
        incidentId: id,
        kind: 'assessment',
        note: updated.riskAssessment ?? '',
        occurredAt: now,
        authorId: caller.id,
        createdAt: now,
      });
    }
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.incident_updated',
      subjectType: 'privacy_incident',
      subjectId: id,
      // Which facts changed, and the risk: the texts themselves stay in the register.
      before: { fields: Object.keys(after), risk: current.risk },
      after: { fields: Object.keys(after), risk: updated.risk },
      ip: caller.ip ?? null,
    });
    return updated;
  });
  return viewOf(deps, row);
}

/**
 * `POST /api/admin/incidents/{id}/entries`: a dated entry. A notification sent sets its date on the
 * incident the first time; `closed` and `reopened` change its status (409 when it already has it).
 */
export async function addIncidentEntry(
  deps: AppDeps,
  caller: Caller,
  id: string,
  body: TIncidentEntryBody,
): Promise<TIncident> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  const occurredAt = body.occurredAt ? new Date(body.occurredAt) : now;
  if (occurredAt > now) throw fieldError('body.occurredAt', 'in_the_future', 'This date is still ahead');
  const row = await withTransaction(deps.pool, async (tx) => {
    const current = await incidentById(tx.db, id, { lock: true });
    if (!current) throw new AppError('NOT_FOUND', 'No such incident');
    const change: IncidentChange = { lastEntryAt: now, updatedAt: now };
    if (body.kind === 'closed') {
      if (current.closedAt) throw new AppError('CONFLICT', 'This incident is already closed');
      change.closedAt = occurredAt;
    }
    if (body.kind === 'reopened') {
      if (!current.closedAt) throw new AppError('CONFLICT', 'This incident is open');
      change.closedAt = null;
    }
    if (body.kind in notificationDates) {
      const field = notificationDates[body.kind as keyof typeof notificationDates];
      if (!current[field]) change[field] = occurredAt;
    }
    const updated = await updateIncident(tx.db, id, change);
    await insertIncidentEntry(tx.db, {
      incidentId: id,
      kind: body.kind,
      note: body.note,
      occurredAt,
      authorId: caller.id,
      createdAt: now,
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.incident_entry_added',
      subjectType: 'privacy_incident',
      subjectId: id,
      after: { kind: body.kind, occurredAt: occurredAt.toISOString() },
      ip: caller.ip ?? null,
    });
    return updated;
  });
  return viewOf(deps, row);
}
