// The longest text each control of the application form takes (and the revision's note to the
// partners): the form's maxlength attributes. Kept apart from application.schema.ts, which the form
// pages do not bundle (they validate nothing); a test holds it to the schema's own limits.
export const APPLICATION_TEXT_LIMITS: Readonly<Record<string, number>> = {
  title: 200,
  summary: 2000,
  challenge: 4000,
  need: 4000,
  'expectedEffect.citizen': 2000,
  'expectedEffect.hospital': 2000,
  'expectedEffect.municipality': 2000,
  'criteriaMet.*': 60,
  'guidelineAreas.*': 60,
  otherNeed: 2000,
  'priorityPatientGroups.*': 60,
  'partners.*.organisationName': 200,
  'partners.*.organisationNumber': 20,
  'partners.*.contactName': 200,
  'partners.*.email': 254,
  'partners.*.role': 500,
  'owner.name': 200,
  'owner.email': 254,
  'owner.unit': 200,
  periodStart: 10,
  periodEnd: 10,
  patientResponsibility: 2000,
  'anchoring.groupId': 60,
  'anchoring.justification': 2000,
  changeNote: 1000,
};

export const applicationFormLimits: ReadonlyMap<string, number> = new Map(Object.entries(APPLICATION_TEXT_LIMITS));
