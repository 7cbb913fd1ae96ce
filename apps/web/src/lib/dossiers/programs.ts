import { type TProgram, ZProgram } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiFetch } from '../api-client';

const ZProgramList = z.object({ items: z.array(ZProgram) });

export const programsKey = ['programs'] as const;

export const getPrograms = async (): Promise<TProgram[]> =>
  (await apiFetch('/api/programs', { schema: ZProgramList })).items;

/** The programs catalogue (names, descriptions, checklists), in both languages; it rarely changes. */
export function usePrograms() {
  return useQuery({ queryKey: programsKey, queryFn: getPrograms, staleTime: 10 * 60_000 });
}

/** Picks the reader's language from a `{ fr, en }` text. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'fr';
  return (text: { fr: string; en: string } | null | undefined) => (text ? text[language] : '');
}

/** A program's name in the reader's language (its id while the catalogue loads). */
export function useProgramName() {
  const programs = usePrograms();
  const localized = useLocalized();
  return (programId: string) => {
    const program = programs.data?.find((item) => item.id === programId);
    return program ? localized(program.name) : programId;
  };
}

/** The checklist item's label, across programs (items have ids unique to their program). */
export function useItemLabel() {
  const programs = usePrograms();
  const localized = useLocalized();
  return (programId: string, itemId: string | null) => {
    if (!itemId) return null;
    const item = programs.data
      ?.find((program) => program.id === programId)
      ?.items.find((candidate) => candidate.id === itemId);
    return item ? localized(item.label) : null;
  };
}
