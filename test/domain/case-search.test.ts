import { describe, expect, it } from 'vitest';
import { matchesCase, partnerOrganisations, searchWords } from '../../functions/domain/case-search';

describe('the secretariat\'s search by words', () => {
  const app = { id: 'app_AbCdEfGhIjKlMnOp', title: 'Kombinert jordmorstilling i Dalane', ownerEmail: 'kari.nordmann@eigersund.kommune.example' };

  it('splits on whitespace and lower-cases the Norwegian way', () => {
    expect(searchWords('  JORDMOR   Ålgård ')).toEqual(['jordmor', 'ålgård']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('needs every word, in the title, the address, the contact person\'s name, a partner or the case number', () => {
    expect(matchesCase(['jordmor', 'dalane'], app)).toBe(true);
    expect(matchesCase(['jordmor', 'sokndal'], app)).toBe(false);
    expect(matchesCase(['eigersund'], app)).toBe(true);
    expect(matchesCase(['nina'], { ...app, ownerName: 'Nina Nyansatt' })).toBe(true);
    expect(matchesCase(['abcdefgh'], app)).toBe(true);
    // a partner's organisation name, with the other words elsewhere
    expect(matchesCase(['sokndal', 'dalane'], { ...app, partnerOrganisations: ['Sokndal kommune', 'Helse Stavanger HF'] })).toBe(true);
    expect(matchesCase(['sokndal'], { ...app, partnerOrganisations: ['Helse Stavanger HF'] })).toBe(false);
    // no words, no match
    expect(matchesCase([], app)).toBe(false);
  });

  it('keeps the organisation name of every partner of the version', () => {
    expect(partnerOrganisations({ partners: [{ organisationName: 'Sokndal kommune' }, { organisationName: 'Helse Stavanger HF' }] })).toEqual(['Sokndal kommune', 'Helse Stavanger HF']);
  });
});
