/** English texts of the console's own updates (issue 12). */
export const enUpdates = {
  updates: {
    downloading: 'Downloading update {{version}} ({{percent}} %). Keep working as usual — it does not get in the way.',
    ready: 'Update {{version}} is downloaded and verified. It installs when you close the console.',
    waitingOps_one: '{{count}} operation is waiting to be sent — it is kept and sent after the update.',
    waitingOps_few: '{{count}} operations are waiting to be sent — they are kept and sent after the update.',
    waitingOps_many: '{{count}} operations are waiting to be sent — they are kept and sent after the update.',
    waitingOps_other: '{{count}} operations are waiting to be sent — they are kept and sent after the update.',
    nothingWaiting: 'Everything has been sent.',
    restartNow: 'Restart and update now',
    restarting: 'The console is closing for the update…',
    failed: 'Update {{version}} could not be downloaded: {{reason}}. The console tries again at the next check.',
    checksumMismatch: 'the file did not match its checksum and was discarded',
    downloadCut: 'the link dropped',
  },
} as const;
