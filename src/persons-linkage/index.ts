/**
 * Public API of the persons-linkage room: record linkage applied to the workspace. Link runs (full
 * and incremental), the review queue with reviewer decisions, merge and unmerge of persons by hand,
 * and their history. The pure engine lives in `linkage/`.
 */
import type { Db } from '../db';
import { LinkRunService } from './link-run.service';
import { PersonMergeService } from './person-merge.service';
import { ReviewService } from './review.service';

export * from './linkage.schema';
export { LinkRunService, DEFAULT_REVIEW_LOWER, DEFAULT_THRESHOLD, type LinkRunHooks, type LinkRunParams, type LinkStage } from './link-run.service';
export { ReviewService, type ReviewDecisionResult } from './review.service';
export { PersonMergeService, type PersonMergeResult } from './person-merge.service';
export { planAssignment, type AssignInput, type AssignPlan } from './assign';

export interface PersonsLinkage {
  runs: LinkRunService;
  review: ReviewService;
  merges: PersonMergeService;
}

export function personsLinkage(db: Db): PersonsLinkage {
  return { runs: new LinkRunService(db), review: new ReviewService(db), merges: new PersonMergeService(db) };
}
