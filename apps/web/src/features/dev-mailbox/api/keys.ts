export const mailboxKeys = {
  all: ['dev-mailbox'] as const,
};
