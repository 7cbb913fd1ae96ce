// Over 500 lines: data, not logic: the demo's Inside posts and comments in both languages.
import type { TPostCategory } from '@capitune/contracts';

/** Who wrote what in the demo's Inside: a key of `demoPeople` (demo-people.ts). */
export interface DemoComment {
  by: string;
  /** Hours after the post (or the comment replied to). */
  after: number;
  body: string;
  likes?: number;
  replies?: DemoComment[];
}

export interface DemoPost {
  by: string;
  language: 'fr' | 'en';
  category: TPostCategory;
  tags: string[];
  /** Hours before the seed's moment. */
  hoursAgo: number;
  title: string;
  /** Markdown, as an author writes it. */
  body: string;
  likes: number;
  comments: DemoComment[];
}

/**
 * The demo's Inside: questions and experiences of people immigrating to Canada, in French and English,
 * with the answers of other members and of the demo pros.
 */
export const demoPosts: DemoPost[] = [
  {
    by: 'amina',
    language: 'fr',
    category: 'express_entry',
    tags: ['entree-express', 'crs', 'tef'],
    hoursAgo: 5,
    title: 'Invitation reçue avec 489 points : et maintenant ?',
    body: 'Bonjour à toutes et à tous !\n\nJ’ai reçu mon invitation à présenter une demande (IPD) il y a dix jours, au tirage francophone. Il me reste cinquante jours pour tout déposer.\n\nCe qui me stresse le plus :\n\n- les lettres d’emploi de mon ancien employeur à Dakar ;\n- le certificat de police du Sénégal, qui peut prendre des semaines.\n\nPar quoi avez-vous commencé ?',
    likes: 14,
    comments: [
      {
        by: 'julien',
        after: 1,
        body: 'Félicitations ! Commencez par les certificats de police : ce sont eux qui prennent le plus de temps. Demandez en parallèle les lettres d’emploi, avec les tâches, les heures par semaine et le salaire.',
        likes: 6,
        replies: [
          { by: 'amina', after: 2, body: 'Merci Julien, je fais la demande au commissariat dès lundi.' },
        ],
      },
      {
        by: 'lucas',
        after: 3,
        body: 'Même situation l’an dernier. Le plus long pour moi a été l’examen médical : prenez rendez-vous tôt chez un médecin désigné.',
        likes: 3,
      },
      { by: 'karim', after: 8, body: 'Bravo ! Le tirage francophone change vraiment la donne.' },
    ],
  },
  {
    by: 'priya',
    language: 'en',
    category: 'study',
    tags: ['study-permit', 'pal', 'toronto'],
    hoursAgo: 9,
    title: 'Study permit approved in 5 weeks: my timeline',
    body: 'Sharing my timeline in case it helps someone:\n\n1. Letter of acceptance from a college in Toronto: March 3\n2. Provincial attestation letter (PAL): March 20\n3. Application submitted online: March 24\n4. Biometrics: April 2\n5. Approval: April 28\n\nWhat made the difference, I think, was a clear study plan explaining why this program and why Canada.',
    likes: 21,
    comments: [
      {
        by: 'ana',
        after: 2,
        body: 'Congratulations! How much did you show as proof of funds?',
        replies: [
          {
            by: 'priya',
            after: 1,
            body: 'Tuition for the first year plus the living-cost amount IRCC asks for, with six months of bank statements.',
            likes: 4,
          },
        ],
      },
      {
        by: 'grace',
        after: 5,
        body: 'Great example of a focused study plan. Thanks for posting this.',
        likes: 2,
      },
    ],
  },
  {
    by: 'karim',
    language: 'fr',
    category: 'quebec',
    tags: ['arrima', 'pstq', 'quebec'],
    hoursAgo: 20,
    title: 'Arrima : combien de temps entre la déclaration d’intérêt et l’invitation ?',
    body: 'J’ai déposé ma déclaration d’intérêt dans Arrima il y a quatre mois, avec un niveau 7 en français à l’oral. Toujours rien.\n\nEst-ce que quelqu’un sait si les invitations ciblent surtout certaines professions en ce moment ?',
    likes: 9,
    comments: [
      {
        by: 'omar',
        after: 4,
        body: 'Les invitations suivent les priorités du ministère : professions en demande, niveau de français, région hors Montréal. Un meilleur résultat au français oral et écrit augmente nettement vos chances.',
        likes: 5,
      },
      {
        by: 'chloe',
        after: 10,
        body: 'Moi, invitée après sept mois. Courage, et mettez votre profil à jour dès qu’un élément change.',
      },
    ],
  },
  {
    by: 'wei',
    language: 'en',
    category: 'work',
    tags: ['lmia', 'work-permit', 'vancouver'],
    hoursAgo: 30,
    title: 'LMIA-exempt or LMIA-based work permit? A quick guide',
    body: 'I get this question every week, so here is the short version.\n\n**LMIA-based**: your employer proves no Canadian was available. Slower, but it opens many doors.\n\n**LMIA-exempt**: intra-company transfers, CUSMA professionals, Francophone Mobility outside Québec, and a few others.\n\nIf you speak French and the job is outside Québec, ask your employer about Francophone Mobility first.',
    likes: 17,
    comments: [
      {
        by: 'linh',
        after: 3,
        body: 'Does Francophone Mobility need a specific French test score?',
        replies: [
          {
            by: 'wei',
            after: 2,
            body: 'Yes, a moderate level in French. TEF Canada or TCF Canada results are the usual proof.',
            likes: 3,
          },
        ],
      },
    ],
  },
  {
    by: 'chloe',
    language: 'fr',
    category: 'family',
    tags: ['parrainage', 'conjoint'],
    hoursAgo: 44,
    title: 'Parrainage de mon conjoint : c’est accepté !',
    body: 'Après onze mois d’attente, le parrainage de mon conjoint est accepté. Il arrive à Montréal le mois prochain.\n\nMon conseil : mettez **beaucoup** de preuves de relation (photos datées, billets d’avion, conversations), classées par année. Fatou nous a aidés à tout organiser.',
    likes: 26,
    comments: [
      { by: 'fatou', after: 2, body: 'Quelle belle nouvelle ! Bonne installation à vous deux.', likes: 4 },
      {
        by: 'emily',
        after: 6,
        body: 'Congratulations! Eleven months, was it an inland or outland application?',
      },
      {
        by: 'amina',
        after: 9,
        body: 'Félicitations ! Ça donne de l’espoir.',
        replies: [{ by: 'chloe', after: 3, body: 'Merci Amina, bonne chance pour ton Entrée express !' }],
      },
    ],
  },
  {
    by: 'lucas',
    language: 'fr',
    category: 'settlement',
    tags: ['montreal', 'logement'],
    hoursAgo: 60,
    title: 'Trouver un appartement à Montréal sans historique de crédit',
    body: 'Arrivé en janvier, j’ai visité une dizaine de logements avant de signer. Ce qui a marché pour moi :\n\n- une lettre de mon employeur avec le salaire ;\n- deux mois de loyer proposés d’avance (le propriétaire ne peut pas l’exiger, mais certains l’acceptent) ;\n- chercher dans Rosemont et Villeray plutôt que le Plateau.\n\nLe bail se signe en général pour le 1er juillet : attention à la course du déménagement !',
    likes: 19,
    comments: [
      {
        by: 'diego',
        after: 5,
        body: 'Merci pour les quartiers ! Est-ce que la carte de crédit sécurisée aide vraiment ?',
        replies: [
          {
            by: 'lucas',
            after: 2,
            body: 'Oui, au bout de six mois j’avais un dossier de crédit. Prenez-la dès l’arrivée.',
            likes: 2,
          },
        ],
      },
      {
        by: 'sofia',
        after: 12,
        body: 'Le 1er juillet, c’est vraiment quelque chose. Réservez le camion tôt !',
        likes: 5,
      },
    ],
  },
  {
    by: 'sofia',
    language: 'en',
    category: 'work',
    tags: ['work-permit', 'toronto', 'lmia'],
    hoursAgo: 75,
    title: 'Employer-specific work permit: can I change jobs?',
    body: 'I am on an employer-specific permit in Toronto and a better offer just came in. From what I read, I need a new permit before I start, and the new employer needs its own LMIA unless the job is exempt.\n\nHas anyone done this? How long did it take?',
    likes: 7,
    comments: [
      {
        by: 'raj',
        after: 3,
        body: 'Correct: do not start the new job before the new permit is approved. If you are already in Canada and your current permit is valid, you keep working for your current employer meanwhile.',
        likes: 6,
      },
      { by: 'linh', after: 20, body: 'It took four months for me, LMIA included.' },
    ],
  },
  {
    by: 'julien',
    language: 'fr',
    category: 'express_entry',
    tags: ['entree-express', 'crs', 'francais'],
    hoursAgo: 96,
    title: 'Cinq façons réalistes d’augmenter votre score CRS',
    body: 'Beaucoup de candidats pensent que leur score est figé. Ce n’est pas le cas.\n\n1. **Le français** : même avec l’anglais comme première langue, un bon résultat au TEF Canada ajoute jusqu’à 50 points.\n2. **Le test d’anglais** : passer de 7 à 9 dans chaque habileté change beaucoup.\n3. **Le conjoint** : ses résultats de langue et son diplôme comptent.\n4. **Une année d’expérience de plus** : vérifiez la date anniversaire.\n5. **L’évaluation des diplômes** d’un deuxième diplôme.\n\nQuestions bienvenues en commentaire.',
    likes: 33,
    comments: [
      {
        by: 'youssef',
        after: 2,
        body: 'Pour le conjoint, est-ce qu’il faut aussi une évaluation des diplômes ?',
        replies: [
          {
            by: 'julien',
            after: 1,
            body: 'Oui, si vous voulez les points pour son diplôme obtenu hors du Canada.',
            likes: 4,
          },
        ],
      },
      {
        by: 'amina',
        after: 6,
        body: 'Le point 1 m’a fait gagner 42 points. Merci pour ces conseils !',
        likes: 7,
      },
      { by: 'karim', after: 30, body: 'Très clair, je partage à mon frère.' },
    ],
  },
  {
    by: 'ana',
    language: 'en',
    category: 'study',
    tags: ['caq', 'montreal', 'study-permit'],
    hoursAgo: 110,
    title: 'CAQ first, then the study permit: don’t mix up the order',
    body: 'Studying in Québec means **two** applications: the CAQ from Québec, then the federal study permit. I lost three weeks because I tried to apply for the permit before receiving my CAQ.\n\nAlso: the CAQ is processed in French or English, but your documents must be translated if they are in another language.',
    likes: 12,
    comments: [
      {
        by: 'lucia',
        after: 4,
        body: 'Exactly. And keep a copy of the CAQ approval letter, the permit application asks for it.',
        likes: 3,
      },
      { by: 'diego', after: 9, body: 'Good to know, I am about to start my CAQ next month.' },
    ],
  },
  {
    by: 'youssef',
    language: 'fr',
    category: 'quebec',
    tags: ['francisation', 'quebec'],
    hoursAgo: 130,
    title: 'Cours de francisation gratuits : mon expérience avec Francisation Québec',
    body: 'Ma femme suit les cours à temps partiel le soir, en ligne, depuis deux mois. C’est gratuit et il y a une allocation pour le temps plein.\n\nLes groupes sont petits et les profs très patients. Je recommande à tous les conjoints qui arrivent !',
    likes: 11,
    comments: [
      {
        by: 'emily',
        after: 5,
        body: 'Est-ce ouvert avant d’arriver au Québec ?',
        replies: [
          {
            by: 'youssef',
            after: 2,
            body: 'Oui, certains cours en ligne sont accessibles depuis l’étranger avec un projet d’immigration au Québec.',
          },
        ],
      },
    ],
  },
  {
    by: 'raj',
    language: 'en',
    category: 'express_entry',
    tags: ['express-entry', 'cec', 'ontario'],
    hoursAgo: 150,
    title: 'Canadian Experience Class: what counts as skilled work experience',
    body: 'A common refusal reason: experience that does not match the TEER category claimed.\n\n- Your reference letter must list duties that match the NOC description.\n- Part-time work counts, but it is prorated.\n- Work while you were a full-time student does **not** count for CEC.\n- Self-employment does not count for CEC either.',
    likes: 15,
    comments: [
      {
        by: 'linh',
        after: 3,
        body: 'The student-work rule caught me off guard. Thanks for spelling it out.',
        likes: 2,
      },
      {
        by: 'priya',
        after: 7,
        body: 'Does a co-op placement count?',
        replies: [
          {
            by: 'raj',
            after: 2,
            body: 'No, co-op work during your studies does not count for CEC.',
            likes: 3,
          },
        ],
      },
    ],
  },
  {
    by: 'diego',
    language: 'fr',
    category: 'study',
    tags: ['etudiant', 'quebec', 'caq'],
    hoursAgo: 170,
    title: 'Premier hiver à Québec : ce que j’aurais aimé savoir',
    body: 'Venu du Mexique pour ma maîtrise à l’Université Laval. Trois choses :\n\n- achetez le manteau **sur place**, en octobre, pas avant de partir ;\n- les bottes comptent plus que le manteau ;\n- le Carnaval en février, c’est l’occasion de rencontrer du monde.\n\nEt l’hiver passe beaucoup mieux avec un sport : j’ai commencé le ski de fond !',
    likes: 23,
    comments: [
      {
        by: 'lucia',
        after: 2,
        body: '¡Qué bueno! Et les crampons pour les trottoirs glacés, indispensables.',
        likes: 4,
      },
      { by: 'thomas', after: 10, body: 'À Moncton aussi, les bottes avant tout. Bon hiver !' },
    ],
  },
  {
    by: 'emily',
    language: 'en',
    category: 'family',
    tags: ['sponsorship', 'spouse', 'open-work-permit'],
    hoursAgo: 190,
    title: 'Sponsoring my husband from inside Canada: open work permit question',
    body: 'We applied inland for spousal sponsorship. My husband is here as a visitor. Can he apply for an open work permit while the sponsorship is processed?\n\nWe would rather he not wait a year without working.',
    likes: 6,
    comments: [
      {
        by: 'maria',
        after: 3,
        body: 'Yes, inland spousal applicants can usually apply for an open work permit once the sponsorship application is submitted. Check the eligibility conditions on IRCC’s page first.',
        likes: 5,
      },
      { by: 'chloe', after: 8, body: 'We did exactly that, the permit came in about three months.' },
    ],
  },
  {
    by: 'fatou',
    language: 'fr',
    category: 'general',
    tags: ['francophone', 'ontario'],
    hoursAgo: 210,
    title: 'Immigrer en français hors du Québec : oui, c’est possible',
    body: 'On l’oublie souvent : l’Ontario, le Nouveau-Brunswick et le Manitoba accueillent beaucoup de francophones.\n\n- Tirages Entrée express réservés aux francophones ;\n- Mobilité francophone pour les permis de travail ;\n- Écoles et services en français dans plusieurs villes (Ottawa, Sudbury, Moncton, Saint-Boniface).\n\nDes questions sur ces parcours ? Je réponds ici.',
    likes: 18,
    comments: [
      {
        by: 'amina',
        after: 3,
        body: 'Est-ce qu’Ottawa est facile à vivre sans anglais ?',
        replies: [
          {
            by: 'fatou',
            after: 2,
            body: 'Au quotidien, oui dans certains quartiers. Pour le travail, l’anglais aide beaucoup : visez un niveau intermédiaire.',
            likes: 3,
          },
        ],
      },
      {
        by: 'thomas',
        after: 12,
        body: 'Et Moncton est la ville la plus bilingue du Canada, venez nous voir !',
        likes: 6,
      },
    ],
  },
  {
    by: 'linh',
    language: 'en',
    category: 'settlement',
    tags: ['vancouver', 'housing', 'bank'],
    hoursAgo: 230,
    title: 'First month in Vancouver: SIN, bank, phone, transit',
    body: 'My checklist for the first week, in the order that worked:\n\n1. SIN at Service Canada (same day, bring your permit)\n2. Bank account with a newcomer package\n3. Phone plan (prepaid first, contracts need credit)\n4. Compass card for transit\n5. Register for MSP, the provincial health plan\n\nRent is the hard part. Budget more than you think.',
    likes: 16,
    comments: [
      {
        by: 'wei',
        after: 4,
        body: 'Good list. Add a library card: free, and the libraries run newcomer workshops.',
        likes: 5,
      },
      {
        by: 'sofia',
        after: 11,
        body: 'Same order worked for me in Toronto, with Presto instead of Compass.',
      },
    ],
  },
  {
    by: 'omar',
    language: 'fr',
    category: 'quebec',
    tags: ['peq', 'quebec', 'diplome'],
    hoursAgo: 260,
    title: 'Diplômés du Québec : bien préparer sa demande de sélection permanente',
    body: 'Vous finissez un diplôme au Québec et voulez rester ? Préparez tôt :\n\n- l’attestation de réussite et le relevé de notes final ;\n- la preuve de séjour au Québec pendant les études ;\n- un résultat de français récent, à l’oral **et** à l’écrit.\n\nLes règles des programmes québécois changent souvent : vérifiez toujours la version en vigueur sur le site du ministère avant de déposer.',
    likes: 13,
    comments: [
      {
        by: 'diego',
        after: 6,
        body: 'Merci, je finis en avril, je commence à rassembler tout ça.',
        likes: 1,
      },
      {
        by: 'ana',
        after: 14,
        body: 'Le français écrit est obligatoire aussi ?',
        replies: [{ by: 'omar', after: 3, body: 'Oui, les deux compétences sont évaluées.', likes: 2 }],
      },
    ],
  },
  {
    by: 'grace',
    language: 'en',
    category: 'general',
    tags: ['scams', 'licensed'],
    hoursAgo: 290,
    title: 'How to check that your immigration representative is licensed',
    body: 'Before paying anyone:\n\n- **Consultants** must be on the College of Immigration and Citizenship Consultants register.\n- **Lawyers and paralegals** must be members of their provincial law society.\n- **Notaries** in Québec: the Chambre des notaires.\n\nNo one can guarantee a visa. A promise of a guaranteed job or approval is a red flag.',
    likes: 29,
    comments: [
      { by: 'karim', after: 2, body: 'Everyone should read this before signing anything.', likes: 6 },
      {
        by: 'julien',
        after: 5,
        body: 'Et le badge « vérifié » sur CAPITUNE signifie que le permis a été contrôlé au registre.',
        likes: 8,
      },
    ],
  },
  {
    by: 'amelie',
    language: 'fr',
    category: 'family',
    tags: ['parrainage', 'engagement', 'quebec'],
    hoursAgo: 320,
    title: 'Parrainer au Québec : l’engagement auprès du ministère',
    body: 'Au Québec, le parrainage familial a une étape de plus : après l’approbation fédérale du répondant, il faut souscrire un engagement auprès du ministère québécois.\n\nL’engagement dure trois ans pour un conjoint. Pendant ce temps, vous êtes responsable de ses besoins essentiels : prenez-le au sérieux.',
    likes: 10,
    comments: [
      {
        by: 'chloe',
        after: 7,
        body: 'On l’a découvert en cours de route, merci de le rappeler !',
        replies: [{ by: 'amelie', after: 2, body: 'Avec plaisir, c’est une question très fréquente.' }],
      },
    ],
  },
  {
    by: 'maria',
    language: 'en',
    category: 'family',
    tags: ['parents', 'super-visa'],
    hoursAgo: 350,
    title: 'Super visa for parents: what you need',
    body: 'If the parents and grandparents program is not open, the super visa lets your parents stay up to five years per visit.\n\nYou need: proof that you meet the minimum income, private medical insurance from a Canadian insurer (or an approved foreign one) for at least one year, and a letter of invitation.',
    likes: 12,
    comments: [
      {
        by: 'raj',
        after: 4,
        body: 'The insurance is where most applications fall short. Read the coverage conditions carefully.',
        likes: 4,
      },
      { by: 'priya', after: 18, body: 'My parents got theirs last year, approved in six weeks.' },
    ],
  },
  {
    by: 'thomas',
    language: 'fr',
    category: 'work',
    tags: ['atlantique', 'permis-travail', 'moncton'],
    hoursAgo: 380,
    title: 'Programme d’immigration au Canada atlantique : pour qui ?',
    body: 'Le programme s’adresse aux travailleurs qui ont une offre d’un employeur désigné au Nouveau-Brunswick, en Nouvelle-Écosse, à l’Île-du-Prince-Édouard ou à Terre-Neuve-et-Labrador.\n\nL’employeur prépare un plan d’établissement avec un organisme d’accueil. Beaucoup d’employeurs de Moncton cherchent des francophones.',
    likes: 8,
    comments: [
      {
        by: 'youssef',
        after: 9,
        body: 'Est-ce qu’il y a des offres en informatique ?',
        replies: [{ by: 'thomas', after: 4, body: 'Oui, quelques-unes, surtout à Moncton et à Halifax.' }],
      },
    ],
  },
  {
    by: 'lucia',
    language: 'en',
    category: 'study',
    tags: ['pgwp', 'graduate'],
    hoursAgo: 420,
    title: 'Post-graduation work permit: apply before your student status ends',
    body: 'A reminder for everyone finishing this term: you have 180 days after your final marks to apply for a PGWP, **but** you must hold a valid status when you apply.\n\nIf your study permit expires before your results come in, look into your options early.',
    likes: 14,
    comments: [
      { by: 'priya', after: 3, body: 'Saving this. My permit ends two weeks after my last exam.', likes: 1 },
      { by: 'ana', after: 10, body: 'Thank you Lucía, I almost missed that condition.' },
    ],
  },
  {
    by: 'amina',
    language: 'fr',
    category: 'settlement',
    tags: ['montreal', 'emploi'],
    hoursAgo: 470,
    title: 'Reconnaissance des diplômes : infirmière formée à l’étranger',
    body: 'Je suis infirmière au Sénégal et je prépare mon arrivée à Montréal. Pour exercer, il faut passer par l’Ordre des infirmières et infirmiers du Québec.\n\nQuelqu’un est passé par cette démarche ? Combien de temps avant de pouvoir travailler ?',
    likes: 9,
    comments: [
      {
        by: 'chloe',
        after: 6,
        body: 'Ma cousine l’a fait : évaluation du dossier, puis un stage d’intégration. Un peu plus d’un an en tout.',
        likes: 3,
      },
      {
        by: 'omar',
        after: 15,
        body: 'Pensez aussi aux postes de préposée en attendant : ça donne une expérience québécoise.',
      },
    ],
  },
  {
    by: 'sarah',
    language: 'en',
    category: 'work',
    tags: ['trades', 'alberta', 'fst'],
    hoursAgo: 520,
    title: 'Federal Skilled Trades: a certificate of qualification helps',
    body: 'For the skilled trades stream you need either a job offer or a certificate of qualification from a Canadian province.\n\nIn Alberta, electricians and welders can have their experience assessed for a trade certificate. It takes time, but it opens both the federal stream and provincial ones.',
    likes: 7,
    comments: [{ by: 'wei', after: 8, body: 'Good point, the certificate route is underused.', likes: 2 }],
  },
  {
    by: 'karim',
    language: 'fr',
    category: 'citizenship',
    tags: ['citoyennete', 'examen'],
    hoursAgo: 560,
    title: 'Examen de citoyenneté réussi : mes conseils',
    body: 'Vingt questions, quarante-cinq minutes, et il faut 15 bonnes réponses. J’ai eu 19 !\n\nJ’ai révisé avec le guide « Découvrir le Canada » pendant trois semaines, et refait les questionnaires d’entraînement jusqu’à tout réussir.',
    likes: 24,
    comments: [
      {
        by: 'lucas',
        after: 2,
        body: 'Bravo Karim ! La cérémonie est un beau moment, profitez-en.',
        likes: 3,
      },
      { by: 'fatou', after: 5, body: 'Félicitations ! Bienvenue parmi les citoyens.', likes: 2 },
    ],
  },
  {
    by: 'priya',
    language: 'en',
    category: 'settlement',
    tags: ['toronto', 'health'],
    hoursAgo: 600,
    title: 'Finding a family doctor in Toronto',
    body: 'Register with Health Care Connect as soon as you have your OHIP card. Meanwhile, walk-in clinics and virtual care work well for small things.\n\nMy university also had a health centre for students. Check yours!',
    likes: 11,
    comments: [
      {
        by: 'sofia',
        after: 6,
        body: 'I waited five months for a doctor through Health Care Connect, but it worked.',
      },
    ],
  },
  {
    by: 'lucas',
    language: 'fr',
    category: 'express_entry',
    tags: ['entree-express', 'confirmation', 'rp'],
    hoursAgo: 650,
    title: 'Confirmation de résidence permanente : les dernières étapes',
    body: 'Pour ceux qui attendent la fin : après l’approbation, j’ai reçu la demande de photo et d’adresse, puis la confirmation de RP électronique.\n\nLa carte de RP est arrivée par la poste six semaines plus tard. Gardez bien la confirmation : c’est elle qui prouve votre statut en attendant.',
    likes: 15,
    comments: [
      { by: 'amina', after: 4, body: 'J’ai hâte d’en être là. Merci pour les détails !', likes: 2 },
      {
        by: 'julien',
        after: 7,
        body: 'Vérifiez l’orthographe de votre nom sur la confirmation avant tout voyage.',
        likes: 5,
      },
    ],
  },
  {
    by: 'nadia',
    language: 'en',
    category: 'refugee',
    tags: ['refugee', 'hearing'],
    hoursAgo: 700,
    title: 'Preparing for a refugee hearing: organise your evidence',
    body: 'If you have a hearing at the Immigration and Refugee Board, your story and your documents must match.\n\nPrepare a timeline, translate every document, and send your evidence on time. Legal aid exists in several provinces: ask about it early.',
    likes: 8,
    comments: [
      { by: 'raj', after: 10, body: 'The timeline is the most useful tool. Good advice.', likes: 2 },
    ],
  },
  {
    by: 'linh',
    language: 'fr',
    category: 'work',
    tags: ['permis-travail', 'conjoint'],
    hoursAgo: 760,
    title: 'Permis de travail ouvert pour le conjoint d’un travailleur',
    body: 'Mon mari a un permis de travail dans une profession qualifiée. J’ai pu obtenir un permis ouvert en tant que conjointe.\n\nIl a fallu le contrat de travail de mon mari, ses fiches de paie et notre certificat de mariage. Délai : environ trois mois.',
    likes: 6,
    comments: [
      {
        by: 'maria',
        after: 12,
        body: 'Les conditions ont changé récemment, vérifiez la profession exigée avant de déposer.',
        likes: 3,
      },
    ],
  },
  {
    by: 'julien',
    language: 'en',
    category: 'general',
    tags: ['documents', 'translation'],
    hoursAgo: 820,
    title: 'Translations: what IRCC accepts',
    body: 'Documents in a language other than English or French need:\n\n- the certified translation;\n- a copy of the original;\n- an affidavit from the translator if they are not a certified member of a translators’ association.\n\nDo not translate the documents yourself, even if you are fluent.',
    likes: 13,
    comments: [
      {
        by: 'diego',
        after: 3,
        body: 'Does a translation made in Mexico by a certified translator work?',
        replies: [
          {
            by: 'julien',
            after: 2,
            body: 'Yes, if the translator is certified there; otherwise add the affidavit.',
            likes: 2,
          },
        ],
      },
    ],
  },
  {
    by: 'chloe',
    language: 'fr',
    category: 'settlement',
    tags: ['impots', 'quebec'],
    hoursAgo: 900,
    title: 'Première déclaration de revenus au Québec : deux déclarations !',
    body: 'Surprise de ma première année : au Québec, on fait une déclaration fédérale **et** une déclaration provinciale.\n\nÇa vaut la peine même avec peu de revenus : crédit pour la TPS, crédit de solidarité, allocations familiales. Des cliniques d’impôts bénévoles aident gratuitement.',
    likes: 17,
    comments: [
      { by: 'youssef', after: 5, body: 'Je ne savais pas pour les cliniques bénévoles, merci !', likes: 2 },
      { by: 'emily', after: 20, body: 'Same in English: there are volunteer tax clinics in Montréal too.' },
    ],
  },
];
