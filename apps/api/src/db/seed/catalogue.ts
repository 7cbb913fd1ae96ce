// Over 500 lines: data, not logic: every program's checklist in French and English, read in one place by reviewers of the wording.
import type { TExpiryRule, TItemConcerns, TLocalized } from '@capitune/contracts';

/**
 * The programs catalogue and their checklists, in French and English. Reference data: upserted at every
 * start in every mode (ids are stable; an item removed here stays in the database for old documents).
 * The expiry rules are the usual ones; a pro can correct a document's expiry date by hand.
 */
interface ItemTemplate {
  documentType: string;
  required: boolean;
  concerns: TItemConcerns;
  label: TLocalized;
  help: TLocalized;
  expiryRule: TExpiryRule | null;
}

interface ProgramTemplate {
  id: string;
  name: TLocalized;
  description: TLocalized;
  items: ItemTemplate[];
}

const validFor = (months: number): TExpiryRule => ({ kind: 'valid_for', months });
const recent = (months: number): TExpiryRule => ({ kind: 'recent', months });
const ownDate: TExpiryRule = { kind: 'own_date' };

// Items shared by several programs.
const passport = (concerns: TItemConcerns): ItemTemplate => ({
  documentType: 'passport',
  required: true,
  concerns,
  label: { fr: 'Passeport', en: 'Passport' },
  help: {
    fr: 'Toutes les pages portant un timbre, un visa ou une inscription, en couleur. Il doit rester valide pendant tout le traitement.',
    en: 'Every page with a stamp, visa or marking, in colour. It must stay valid throughout processing.',
  },
  expiryRule: ownDate,
});
const languageTest: ItemTemplate = {
  documentType: 'language_test',
  required: true,
  concerns: 'principal',
  label: {
    fr: 'Résultats de test de langue (IELTS, CELPIP, TEF Canada, TCF Canada)',
    en: 'Language test results (IELTS, CELPIP, TEF Canada, TCF Canada)',
  },
  help: {
    fr: 'Les résultats sont valides 2 ans à partir de la date du test et doivent l’être le jour de la demande.',
    en: 'Results are valid for 2 years from the test date and must still be valid on the day you apply.',
  },
  expiryRule: validFor(24),
};
const eca: ItemTemplate = {
  documentType: 'educational_credential_assessment',
  required: true,
  concerns: 'principal',
  label: { fr: 'Évaluation des diplômes d’études (EDE)', en: 'Educational credential assessment (ECA)' },
  help: {
    fr: 'Rapport d’un organisme désigné (WES, CES, IQAS…) pour un diplôme obtenu hors du Canada. Valide 5 ans.',
    en: 'Report from a designated organisation (WES, CES, IQAS…) for a credential earned outside Canada. Valid for 5 years.',
  },
  expiryRule: validFor(60),
};
const police = (concerns: TItemConcerns): ItemTemplate => ({
  documentType: 'police_certificate',
  required: true,
  concerns,
  label: { fr: 'Certificats de police', en: 'Police certificates' },
  help: {
    fr: 'Un certificat par pays où vous avez vécu 6 mois ou plus depuis l’âge de 18 ans. Généralement attendu dans les 6 mois suivant sa délivrance.',
    en: 'One certificate for each country where you lived 6 months or more since age 18. Usually expected within 6 months of issue.',
  },
  expiryRule: recent(6),
});
const medical = (concerns: TItemConcerns): ItemTemplate => ({
  documentType: 'medical_exam',
  required: true,
  concerns,
  label: { fr: 'Examen médical aux fins de l’immigration', en: 'Immigration medical exam' },
  help: {
    fr: 'Passé auprès d’un médecin désigné par IRCC. La feuille d’information IMM 1017 fait foi ; valide 12 mois.',
    en: 'Taken with an IRCC panel physician. Upload the IMM 1017 information sheet; valid for 12 months.',
  },
  expiryRule: validFor(12),
});
const photo = (concerns: TItemConcerns): ItemTemplate => ({
  documentType: 'photo',
  required: true,
  concerns,
  label: { fr: 'Photo numérique', en: 'Digital photo' },
  help: {
    fr: 'Selon les spécifications d’IRCC, prise il y a moins de 6 mois.',
    en: 'Following IRCC’s specifications, taken less than 6 months ago.',
  },
  expiryRule: recent(6),
});
const birthCertificate = (concerns: TItemConcerns): ItemTemplate => ({
  documentType: 'birth_certificate',
  required: concerns === 'each_dependant',
  concerns,
  label: { fr: 'Acte de naissance', en: 'Birth certificate' },
  help: {
    fr: 'Avec le nom des parents. Joignez une traduction certifiée s’il n’est ni en français ni en anglais.',
    en: 'Showing the parents’ names. Add a certified translation if it is in neither English nor French.',
  },
  expiryRule: null,
});
const proofOfFunds: ItemTemplate = {
  documentType: 'proof_of_funds',
  required: true,
  concerns: 'principal',
  label: { fr: 'Preuve de fonds', en: 'Proof of funds' },
  help: {
    fr: 'Lettres officielles des banques avec les soldes des 6 derniers mois. Les fonds doivent suffire pour votre famille selon le barème en vigueur.',
    en: 'Official bank letters with balances over the last 6 months. Funds must meet the current amount for your family size.',
  },
  expiryRule: recent(6),
};
const employmentLetters: ItemTemplate = {
  documentType: 'employment_reference_letters',
  required: true,
  concerns: 'principal',
  label: { fr: 'Lettres de référence d’emploi', en: 'Employment reference letters' },
  help: {
    fr: 'Sur papier à en-tête : postes, dates, heures par semaine, salaire, tâches principales, signature du responsable.',
    en: 'On letterhead: positions, dates, hours per week, salary, main duties, signed by a manager.',
  },
  expiryRule: null,
};
const marriage: ItemTemplate = {
  documentType: 'marriage_certificate',
  required: false,
  concerns: 'spouse',
  label: {
    fr: 'Certificat de mariage ou preuve d’union de fait',
    en: 'Marriage certificate or proof of common-law union',
  },
  help: {
    fr: 'Pour une union de fait : formulaire IMM 5409 et preuves d’au moins 12 mois de vie commune.',
    en: 'For a common-law union: form IMM 5409 and proof of at least 12 months living together.',
  },
  expiryRule: null,
};

export const programCatalogue: ProgramTemplate[] = [
  {
    id: 'express_entry_fsw',
    name: {
      fr: 'Entrée express — Travailleurs qualifiés (fédéral)',
      en: 'Express Entry — Federal Skilled Worker',
    },
    description: {
      fr: 'Résidence permanente pour les travailleurs qualifiés ayant au moins un an d’expérience continue dans un emploi de niveau FEER 0, 1, 2 ou 3.',
      en: 'Permanent residence for skilled workers with at least one year of continuous work experience in a TEER 0, 1, 2 or 3 job.',
    },
    items: [
      passport('each_adult'),
      languageTest,
      eca,
      employmentLetters,
      proofOfFunds,
      police('each_adult'),
      medical('each_adult'),
      photo('each_adult'),
      marriage,
      birthCertificate('each_dependant'),
    ],
  },
  {
    id: 'express_entry_cec',
    name: {
      fr: 'Entrée express — Catégorie de l’expérience canadienne',
      en: 'Express Entry — Canadian Experience Class',
    },
    description: {
      fr: 'Résidence permanente pour les personnes ayant au moins un an d’expérience de travail qualifiée au Canada dans les 3 dernières années.',
      en: 'Permanent residence for people with at least one year of skilled work experience in Canada in the last 3 years.',
    },
    items: [
      passport('each_adult'),
      languageTest,
      employmentLetters,
      {
        documentType: 'canadian_status_document',
        required: true,
        concerns: 'principal',
        label: { fr: 'Permis de travail ou d’études canadien', en: 'Canadian work or study permit' },
        help: {
          fr: 'Le permis sous lequel vous avez acquis l’expérience, et votre statut actuel.',
          en: 'The permit under which you gained the experience, and your current status.',
        },
        expiryRule: ownDate,
      },
      police('each_adult'),
      medical('each_adult'),
      photo('each_adult'),
      marriage,
      birthCertificate('each_dependant'),
    ],
  },
  {
    id: 'express_entry_fst',
    name: {
      fr: 'Entrée express — Travailleurs de métiers spécialisés (fédéral)',
      en: 'Express Entry — Federal Skilled Trades',
    },
    description: {
      fr: 'Résidence permanente pour les gens de métier qualifiés ayant une offre d’emploi ou un certificat de compétence canadien.',
      en: 'Permanent residence for qualified tradespeople with a job offer or a Canadian certificate of qualification.',
    },
    items: [
      passport('each_adult'),
      languageTest,
      employmentLetters,
      {
        documentType: 'trade_certificate_or_job_offer',
        required: true,
        concerns: 'principal',
        label: {
          fr: 'Certificat de compétence ou offre d’emploi',
          en: 'Certificate of qualification or job offer',
        },
        help: {
          fr: 'Délivré par une province ou un territoire, ou offre d’emploi d’au moins un an.',
          en: 'Issued by a province or territory, or a job offer of at least one year.',
        },
        expiryRule: null,
      },
      proofOfFunds,
      police('each_adult'),
      medical('each_adult'),
      photo('each_adult'),
      birthCertificate('each_dependant'),
    ],
  },
  {
    id: 'quebec_skilled_worker',
    name: {
      fr: 'Travailleurs qualifiés du Québec (PSTQ, CSQ puis RP fédérale)',
      en: 'Québec skilled worker (PSTQ, CSQ, then federal PR)',
    },
    description: {
      fr: 'Déclaration d’intérêt dans Arrima au Programme de sélection des travailleurs qualifiés, Certificat de sélection du Québec (CSQ), puis demande de résidence permanente au fédéral.',
      en: 'Expression of interest in Arrima under the Skilled Worker Selection Program, Québec Selection Certificate (CSQ), then the federal permanent residence application.',
    },
    items: [
      passport('each_adult'),
      {
        documentType: 'french_test',
        required: true,
        concerns: 'principal',
        label: {
          fr: 'Test de français reconnu par le MIFI (TEF Canada, TCF Québec…)',
          en: 'French test recognised by MIFI (TEF Canada, TCF Québec…)',
        },
        help: {
          fr: 'Les résultats doivent dater de moins de 2 ans au dépôt de la demande.',
          en: 'Results must be less than 2 years old when you apply.',
        },
        expiryRule: validFor(24),
      },
      {
        documentType: 'quebec_diploma_evaluation',
        required: false,
        concerns: 'principal',
        label: {
          fr: 'Évaluation comparative des études effectuées hors du Québec',
          en: 'Comparative evaluation for studies done outside Québec',
        },
        help: {
          fr: 'Délivrée par le MIFI ; utile pour faire reconnaître vos diplômes.',
          en: 'Issued by MIFI; helps your credentials be recognised.',
        },
        expiryRule: null,
      },
      employmentLetters,
      {
        documentType: 'csq',
        required: true,
        concerns: 'principal',
        label: { fr: 'Certificat de sélection du Québec (CSQ)', en: 'Québec Selection Certificate (CSQ)' },
        help: {
          fr: 'Requis pour la demande fédérale de résidence permanente ; vérifiez sa date d’expiration.',
          en: 'Required for the federal permanent residence application; check its expiry date.',
        },
        expiryRule: ownDate,
      },
      proofOfFunds,
      police('each_adult'),
      medical('each_adult'),
      photo('each_adult'),
      marriage,
      birthCertificate('each_dependant'),
    ],
  },
  {
    id: 'study_permit',
    name: { fr: 'Permis d’études', en: 'Study permit' },
    description: {
      fr: 'Pour étudier dans un établissement d’enseignement désigné. Au Québec, le CAQ est requis ; ailleurs, la lettre d’attestation provinciale ou territoriale.',
      en: 'To study at a designated learning institution. In Québec a CAQ is required; elsewhere, a provincial or territorial attestation letter.',
    },
    items: [
      passport('each_adult'),
      {
        documentType: 'letter_of_acceptance',
        required: true,
        concerns: 'principal',
        label: { fr: 'Lettre d’acceptation', en: 'Letter of acceptance' },
        help: {
          fr: 'Délivrée par un établissement d’enseignement désigné (EED).',
          en: 'Issued by a designated learning institution (DLI).',
        },
        expiryRule: null,
      },
      {
        documentType: 'caq_or_attestation_letter',
        required: true,
        concerns: 'principal',
        label: {
          fr: 'CAQ (Québec) ou lettre d’attestation provinciale',
          en: 'CAQ (Québec) or provincial attestation letter',
        },
        help: {
          fr: 'Certificat d’acceptation du Québec pour les études au Québec, sinon la lettre d’attestation de la province.',
          en: 'Québec Acceptance Certificate for studies in Québec, otherwise the province’s attestation letter.',
        },
        expiryRule: ownDate,
      },
      proofOfFunds,
      photo('principal'),
      {
        documentType: 'study_plan',
        required: false,
        concerns: 'principal',
        label: { fr: 'Plan d’études (lettre explicative)', en: 'Study plan (letter of explanation)' },
        help: {
          fr: 'Pourquoi ce programme, ce lieu, et vos projets après les études.',
          en: 'Why this program, this place, and your plans after your studies.',
        },
        expiryRule: null,
      },
      medical('principal'),
    ],
  },
  {
    id: 'work_permit_employer',
    name: { fr: 'Permis de travail lié à un employeur', en: 'Employer-specific work permit' },
    description: {
      fr: 'Avec une offre d’emploi appuyée par une EIMT favorable, ou dispensée d’EIMT (offre soumise dans le Portail des employeurs).',
      en: 'With a job offer backed by a positive LMIA, or LMIA-exempt (offer submitted in the Employer Portal).',
    },
    items: [
      passport('each_adult'),
      {
        documentType: 'job_offer',
        required: true,
        concerns: 'principal',
        label: { fr: 'Offre d’emploi ou contrat de travail', en: 'Job offer or employment contract' },
        help: {
          fr: 'Poste, salaire, durée et conditions, signés par l’employeur.',
          en: 'Position, wage, duration and conditions, signed by the employer.',
        },
        expiryRule: null,
      },
      {
        documentType: 'lmia_or_offer_number',
        required: true,
        concerns: 'principal',
        label: {
          fr: 'EIMT favorable ou numéro d’offre d’emploi dispensée',
          en: 'Positive LMIA or LMIA-exempt offer number',
        },
        help: {
          fr: 'Copie de l’EIMT, ou le numéro d’offre (A1234567) fourni par l’employeur.',
          en: 'A copy of the LMIA, or the offer number (A1234567) given by the employer.',
        },
        expiryRule: null,
      },
      {
        documentType: 'caq_work',
        required: false,
        concerns: 'principal',
        label: { fr: 'CAQ pour travail (emplois au Québec)', en: 'CAQ for work (jobs in Québec)' },
        help: {
          fr: 'Requis pour la plupart des emplois au Québec qui exigent une EIMT.',
          en: 'Required for most jobs in Québec that need an LMIA.',
        },
        expiryRule: ownDate,
      },
      employmentLetters,
      photo('principal'),
      medical('principal'),
    ],
  },
  {
    id: 'work_permit_open_spouse',
    name: { fr: 'Permis de travail ouvert pour conjoint', en: 'Open work permit for spouses' },
    description: {
      fr: 'Pour l’époux ou le conjoint de fait d’un travailleur qualifié ou d’un étudiant admissible au Canada.',
      en: 'For the spouse or common-law partner of an eligible skilled worker or student in Canada.',
    },
    items: [
      passport('principal'),
      {
        documentType: 'relationship_proof',
        required: true,
        concerns: 'principal',
        label: { fr: 'Preuve de la relation', en: 'Proof of the relationship' },
        help: {
          fr: 'Certificat de mariage, ou IMM 5409 et preuves de vie commune.',
          en: 'Marriage certificate, or IMM 5409 and proof of living together.',
        },
        expiryRule: null,
      },
      {
        documentType: 'partner_status',
        required: true,
        concerns: 'sponsor',
        label: {
          fr: 'Permis et preuve d’emploi ou d’études du conjoint au Canada',
          en: 'Partner’s permit and proof of work or studies in Canada',
        },
        help: {
          fr: 'Permis de travail ou d’études, et lettre de l’employeur ou attestation d’inscription.',
          en: 'Work or study permit, and an employer letter or proof of enrolment.',
        },
        expiryRule: ownDate,
      },
      photo('principal'),
    ],
  },
  {
    id: 'family_sponsorship_spouse',
    name: {
      fr: 'Parrainage de l’époux ou du conjoint de fait',
      en: 'Spouse or common-law partner sponsorship',
    },
    description: {
      fr: 'Un citoyen canadien ou résident permanent parraine son époux, conjoint de fait ou partenaire conjugal. Au Québec, l’engagement auprès du MIFI s’ajoute.',
      en: 'A Canadian citizen or permanent resident sponsors their spouse, common-law or conjugal partner. In Québec, an undertaking with MIFI is added.',
    },
    items: [
      passport('principal'),
      {
        documentType: 'sponsor_status_proof',
        required: true,
        concerns: 'sponsor',
        label: {
          fr: 'Preuve de citoyenneté ou de résidence permanente du répondant',
          en: 'Sponsor’s proof of citizenship or permanent residence',
        },
        help: {
          fr: 'Passeport canadien, certificat de citoyenneté ou carte de RP.',
          en: 'Canadian passport, citizenship certificate or PR card.',
        },
        expiryRule: null,
      },
      {
        documentType: 'relationship_evidence',
        required: true,
        concerns: 'principal',
        label: { fr: 'Preuves de la relation', en: 'Relationship evidence' },
        help: {
          fr: 'Photos, communications, voyages, bail ou comptes communs : ce qui montre une relation authentique.',
          en: 'Photos, communications, trips, joint lease or accounts: what shows a genuine relationship.',
        },
        expiryRule: null,
      },
      marriage,
      police('principal'),
      medical('principal'),
      photo('principal'),
      birthCertificate('each_dependant'),
    ],
  },
  {
    id: 'visitor_visa',
    name: { fr: 'Visa de visiteur (VRT)', en: 'Visitor visa (TRV)' },
    description: {
      fr: 'Pour visiter le Canada (tourisme, famille, affaires) quand votre nationalité exige un visa.',
      en: 'To visit Canada (tourism, family, business) when your nationality requires a visa.',
    },
    items: [
      passport('each_adult'),
      {
        documentType: 'purpose_of_travel',
        required: true,
        concerns: 'principal',
        label: {
          fr: 'But du voyage (lettre d’invitation, itinéraire)',
          en: 'Purpose of travel (invitation letter, itinerary)',
        },
        help: {
          fr: 'Qui vous visitez, où vous logez, combien de temps.',
          en: 'Whom you visit, where you stay, for how long.',
        },
        expiryRule: null,
      },
      proofOfFunds,
      {
        documentType: 'ties_to_home_country',
        required: false,
        concerns: 'principal',
        label: { fr: 'Attaches au pays de résidence', en: 'Ties to your home country' },
        help: {
          fr: 'Emploi, études, propriété, famille : ce qui montre que vous repartirez.',
          en: 'Job, studies, property, family: what shows you will return.',
        },
        expiryRule: null,
      },
      photo('each_adult'),
    ],
  },
];
