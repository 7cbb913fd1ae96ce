export const mailboxKeys = {
  all: ['dev-mailbox'] as const,
  sms: ['dev-mailbox', 'sms'] as const,
};
