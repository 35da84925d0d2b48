/** Every string the picker sees, in English. `messages-zh-cn.ts` must have the same shape. */
export const en = {
  languageName: 'English',
  loading: 'Loading…',
  net: { online: 'Online', offline: 'Offline' },
  status: {
    unsynced: 'Unsynced',
    lastSync: 'Last sync',
    never: 'never',
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    syncFailed: (detail: string) => `Sync failed: ${detail}`,
    notConnected:
      'No connection to the server: picks are kept on this device and sent when it is back.',
  },
  keypad: { clear: 'Clear', backspace: 'Delete' },
  login: {
    title: 'Sign in',
    badge: 'Badge',
    badgeHint: 'Scan your badge or type it',
    pin: 'PIN',
    submit: 'Sign in',
    submitting: 'Signing in…',
    missingBadge: 'Scan or type your badge first.',
    badPin: 'The PIN is 4 to 8 digits.',
    unreachable: 'Cannot reach the server. Check the Wi-Fi and try again.',
    refused: (message: string) => `Sign-in refused: ${message}`,
    enrolHint: 'New handheld? Scan the enrolment QR on the admin screen first.',
    enrolling: 'Enrolling this handheld…',
    enrolled: 'Handheld enrolled for this warehouse. Now scan your badge.',
    alreadyEnrolled: 'This handheld is enrolled already: scan your badge.',
    enrolRefused: (message: string) => `Enrolment refused: ${message}`,
  },
  waves: {
    title: 'My waves',
    allTitle: 'Waves in the warehouse',
    empty: 'No waves for you yet. Tap “Sync now” to check again, or ask your supervisor.',
    progress: (done: number, total: number) => `${done}/${total} lines`,
    status: { open: 'Open', picking: 'Picking', done: 'Done', cancelled: 'Cancelled' },
    signOut: 'Sign out',
    unsyncedOnSignOut: (count: number) =>
      `${count} picks are not synced yet. They stay on this device and are sent after the next sign-in.`,
  },
  pick: {
    wave: (code: string) => `Wave ${code}`,
    lineOf: (n: number, total: number) => `Line ${n} of ${total}`,
    step: {
      'scan-bin': 'Scan the bin',
      'scan-item': 'Scan the item',
      'confirm-qty': 'Confirm the quantity',
      'wave-done': 'Wave complete',
    },
    bin: 'Bin',
    qty: 'To pick',
    note: 'Note',
    barcode: 'Barcode',
    confirm: 'Confirm',
    saving: 'Saving…',
    backToWaves: 'Back to waves',
    leave: 'Waves',
    waveDone: (code: string) => `All lines of wave ${code} are picked.`,
    waveGone: 'This wave is no longer on this device.',
    picked: (qty: number, sku: string) => `Picked ${qty} × ${sku}`,
    labelWontScan: 'Label won’t scan',
    checkDigits: 'Check digits',
    checkDigitsHint: (bin: string) =>
      `Key in the digits printed on the label of ${bin}, then Confirm.`,
    short: 'Short',
    shortTitle: 'What is wrong at this bin?',
    shortReason: { empty: 'Bin empty', damaged: 'Damaged', 'not-found': 'Not found' },
    cancel: 'Cancel',
    unitsScanned: (n: number, total: number) => `Scanned ${n} of ${total}: scan the next unit`,
    repeat: 'Repeat',
    lot: (lot: string, expiry: string) => `Lot ${lot}, use by ${expiry}`,
  },
  pickError: {
    wrongBin: (expected: string, scanned: string) =>
      `Wrong bin: go to ${expected}. You scanned ${scanned}.`,
    itemBeforeBin: (bin: string) => `Scan the bin ${bin} first.`,
    wrongItem: (scanned: string, sku: string, bin: string) =>
      `Wrong item: ${scanned} is not ${sku}. Take the item from bin ${bin}.`,
    qtyOutOfRange: (max: number) => `Enter a quantity from 1 to ${max}.`,
    confirmQtyFirst: 'Confirm the quantity first (Enter or Confirm).',
    ime: 'The keyboard changed the scan. Switch to the scanner (English) keyboard and scan again.',
    notSaved: (detail: string) => `The pick was NOT saved: ${detail}`,
    storageFull:
      'Device storage is full: the pick was NOT saved. Sync now and tell your supervisor.',
    labelUnreadable: (failures: number, bin: string) =>
      `Bin label not read (${failures} of 3). Key in the check digits printed on the label of ${bin}.`,
    wrongCheckDigits: (failures: number) =>
      `Wrong check digits (${failures} of 3). Read them again from the label and key them in.`,
    labelReported: (bin: string) =>
      `The label of ${bin} is reported for reprint. Key in its check digits to go on.`,
    lotExpired: (lot: string, expiry: string) =>
      `Expired lot ${lot} (use by ${expiry}): do not pick it. Take a unit of another lot and scan it.`,
    lotLabelNeeded:
      'This item is lot-tracked: scan the GS1 label with lot and expiry date, not the plain barcode.',
    badGs1: (detail: string) =>
      `The label could not be read safely (${detail}). Scan it again; if it keeps failing, run the scanner test.`,
  },
  notice: {
    reassigned: (code: string, to: string | null) =>
      to ? `Wave ${code} was reassigned to ${to}.` : `Wave ${code} was reassigned.`,
    unassigned: (code: string) => `Wave ${code} was taken off you.`,
    cancelled: (code: string) => `Wave ${code} was cancelled.`,
    orderPulled: (code: string, orderId: string) =>
      `Stop: order ${orderId} was taken out of wave ${code} (held or cancelled). Skip its lines.`,
    unknownWave: 'a wave',
    dismiss: 'OK',
  },
  problem: {
    storageFull:
      'Device storage is full: new picks cannot be saved. Sync now and tell your supervisor.',
    databaseClosed: 'The app was updated in another tab. Reload to continue.',
    offlineUnavailable: (detail: string) =>
      `This app could not set itself up for offline use (${detail}): it will not open without the network. Tell your supervisor.`,
    failure: (detail: string) => `Something went wrong: ${detail}`,
    reload: 'Reload',
    dismiss: 'Close',
  },
  setup: {
    startShift: 'Start shift',
    startShiftHint: 'Tap to turn on voice prompts and sounds for this shift.',
    settings: 'Settings',
    back: 'Back',
    voice: 'Voice',
    voiceFound: (name: string) => `Voice for your language: ${name}`,
    voiceMissing:
      'No voice for your language on this device: prompts are shown on screen only. Ask IT to install the offline voice data.',
    testVoice: 'Test voice',
    rate: 'Speech rate',
    scanner: 'Scanner',
    prefix: 'Prefix sent before each code',
    suffix: 'Suffix sent after each code (before Enter)',
    gsReplacement: 'Character the scanner sends instead of GS',
    save: 'Save',
    saved: 'Saved.',
    selfTest: 'Scanner test',
    selfTestHint: 'Scan the test label (GS1-128 on the setup sheet) now.',
    selfTestWaiting: 'Waiting for a scan…',
    selfTestOk: 'Scanner OK.',
    received: 'Received',
    timing: (gap: number, total: number) => `Longest gap ${gap} ms, whole scan ${total} ms`,
    fault: {
      'ime-on':
        'A typing keyboard (IME) changed the scan: switch to the scanner/English keyboard, or set DataWedge keystroke output.',
      'no-suffix': 'No Enter after the code: turn on the Enter suffix in the scanner profile.',
      'layout-mismatch':
        'Keyboard layout mismatch (AZERTY digits): set the scanner and Android keyboard to the same layout (US).',
      'gs-lost': 'The GS separator was lost: set the scanner to send “|” instead of GS.',
      'dropped-characters':
        'Characters were dropped: raise the inter-character delay in the scanner profile.',
      'too-slow': 'Characters arrived too slowly to be a scan: lower the inter-character delay.',
      'wrong-label': 'This is not the test label: scan the test label on the setup sheet.',
    },
    diagnostics: 'Diagnostics',
    persisted: 'Storage kept by the browser',
    yes: 'yes',
    no: 'no (may be cleared when the device is short of space)',
    usage: (used: string, quota: string) => `${used} used of ${quota}`,
    unsynced: 'Unsynced events',
    speechStalls: 'Prompts that never finished',
  },
  camera: {
    open: 'Camera',
    close: 'Close camera',
    torchOn: 'Torch on',
    torchOff: 'Torch off',
    failed: (detail: string) =>
      `The camera could not start (${detail}). Allow the camera for this app, or use the scanner.`,
  },
  totes: {
    open: 'Totes',
    title: (code: string) => `Wave ${code}: one tote per order`,
    scanNext: (n: number, total: number) => `Scan the tote for order ${n} of ${total}.`,
    allDone: 'Every order has a tote.',
    start: 'Start picking',
    refused: {
      'not-a-tote': 'That is not a tote label (T-…). Scan the label on the tote.',
      'tote-in-use': 'That tote already holds another order. Take an empty tote and scan it.',
      'all-assigned': 'Every order has a tote already: start picking.',
    },
    putIn: (tote: string) => `Into tote ${tote}`,
  },
  putBack: {
    title: (code: string) => `Stop: put back what you picked for wave ${code}`,
    line: (qty: number, sku: string, bin: string) => `Put ${qty} × ${sku} back in bin ${bin}`,
    done: 'Done, all put back',
  },
  ship: {
    open: 'Pack & ship',
    title: 'Pack & ship',
    back: 'Waves',
    step: {
      'scan-order': 'Scan the package label',
      'choose-carrier': 'Choose the carrier',
      'scan-tracking': 'Scan the tracking number',
      sending: 'Sending…',
      retry: 'Not sent yet',
    },
    order: 'Order',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    carriers: {
      SF: 'SF Express',
      YTO: 'YTO Express',
      ZTO: 'ZTO Express',
      JD: 'JD Logistics',
      EMS: 'EMS',
    },
    shipped: (orderId: string, carrier: string, trackingNumber: string) =>
      `Order ${orderId} shipped with ${carrier} ${trackingNumber}`,
    shippedSpeech: (orderId: string, carrier: string) => `Order ${orderId} shipped with ${carrier}`,
    needsNetwork:
      'Shipping needs the network: no connection to the server. The scans are kept; tap “Send again” when back online.',
    badTracking: (code: string) =>
      `${code} is not a tracking number (6 to 40 characters): scan the carrier’s barcode again.`,
    retry: 'Send again',
    startOver: 'Start over',
  },
  update: {
    ready: 'A new version of the app is ready.',
    apply: 'Update now',
    finishLineFirst: 'Finish this line, then update.',
    offlineReady: 'Ready to work offline.',
  },
};

export type Messages = typeof en;
