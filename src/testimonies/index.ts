/** Public API of the testimonies room: a witness account recorded atomically across the registry and the witness register. */
export { TestimonyService, type WitnessRegister } from './testimony.service';
export { testimonyInput, testimonyResult, type TestimonyInput, type TestimonyResult } from './testimony.schema';
