export { seedDemo, DEMO_ACTOR, type DemoCounts } from './seed';
export { demoIndividuals, latin, typo, type DemoIndividual } from './people';
export { demoFacilities, type DemoFacility } from './facilities.data';
export { rng, type Rng } from './random';
export { demoGroundTruth, matchDemoTruth, type DemoRecordContent, type DemoTruthRecord } from './truth';
