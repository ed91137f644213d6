/**
 * Importers, parsing half: files → validated rows with provenance. Nothing here writes to a
 * database; the import service stores what these functions return. Every function either returns
 * (row-level problems inside the result) or throws an ImportError.
 */
export { ImportError, isImportError, type ImportErrorCode, type ImportErrorDetails } from './errors';
export { sha256Hex, canonicalJson } from './hash';

// text encodings
export { decodeText, looksBinary, hasTextBom, cyrillicScore, type DecodedText, type DecodeOptions } from './decode';

// tables
export {
  readTabular, readCsv, readXlsx, detectDelimiter, columnLetter,
  type TabularOptions, type TabularResult, type CsvOptions, type CsvResult, type XlsxOptions, type XlsxResult,
  type Delimiter, type Sheet, type SheetRow, type SheetNote, type CellOrigin,
} from './tabular';

// fields, headers and mappings
export { LIST_KINDS, FIELDS_BY_KIND, DATE_FIELDS, ALL_FIELDS, fieldsOf, isField, type ListKind, type Field } from './fields';
export { normalizeHeader, suggestMapping, recognizeHeader, detectKind, type HeaderSuggestion, type KindGuess } from './headers';
export {
  MappingFileSchema, parseMappingFile, parseMappingJson, resolveMapping, DATE_ORDERS,
  type MappingFile, type ColumnMapping, type ColumnSource, type ResolveMappingOptions, type DateOrder,
} from './mapping';

// dates and coded values
export { parseHumanDate, excelSerialToIso, type HumanDateResult, type HumanDateOptions, type DateRule } from './dates';
export {
  normaliseSex, normaliseStatus, normaliseCitizenship, normaliseAllegationType, normaliseAllegationTypes, normaliseCredibility,
  type Normalised,
} from './values';

// rows
export { validateSheet, fileRef, type ValidateOptions } from './rows';
export {
  PersonDataSchema, CustodyDataSchema, AllegationDataSchema, ImportedDateSchema, DATA_SCHEMAS,
  type PersonData, type CustodyData, type AllegationData, type ImportedDate, type RowDataByKind,
  type SourceFileRef, type RowProvenance, type RowNote, type ValidatedRow, type Problem, type ValidationStats, type ValidationResult,
} from './rows.schema';
export { parseList, parseListFile, type ParseListOptions, type ParsedList, type ParsedSheet } from './lists';

// Telegram
export {
  readTelegramExport, parseTelegramExport, findResultJson,
  type TelegramExport, type TelegramEntry, type TelegramChat, type TelegramMedia, type TelegramEntity, type MediaStatus, type TelegramOptions,
} from './telegram';
export { flattenTelegramText, type FlattenedText } from './telegram-text';

// documents
export {
  extractDocument, extractDocumentFile, sniffMediaType,
  type ExtractedDocument, type DocumentFormat, type ExtractionMethod, type DocumentOptions,
} from './documents';
export { OCR_INSTALL_HINT, tesseractLanguages, type OcrOptions } from './ocr';

// detection
export { detectInput, type DetectedInput } from './detect';

// the import service (writes: registry, evidence vault, documents)
export { ImportService, type ImportInput, type ImportCallOptions, type ImportDeps } from './import.service';
export { DocumentService } from './document.service';
export {
  importOptionsInput, importReport, importPreview, importRunView, importRunListQuery, documentListQuery, documentView, fileReport, problemView, IMPORT_AS, FILE_KINDS,
  type ImportOptionsInput, type ImportReport, type ImportPreview, type ImportRunView, type ImportProgress, type FileReport, type ProblemView, type DocumentView, type ImportAs, type FileKind,
} from './import.schema';
export { baseRowKey, rowRef, parseRowRef, KeyDeduper, type ParsedRowRef } from './import.keys';
