// Lab files (.hcilab) and the library of labs in the app's data folder.
export { fileErrors, LabFileError, type LabFileErrorCode } from './errors'
export { LabStore, SCHEMA_VERSION, SNAPSHOT_EVERY } from './store'
export { LabLibrary } from './library'
