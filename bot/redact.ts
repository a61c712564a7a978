/** Card-number removal lives with the domain rules (the API's logs and transcripts use it too). */
export { CARD_REMOVED, luhnValid, redactCardNumbers, redactCardNumbersDeep } from '../api/domain/card-numbers';
