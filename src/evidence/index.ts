// Public face of the evidence room: the vault (blob stores, intake, custody, the log over the
// database, verify, court bundles) and the pure log core.
export * from './log/index';
export { BlobNotFoundError, BlobTooLargeError, HashingMeter, hashStream, fileChunks, spoolToFile, blobKey, HEAD_BYTES, type BlobStore, type StoredBlob, type PutOptions } from './blob.store';
export { FsBlobStore } from './fs-blob.store';
export { S3BlobStore, type S3BlobConfig } from './s3-blob.store';
export { sniffMediaType, extractMetadata, imageMetadata, hasFfprobe, isExecutableType } from './media.sniff';
export { EvidenceLog, LogRangeError, proofToBase64, type AppendResult } from './log.service';
export { LogKeyHolder, LogKeyMissingError, LOG_KEY_FILE, keyNameFor, type KeyFiles, type LogKey } from './log-key';
export { IntakeService, type IntakeResult, type IntakeOptions, type IntakeFile } from './intake.service';
export { CustodyService, type CustodyRequest, type RecordedCustody } from './custody.service';
export { actorPseudonym, UnsupportedMediaError, readableSensitivities } from './evidence.common';
export * from './evidence.schema';
export { verifyWorkspace, type VerifyReport, type VerifyProblem } from './verify.service';
export { writeBundle, type BundleManifest, type BundleResult } from './bundle.service';
export { verifyBundle, type BundleReport } from './bundle.verify';
export { bundleReadme, GO_VERIFIER } from './bundle.readme';
export { createEvidenceVault, openBlobStore, defaultMaxUploadBytes, type EvidenceVault, type EvidenceVaultOptions, type BlobStorageConfig } from './vault';
