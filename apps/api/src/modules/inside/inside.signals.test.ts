import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { ORDINARY_SENTENCES } from '../../../test/fixtures/ordinary-sentences';
import { createPost, person } from '../../../test/inside-helpers';
import { findSignals, type SignalName, signalsHolding } from './signals';

const names = (text: string) => findSignals(text).map((signal) => signal.name);

describe('immigration fraud signals', () => {
  const positives: [string, SignalName][] = [
    ['Visa garanti en 3 semaines, contactez-nous', 'guaranteed_visa'],
    ['Nous garantissons votre résidence permanente', 'guaranteed_visa'],
    ['Succès garanti pour votre permis de travail', 'guaranteed_visa'],
    ['Approbation garantie à 100 %', 'guaranteed_visa'],
    ['100% garanti, aucun refus', 'guaranteed_visa'],
    ['Guaranteed visa for Canada in 2 weeks', 'guaranteed_visa'],
    ['We guarantee your PR, 100% approval', 'guaranteed_visa'],
    ['Work permit guaranteed or your money back', 'guaranteed_visa'],
    ['Acheter une EIMT rapidement', 'lmia_sale'],
    ['EIMT à vendre, offre d’emploi réelle', 'lmia_sale'],
    ['LMIA for sale, serious buyers only', 'lmia_sale'],
    ['Job offer for LMIA available now', 'lmia_sale'],
    ['Selling LMIA job offers in Alberta', 'lmia_sale'],
    ['Send the money by Western Union', 'payment_request'],
    ['Please send me the fees before Friday', 'payment_request'],
    ['Faites un virement Interac au conseiller', 'payment_request'],
    ['Payez-moi les frais et je dépose votre dossier', 'payment_request'],
    ['Les frais de dossier à envoyer avant lundi', 'payment_request'],
    ['Envoyez-moi l’argent par MoneyGram', 'payment_request'],
    ['BTC: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'crypto_wallet'],
    ['USDT 0x52908400098527886E0F7030069857D2E4169EE7', 'crypto_wallet'],
    ['Appelez le (514) 555-0199', 'phone_number'],
    ['Call me at 438-555-0142 today', 'phone_number'],
    ['Mon numéro : +33 6 12 34 56 78', 'phone_number'],
    ['Joignez-moi au 06 12 34 56 78', 'phone_number'],
    ['+1 416 555 0123 for details', 'phone_number'],
    ['+237 6 99 88 77 66 (Douala)', 'phone_number'],
    ['WhatsApp +1 514 555 0199', 'messaging_handle'],
    ['Telegram @visa_fast_ca', 'messaging_handle'],
    ['Contactez-moi sur WhatsApp pour les détails', 'messaging_handle'],
    ['Contact me on Signal for the process', 'messaging_handle'],
    ['WeChat ID: visa_helper88', 'messaging_handle'],
    ['Écrivez-moi : t.me/visafast', 'messaging_handle'],
  ];
  it.each(positives)('finds %s → %s', (text, name) => {
    expect(names(text)).toContain(name);
  });

  const negatives = [
    'Mon AOR est daté du 2024-05-12, toujours en attente.',
    'My application number is E123456789, submitted 2024/05/12.',
    'UCI 1234-5678 : ma biométrie est faite.',
    'UCI 11-2233-4455, permis reçu hier.',
    'Les frais de traitement sont de 1 500 $ et la preuve de fonds 14 690 $.',
    'Proof of funds: $13,757.00 for one person, $1,525 fees.',
    'Mon score CRS est 491 après le tirage du 2024-06-19 (seuil 486).',
    'J’ai reçu mon ITA, 90 jours pour soumettre, dossier de 45 pages.',
    'Is there a WhatsApp group for newcomers in Montréal?',
    'Le signal est mauvais dans le métro, ma demande a été transmise.',
    'Avez-vous reçu une garantie de loyer pour votre appartement ?',
    'No one can guarantee a result; IRCC decides each application.',
    'Je cherche une offre d’emploi avec une EIMT dans la santé.',
    'How long did your LMIA take? Mine took 4 months.',
    'I paid the fees online on the IRCC portal with my credit card.',
    'Nous avons payé les frais de biométrie de 85 $ en ligne.',
    'Processing time: 27 weeks, 100 days for the medical, 3 months total.',
    'Appelez IRCC au centre de soutien à la clientèle, ils répondent vite.',
    'The CRS cutoff was 524 in round 301 on 2024-07-08.',
    'Le code postal H2X 1Y4 et mon NAS commence par 9.',
  ];
  it.each(negatives)('finds nothing in %s', (text) => {
    expect(findSignals(text)).toEqual([]);
  });

  it('finds nothing in the ordinary sentences of the community', () => {
    expect(ORDINARY_SENTENCES.filter((sentence) => findSignals(sentence).length > 0)).toEqual([]);
  });

  it('holds candidates for every signal, pros only for promises and sales, admins for none', () => {
    const found = findSignals('Visa garanti, appelez le (514) 555-0199 ou WhatsApp +1 514 555 0199');
    expect(found.map((signal) => signal.name)).toEqual([
      'guaranteed_visa',
      'phone_number',
      'messaging_handle',
    ]);
    expect(found[1]?.excerpt).toContain('(514) 555-0199');
    expect(signalsHolding('candidate', found)).toHaveLength(3);
    expect(signalsHolding('pro', found).map((signal) => signal.name)).toEqual(['guaranteed_visa']);
    expect(signalsHolding('admin', found)).toEqual([]);
  });
});

describe('immigration fraud signals on Inside', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds a candidate’s post with a WhatsApp number, not a pro’s; a pro’s guaranteed visa is held', async () => {
    const candidate = await person(t.app, t.database);
    const pro = await person(t.app, t.database, 'pro');
    const body = 'Pour un accompagnement, écrivez-moi sur WhatsApp +1 514 555 0199 ce soir.';
    const held = await createPost(t.app, candidate, { body });
    expect(held.status).toBe('held');
    const queue = await t.database.pool.query(
      'select moderation_reason, held_word, needs_review_at from posts where id = $1',
      [held.id],
    );
    expect(queue.rows[0]).toMatchObject({ moderation_reason: 'signal', held_word: 'phone_number' });
    expect(queue.rows[0].needs_review_at).not.toBeNull();
    expect((await createPost(t.app, pro, { body })).status).toBe('published');
    const promise = await createPost(t.app, pro, {
      body: 'Visa garanti avec notre cabinet, résultats en 2 semaines.',
    });
    expect(promise.status).toBe('held');
  });
});
