import type { TFirm } from '@capitune/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerErrorAlert } from '../../../components/forms/server-error-alert';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogClose, DialogContent } from '../../../components/ui/dialog';
import { Select } from '../../../components/ui/select';
import { useChangeSupervisor } from '../api/change-supervisor';
import { useRemoveAgent } from '../api/remove-agent';

type Agent = TFirm['agents'][number];

const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

/** An agent and their supervisor; a verified licensee may change the supervisor or remove the agent. */
export function AgentRow({
  agent,
  supervisors,
  manage,
}: {
  agent: Agent;
  supervisors: TFirm['licensees'];
  manage: boolean;
}) {
  const { t } = useTranslation('firm');
  const name = fullName(agent);
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <p className="font-semibold text-slate-900">{name}</p>
        <p className="text-slate-700">{t('agents.supervisedBy', { name: fullName(agent.supervisor) })}</p>
      </div>
      {manage && <ManageAgent agent={agent} supervisors={supervisors} />}
    </li>
  );
}

function ManageAgent({ agent, supervisors }: { agent: Agent; supervisors: TFirm['licensees'] }) {
  const { t } = useTranslation('firm');
  const name = fullName(agent);
  const selectId = useId();
  const [supervisorId, setSupervisorId] = useState(agent.supervisor.id);
  const [removing, setRemoving] = useState(false);
  const change = useChangeSupervisor();
  const remove = useRemoveAgent();
  const choices = supervisors.filter(
    (licensee) => licensee.standing === 'verified' || licensee.id === agent.supervisor.id,
  );

  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ agentId: agent.id, supervisorId });
        }}
      >
        <Select
          id={selectId}
          label={t('agents.supervisor', { name })}
          value={supervisorId}
          onChange={(event) => setSupervisorId(event.target.value)}
        >
          {choices.map((licensee) => (
            <option key={licensee.id} value={licensee.id}>
              {fullName(licensee)}
            </option>
          ))}
        </Select>
        <Button
          type="submit"
          variant="secondary"
          disabled={change.isPending || supervisorId === agent.supervisor.id}
        >
          {t('agents.change')}
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => setRemoving(true)}
          aria-label={t('agents.remove', { name })}
        >
          {t('agents.removeShort')}
        </Button>
      </form>
      <div aria-live="polite">
        {change.isSuccess && supervisorId === agent.supervisor.id && (
          <Alert tone="success" live={false}>
            {t('agents.changed')}
          </Alert>
        )}
      </div>
      <ServerErrorAlert error={change.error} />
      <Dialog open={removing} onOpenChange={setRemoving}>
        <DialogContent title={t('agents.removeTitle', { name })} description={t('agents.removeDescription')}>
          <ServerErrorAlert error={remove.error} />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('agents.cancel')}</Button>
            </DialogClose>
            <Button
              variant="danger"
              disabled={remove.isPending}
              aria-busy={remove.isPending || undefined}
              onClick={() => remove.mutate(agent.id, { onSuccess: () => setRemoving(false) })}
            >
              {t('agents.removeConfirm')}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </div>
  );
}
