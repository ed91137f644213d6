export { detectScript, detectCyrillicLanguage, type CyrillicLanguage } from './script';
export { transliterate, type TransliterateOptions } from './transliterate';
export { STANDARDS, TABLES, type TransliterationStandard } from './transliteration.tables';
export { tokenCodes, codesToLatin, foldCodes, foldSurnameEnding } from './skeleton';
export { GIVEN_NAMES, givenNameByCodes, patronymicByCodes, givenNameConflicts, type GivenName, type NameSex, type Patronymic } from './given-names';
export { nameKey, nameTokens, tokenKey, analyseName, analyseToken, splitNameText, type NameTokenInfo, type TokenKind } from './name-key';
export { correctGivenName } from './given-name-correction';
export { nameOrthography, dominantOrthography, sourceOrthographies, orthographyContext, ORTHOGRAPHY_CONTEXT, type Orthography, type OrthographyVote } from './orthography';
