import type { Db } from '../db';
import { AllegationService } from './allegation.service';
import { CustodyService } from './custody.service';
import { FacilityService } from './facility.service';
import { PersonService } from './person.service';
import { SourceService } from './source.service';

export * from './common.schema';
export * from './source.schema';
export * from './person.schema';
export * from './facility.schema';
export * from './custody.schema';
export * from './allegation.schema';
export { personTimeline, type TimelineEvent } from './person.timeline';
export { isPublicActor, maySeeRestricted, readableSensitivities } from './visibility';
export { composeName, scriptOf } from './person.derive';
export { foldText, searchColumns } from './search-text';
export { recordRow } from './person.service';
export { AllegationService, CustodyService, FacilityService, PersonService, SourceService };

export interface Registry {
  sources: SourceService;
  persons: PersonService;
  facilities: FacilityService;
  custody: CustodyService;
  allegations: AllegationService;
}

export function createRegistry(db: Db): Registry {
  return {
    sources: new SourceService(db),
    persons: new PersonService(db),
    facilities: new FacilityService(db),
    custody: new CustodyService(db),
    allegations: new AllegationService(db),
  };
}
export { EXPORT_TABLES, exportRows, csvCell, csvLine, type ExportTable } from './export.service';
