import { PRIVACY_POLICY_VERSION, TERMS_VERSION, type TPrivacyInfo } from '@capitune/contracts';
import type { AppConfig } from '../../deps';
import { retentionRules } from './retention-rules';

/**
 * The public privacy page's facts (Law 25 s. 3.2 and 8, PIPEDA Principle 4.8): who is in charge of the
 * protection of personal information and how to reach them, the versions in force, where the data is
 * stored, and how long each kind of record is kept. The web holds the prose in both languages.
 */
export function privacyInfo(config: Pick<AppConfig, 'privacy'>): TPrivacyInfo {
  return {
    officer: config.privacy.officer,
    policyVersion: PRIVACY_POLICY_VERSION,
    termsVersion: TERMS_VERSION,
    dataLocation: config.privacy.dataLocation,
    retention: retentionRules(config),
  };
}
