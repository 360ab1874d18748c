// The two Electron IPC channels between the preload and main. Everything domain-specific travels
// inside them as contract channel names, so the preload never changes when the contract grows.
export const INVOKE_CHANNEL = 'hci-lab:invoke'
export const EVENT_CHANNEL = 'hci-lab:event'
